// The patch file schema (zod): shape, limits and id syntax. What the schema cannot see (types,
// ports, params of a module type, cycles) is validate.ts's job.
import { z } from 'zod';
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

/** Module ids appear in `MODULE.PORT` probe keys, so no dots or spaces. */
export const moduleIdPattern = /^[A-Za-z0-9_-]+$/;

export const moduleIdSchema = z
  .string()
  .min(1, 'a module id must not be empty')
  .max(moduleIdLengthMax, `a module id is at most ${moduleIdLengthMax} characters`)
  .regex(moduleIdPattern, 'a module id may only use letters, digits, "_" and "-"');

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const shortName = (what: string) =>
  z
    .string()
    .min(1, `a ${what} name must not be empty`)
    .max(portNameLengthMax, `a ${what} name is at most ${portNameLengthMax} characters`);

export const positionSchema = z.strictObject({ x: finite, y: finite });
export const paramValueSchema = z.union([finite, z.string().max(paramStringLengthMax), z.boolean()]);
export const portRefSchema = z.strictObject({ module: moduleIdSchema, port: shortName('port') });
export const cableSchema = z.strictObject({ from: portRefSchema, to: portRefSchema });
export const patchNameSchema = z
  .string()
  .min(1, 'a patch name must not be empty')
  .max(patchNameLengthMax, `a patch name is at most ${patchNameLengthMax} characters`);
export const patchDescriptionSchema = z
  .string()
  .max(patchDescriptionLengthMax, `a description is at most ${patchDescriptionLengthMax} characters`);

export const patchModuleSchema = z.strictObject({
  id: moduleIdSchema,
  type: z.string().min(1, 'a module type must not be empty').max(moduleTypeLengthMax),
  params: z.record(shortName('param'), paramValueSchema),
  position: positionSchema,
});

export const patchSchema = z.strictObject({
  schemaVersion: z.literal(patchSchemaVersion),
  name: patchNameSchema,
  description: patchDescriptionSchema,
  modules: z.array(patchModuleSchema).max(patchModulesMax, `a patch has at most ${patchModulesMax} modules`),
  cables: z.array(cableSchema).max(patchCablesMax, `a patch has at most ${patchCablesMax} cables`),
});

export type ParseResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

/** Check a parsed JSON value against the patch schema, migrating older versions first. */
export function parsePatch(input: unknown): ParseResult {
  const migrated = migratePatch(input);
  if (!migrated.ok) return migrated;
  const result = patchSchema.safeParse(migrated.raw);
  if (result.success) return { ok: true, patch: result.data satisfies Patch };
  return { ok: false, problems: schemaProblems(result.error.issues) };
}

/** SCHEMA_INVALID problems from zod issues, their paths under `prefix` (e.g. `edits[2]`). */
export function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  return issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    return { code: 'SCHEMA_INVALID', message: `${path || 'patch'}: ${issue.message}`, location: { path } };
  });
}

/** Parse patch file text; bad JSON becomes one problem naming the line and column. */
export function parsePatchJson(text: string): ParseResult {
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
          message: `not valid JSON${where ? ` at ${where}` : ''}: ${detail}`,
          location: {},
        },
      ],
    };
  }
  return parsePatch(raw);
}

/** `modules[3].params.period` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** "line L, column C" from the position V8 reports, or the end of the text when it ran out. */
function jsonErrorWhere(text: string, message: string): string | null {
  const match = /position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : /end of JSON/.test(message) ? text.length : null;
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
