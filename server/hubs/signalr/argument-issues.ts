// A zod issue about a hub argument, in words a person can act on: which argument (by position and,
// when the hub names it with .describe(), by name), which field, and what was wrong with the
// value it got, e.g. "argument 2 (runConfig): field 'barsPerTick' must be a number, got null".
// zod's own texts ("Invalid input", "received undefined") say neither where nor what to send.
import type { z } from 'zod';
import { formatPath } from '@patchdesk/modules/sdk/forbidden-keys';

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** Renders the first issue of a failed tuple parse; `items` are the tuple's schemas. */
export function describeArgumentIssue(issue: Issue, items: readonly z.ZodType[]): string {
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') return sentence(issue.message);
  const inner = rest.filter((key) => typeof key !== 'symbol');
  const argument = argumentLabel(index, items);
  const schema = schemaAt(items[index], inner);
  if (issue.code === 'unrecognized_keys') {
    const where = inner.length > 0 ? `: field '${formatPath(inner)}'` : '';
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    const accepted = acceptedFields(schema);
    return sentence(
      `${argument}${where}${where ? ' has' : ':'} unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` +
        (accepted === undefined ? '' : ` (the fields are: ${accepted || 'none'})`),
    );
  }
  const subject = inner.length > 0 ? `${argument}: field '${formatPath(inner)}'` : argument;
  // a hub's own refinement message is a whole clause: "the name 'x' is not allowed"
  if (issue.code === 'custom') return sentence(`${subject}: ${issue.message}`);
  return sentence(`${subject} ${predicate(issue)}`);
}

/** "argument 2 (runConfig)": counted from 1, named when the hub gave the schema a description. */
export function argumentLabel(index: number, items: readonly z.ZodType[]): string {
  const name = items[index]?.description;
  return `argument ${index + 1}${name === undefined ? '' : ` (${name})`}`;
}

function predicate(issue: Issue): string {
  const hasInput = 'input' in issue;
  const got = hasInput ? `, got ${kindOf(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      return hasInput && issue.input !== undefined
        ? `must be ${expected(issue.expected)}${got}`
        : 'is required';
    case 'invalid_union': {
      const kinds = unionKinds(issue);
      if (kinds === undefined) return `matches none of the accepted forms${got}`;
      return hasInput && issue.input !== undefined ? `must be ${kinds}${got}` : 'is required';
    }
    case 'too_small':
      return bound(issue.origin, 'least', issue.minimum, issue.inclusive !== false, 'greater than') + got;
    case 'too_big':
      return bound(issue.origin, 'most', issue.maximum, issue.inclusive !== false, 'less than') + got;
    case 'invalid_value':
      return `must be ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}${got}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `is not a valid ${issue.format}` : issue.message;
    default:
      return issue.message;
  }
}

function bound(origin: string, word: string, limit: unknown, inclusive: boolean, strictly: string): string {
  const value = typeof limit === 'bigint' ? limit.toString() : String(limit);
  if (origin === 'string') return `must be at ${word} ${value} characters long`;
  if (origin === 'array' || origin === 'set') return `must have at ${word} ${value} items`;
  return inclusive ? `must be at ${word} ${value}` : `must be ${strictly} ${value}`;
}

const expectedWords: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
  bigint: 'an integer',
  null: 'null',
  undefined: 'absent',
};

function expected(name: string): string {
  return expectedWords[name] ?? `a ${name}`;
}

function unionKinds(issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined {
  const kinds: string[] = [];
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first?.code !== 'invalid_type' || first.path.length > 0) return undefined;
    const word = expected(first.expected);
    if (!kinds.includes(word)) kinds.push(word);
  }
  if (kinds.length === 0) return undefined;
  return kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? `${value}` : String(value);
    case 'string':
      return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
    case 'boolean':
      return String(value);
    case 'object':
      return ArrayBuffer.isView(value) ? 'binary data' : 'an object';
    default:
      return typeof value;
  }
}

function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

interface SchemaDef {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: readonly z.ZodType[];
}

function defOf(schema: z.ZodType | undefined): SchemaDef | undefined {
  return (schema as unknown as { def?: SchemaDef } | undefined)?.def;
}

/** Unwraps optional/nullable/default/pipe wrappers. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(current);
    const next = def?.innerType ?? (def?.type === 'pipe' ? def.in : undefined);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** The schema at `path` inside `root`, when it can be followed (objects, arrays, tuples). */
function schemaAt(root: z.ZodType | undefined, path: readonly Key[]): z.ZodType | undefined {
  let current = unwrap(root);
  for (const key of path) {
    const def = defOf(current);
    if (def === undefined) return undefined;
    if (def.shape !== undefined && typeof key === 'string') current = unwrap(def.shape[key]);
    else if (def.element !== undefined) current = unwrap(def.element);
    else if (def.items !== undefined && typeof key === 'number') current = unwrap(def.items[key]);
    else return undefined;
  }
  return current;
}

function acceptedFields(schema: z.ZodType | undefined): string | undefined {
  const shape = defOf(schema)?.shape;
  return shape === undefined ? undefined : Object.keys(shape).join(', ');
}
