// The patch file schema (zod): shape, limits and id syntax. What the schema cannot see (types,
// ports, params of a module type, cycles) is validate.ts's job.
import { z } from 'zod';
import { forbiddenKeyProblems, formatKeyPath, isForbiddenKey } from './forbidden-keys';
import { migratePatch } from './migrations';
import type { Patch, Problem } from './types';
import { patchSchemaVersion } from './types';

export const patchNameLengthMax = 100;
export const patchDescriptionLengthMax = 10_000;
export const moduleIdLengthMax = 64;
export const patchModulesMax = 2_000;
export const patchCablesMax = 10_000;
export const paramStringLengthMax = 1_000;
export const portNameLengthMax = 64;
export const moduleTypeLengthMax = 128;
/**
 * Largest patch file read or parsed, in bytes (characters for text already in memory). A patch
 * at the schema's own limits (2,000 modules with a few params each, 10,000 cables) is about
 * 4 MiB pretty-printed, so 16 MiB leaves room for long descriptions and string params while
 * keeping a parse well under a second and its memory under ~100 MB. A 122 MB file used to take
 * 7.7 s and 484 MB before it was refused.
 */
export const patchFileBytesMax = 16 * 1024 * 1024;
/**
 * Deepest nesting of `[` and `{` read. A patch is 4 levels deep; V8's JSON.parse spends seconds
 * on a 16 MiB file of nested brackets, so such text is refused before it is parsed.
 */
export const patchJsonDepthMax = 32;

/**
 * A name or id that becomes an object key must not be "__proto__", "constructor" or
 * "prototype" (see forbidden-keys.ts); the issue carries FORBIDDEN_KEY as its problem code.
 */
function notForbidden<T extends z.ZodString>(schema: T, what: string) {
  return schema.refine((value) => !isForbiddenKey(value), {
    message: `${what} must not be "__proto__", "constructor" or "prototype" (reserved in JavaScript objects)`,
    params: { problemCode: 'FORBIDDEN_KEY' },
  });
}

/** Module ids appear in `MODULE.PORT` probe keys, so no dots or spaces. */
export const moduleIdPattern = /^[A-Za-z0-9_-]+$/;

export const moduleIdSchema = notForbidden(
  z
    .string()
    .min(1, 'a module id must not be empty')
    .max(moduleIdLengthMax, `a module id is at most ${moduleIdLengthMax} characters`)
    .regex(moduleIdPattern, 'a module id may only use letters, digits, "_" and "-"'),
  'a module id',
);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
export const shortName = (what: string) =>
  notForbidden(
    z
      .string()
      .min(1, `a ${what} name must not be empty`)
      .max(portNameLengthMax, `a ${what} name is at most ${portNameLengthMax} characters`),
    `a ${what} name`,
  );

export const positionSchema = z.strictObject({ x: finite, y: finite });
export const paramValueSchema = z.union([finite, z.string().max(paramStringLengthMax), z.boolean()]);
export const portRefSchema = z.strictObject({ module: moduleIdSchema, port: shortName('port') });
export const cableSchema = z.strictObject({ from: portRefSchema, to: portRefSchema });
export const patchNameSchema = notForbidden(
  z
    .string()
    .min(1, 'a patch name must not be empty')
    .max(patchNameLengthMax, `a patch name is at most ${patchNameLengthMax} characters`),
  'a patch name',
);
export const patchDescriptionSchema = z
  .string()
  .max(patchDescriptionLengthMax, `a description is at most ${patchDescriptionLengthMax} characters`);

export const patchModuleSchema = z.strictObject({
  id: moduleIdSchema,
  type: z.string().min(1, 'a module type must not be empty').max(moduleTypeLengthMax),
  params: z.record(shortName('param'), paramValueSchema),
  position: positionSchema,
});

/** Probes a patch's view lists; the probe hub takes 256 per subscription, a panel shows far fewer. */
export const patchViewProbesMax = 256;
/**
 * How deep subpatches nest: an instance inside a definition inside ... `subpatchDepthMax`
 * definitions deep. Deeper is a patch nobody reads; the bound keeps flattening and ids short.
 */
export const subpatchDepthMax = 4;
const probeKeyLengthMax = (subpatchDepthMax + 1) * (moduleIdLengthMax + 1) + portNameLengthMax;
/**
 * `MODULE.PORT`: a module id, a dot, a port name; inside a subpatch the module is its path,
 * `INSTANCE/INNER`, or `A/B/INNER` when subpatches nest (see flatten.ts).
 */
