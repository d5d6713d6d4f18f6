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

/** Module ids appear in `MODULE.PORT` probe keys, so no dots or spaces. */
export const moduleIdPattern = /^[A-Za-z0-9_-]+$/;

const moduleId = z
  .string()
  .min(1, 'a module id must not be empty')
  .max(moduleIdLengthMax, `a module id is at most ${moduleIdLengthMax} characters`)
  .regex(moduleIdPattern, 'a module id may only use letters, digits, "_" and "-"');

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const portRef = z.strictObject({
  module: moduleId,
  port: z.string().min(1, 'a port name must not be empty'),
});

const patchModule = z.strictObject({
  id: moduleId,
  type: z.string().min(1, 'a module type must not be empty'),
  params: z.record(z.string(), z.union([finite, z.string().max(paramStringLengthMax), z.boolean()])),
  position: z.strictObject({ x: finite, y: finite }),
});

export const patchSchema = z.strictObject({
  schemaVersion: z.literal(patchSchemaVersion),
  name: z.string().min(1, 'a patch name must not be empty').max(patchNameLengthMax),
  description: z.string().max(patchDescriptionLengthMax),
  modules: z.array(patchModule).max(patchModulesMax),
  cables: z.array(z.strictObject({ from: portRef, to: portRef })).max(patchCablesMax),
});

export type ParseResult = { ok: true; patch: Patch } | { ok: false; problems: Problem[] };

/** Check a parsed JSON value against the patch schema, migrating older versions first. */
export function parsePatch(input: unknown): ParseResult {
  const migrated = migratePatch(input);
  if (!migrated.ok) return migrated;
  const result = patchSchema.safeParse(migrated.raw);
  if (result.success) return { ok: true, patch: result.data satisfies Patch };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = formatPath(issue.path);
      return {
        code: 'SCHEMA_INVALID',
        message: `${path || 'patch'}: ${issue.message}`,
        location: { path },
      };
    }),
  };
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