export const probeKeySchema = z
  .string()
  .max(probeKeyLengthMax, `a probe key is MODULE.PORT, at most ${probeKeyLengthMax} characters`)
  .regex(
    new RegExp(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,${subpatchDepthMax}}\\.[^.]+$`),
    'a probe key is MODULE.PORT (a module id or a path INSTANCE/.../MODULE, a dot, an output port)',
  );
/** Comments on one canvas: more than a screen can show and still be read. */
export const patchViewCommentsMax = 200;
/** A comment is a note, not a document: the description holds long text. */
export const commentTextLengthMax = 2_000;
export const patchCommentSchema = z.strictObject({
  id: moduleIdSchema,
  text: z.string().max(commentTextLengthMax, `a comment is at most ${commentTextLengthMax} characters`),
  position: positionSchema,
});
/** Groups on one canvas: frames around a few modules each, fewer than comments. */
export const patchViewGroupsMax = 100;
/** A group's title is a label, one line. */
export const groupTitleLengthMax = 80;
/** A frame is at least big enough to hold its title bar, at most far larger than any patch. */
export const groupSideMin = 40;
export const groupSideMax = 100_000;
const groupSide = z
  .number()
  .finite()
  .min(groupSideMin, `a group side is at least ${groupSideMin}`)
  .max(groupSideMax, `a group side is at most ${groupSideMax}`);
export const patchGroupSchema = z.strictObject({
  id: moduleIdSchema,
  title: z.string().max(groupTitleLengthMax, `a group title is at most ${groupTitleLengthMax} characters`),
  position: positionSchema,
  size: z.strictObject({ width: groupSide, height: groupSide }),
});
export const patchPaneIdsMax = 64;
export const paneHeightPxMax = 4_000;
const paneIdsSchema = z
  .array(z.string().min(1).max(200))
  .max(patchPaneIdsMax, `a patch's view lists at most ${patchPaneIdsMax} panes`);
export const patchPaneLayoutSchema = z.strictObject({
  order: paneIdsSchema,
  collapsed: paneIdsSchema,
  heightPx: z.number().int().min(1).max(paneHeightPxMax).optional(),
});
export const patchViewSchema = z.strictObject({
  panes: patchPaneLayoutSchema.optional(),
  probes: z
    .array(probeKeySchema)
    .max(patchViewProbesMax, `a patch's view lists at most ${patchViewProbesMax} probes`)
    .optional(),
  comments: z
    .array(patchCommentSchema)
    .max(patchViewCommentsMax, `a patch's view holds at most ${patchViewCommentsMax} comments`)
    .refine((comments) => new Set(comments.map((c) => c.id)).size === comments.length, {
      message: 'two comments share an id',
    })
    .optional(),
  groups: z
    .array(patchGroupSchema)
    .max(patchViewGroupsMax, `a patch's view holds at most ${patchViewGroupsMax} groups`)
    .refine((groups) => new Set(groups.map((g) => g.id)).size === groups.length, {
      message: 'two groups share an id',
    })
    .optional(),
});

/** Subpatch definitions in one patch, and inlets or outlets of one subpatch. */
export const patchSubpatchesMax = 64;
export const subpatchPortsMax = 64;
/** A subpatch's instances are `subpatch:ID` modules, so the id follows module id syntax. */
export const subpatchTypePrefix = 'subpatch:';
const portTypeSchema = z.enum(['number', 'bool', 'bar', 'orderIntent']);
export const subpatchSchema = z.strictObject({
  id: moduleIdSchema,
  title: z.string().max(patchNameLengthMax, `a subpatch title is at most ${patchNameLengthMax} characters`),
  inlets: z
    .array(
      z.strictObject({
        name: shortName('inlet'),
        type: portTypeSchema,
        to: z.array(portRefSchema).max(patchCablesMax),
      }),
    )
    .max(subpatchPortsMax, `a subpatch has at most ${subpatchPortsMax} inlets`),
  outlets: z
    .array(z.strictObject({ name: shortName('outlet'), type: portTypeSchema, from: portRefSchema }))
    .max(subpatchPortsMax, `a subpatch has at most ${subpatchPortsMax} outlets`),
  modules: z
    .array(patchModuleSchema)
    .max(patchModulesMax, `a subpatch has at most ${patchModulesMax} modules`),
  cables: z.array(cableSchema).max(patchCablesMax, `a subpatch has at most ${patchCablesMax} cables`),
});

export const patchSchema = z.strictObject({
  schemaVersion: z.literal(patchSchemaVersion),
  name: patchNameSchema,
  description: patchDescriptionSchema,
  modules: z.array(patchModuleSchema).max(patchModulesMax, `a patch has at most ${patchModulesMax} modules`),
  cables: z.array(cableSchema).max(patchCablesMax, `a patch has at most ${patchCablesMax} cables`),
  subpatches: z
    .array(subpatchSchema)
    .max(patchSubpatchesMax, `a patch has at most ${patchSubpatchesMax} subpatches`)
    .optional(),
  view: patchViewSchema.optional(),
});

export type ParseResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

/**
 * Check a parsed JSON value against the patch schema, migrating older versions first. Keys
 * named "__proto__", "constructor" or "prototype" anywhere are refused first (FORBIDDEN_KEY):
 * the schema alone would drop a "__proto__" key without a word.
 */
export function parsePatch(input: unknown): ParseResult {
  const forbidden = forbiddenKeyProblems(input);
  const migrated = migratePatch(input);
  if (!migrated.ok) return { ok: false, problems: [...forbidden, ...migrated.problems] };
  const result = patchSchema.safeParse(migrated.raw);
  if (result.success && forbidden.length === 0) return { ok: true, patch: result.data satisfies Patch };
  return {
    ok: false,
    problems: [...forbidden, ...(result.success ? [] : schemaProblems(result.error.issues))],
  };
}

/**
 * Problems from zod issues, their paths under `prefix` (e.g. `edits[2]`): SCHEMA_INVALID, or
 * FORBIDDEN_KEY for a reserved name used as an id. Issues about a forbidden key itself are left
 * out: forbiddenKeyProblems reports those, run on the raw input beside the schema.
 */
export function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (isAboutForbiddenKey(issue)) continue;
    const path = formatPath([...prefix, ...issue.path]);
    const forbidden = issue.code === 'custom' && issue.params?.problemCode === 'FORBIDDEN_KEY';
    problems.push({
      code: forbidden ? 'FORBIDDEN_KEY' : 'SCHEMA_INVALID',
      message: `${path || 'patch'}: ${issue.message}`,
      location: { path },
    });
  }
  return problems;
}

function isAboutForbiddenKey(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'unrecognized_keys') return issue.keys.every(isForbiddenKey);
  if (issue.code === 'invalid_key') return isForbiddenKey(issue.path[issue.path.length - 1]);
  return false;
}

/** Parse patch file text; bad JSON becomes one problem naming the line and column. */
export function parsePatchJson(text: string): ParseResult {
  if (text.length > patchFileBytesMax) {
    const mib = (size: number) => `${(size / (1024 * 1024)).toFixed(1)} MiB`;
    return {
      ok: false,
      problems: [
        {
          code: 'SCHEMA_INVALID',
          message: `a patch is at most ${mib(patchFileBytesMax)}; this one is ${mib(text.length)}`,
          location: {},
        },
      ],
    };
  }
  const tooDeepAt = nestingPastDepth(text, patchJsonDepthMax);
  if (tooDeepAt >= 0) {
    return {
      ok: false,
      problems: [
        {
          code: 'SCHEMA_INVALID',
          message: `nested more than ${patchJsonDepthMax} levels deep at ${lineAndColumn(text, tooDeepAt)}; a patch is 4 levels deep`,
          location: {},
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const where = jsonErrorWhere(text, detail);
    return {
      ok: false,
      problems: [
        {
          code: 'SCHEMA_INVALID',
          message: `not valid JSON${where ? ` at ${where}` : ''}: ${jsonErrorReason(detail)}`,
          location: {},
        },
      ],
    };
  }
  return parsePatch(raw);
}

/** `modules[3].params.period` from zod's path array. */
export const formatPath = formatKeyPath;

/**
 * V8's reason without the excerpt of the file it quotes (`Unexpected token 'o', "{ oops"... is
 * not valid JSON`) or the position (given as line and column instead): the message may travel
 * to other people, the file's contents should not.
 */
function jsonErrorReason(detail: string): string {
  return detail
    .replace(/, .*is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '')
    .trim();
}

/** "line L, column C" from the position V8 reports, or the end of the text when it ran out. */
function jsonErrorWhere(text: string, message: string): string | null {
  const match = /position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : /end of JSON/.test(message) ? text.length : null;
  return offset === null ? null : lineAndColumn(text, offset);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Offset of the first `[` or `{` (outside strings) past `depthMax` levels, or -1. One pass, no allocation. */
function nestingPastDepth(text: string, depthMax: number): number {
  const quote = 34; // "
  const backslash = 92;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === backslash) i++;
      else if (code === quote) inString = false;
    } else if (code === quote) {
      inString = true;
    } else if (code === 91 || code === 123) {
      if (++depth > depthMax) return i;
    } else if (code === 93 || code === 125) {
      depth--;
    }
  }
  return -1;
}
