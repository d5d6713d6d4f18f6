// The zod schema of patch edits: hubs check incoming edits with it, and applyEdits checks each
// edit with it, so an edit can never put a value into a patch that the file schema would refuse.
import { z } from 'zod';
import {
  cableSchema,
  moduleIdSchema,
  paramValueSchema,
  patchDescriptionSchema,
  patchModuleSchema,
  patchNameSchema,
  patchViewSchema,
  positionSchema,
  schemaProblems,
  shortName,
  subpatchSchema,
} from './schema';
import { forbiddenKeyProblems } from './forbidden-keys';
import type { PatchEdit, Problem } from './types';

export const patchEditSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('addModule'), module: patchModuleSchema }),
  z.strictObject({ kind: z.literal('removeModule'), moduleId: moduleIdSchema }),
  z.strictObject({ kind: z.literal('moveModule'), moduleId: moduleIdSchema, position: positionSchema }),
  z.strictObject({ kind: z.literal('connect'), cable: cableSchema }),
  z.strictObject({ kind: z.literal('disconnect'), cable: cableSchema }),
  z.strictObject({
    kind: z.literal('setParam'),
    moduleId: moduleIdSchema,
    param: shortName('param'),
    value: paramValueSchema,
  }),
  z.strictObject({
    kind: z.literal('setMetadata'),
    name: patchNameSchema.optional(),
    description: patchDescriptionSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('setView'), view: patchViewSchema }),
  z.strictObject({ kind: z.literal('setSubpatch'), subpatch: subpatchSchema }),
  z.strictObject({ kind: z.literal('removeSubpatch'), subpatchId: moduleIdSchema }),
]);

export type ParseEditsResult = { ok: true; edits: PatchEdit[] } | { ok: false; problems: Problem[] };

/**
 * Check a list of edits from outside (a hub message); paths read `edits[2].module.id`. A key
 * named "__proto__", "constructor" or "prototype" anywhere refuses the list (FORBIDDEN_KEY).
 */
export function parsePatchEdits(input: unknown): ParseEditsResult {
  const forbidden = forbiddenKeyProblems(input, ['edits']);
  const result = z.array(patchEditSchema).safeParse(input);
  if (result.success && forbidden.length === 0) return { ok: true, edits: result.data satisfies PatchEdit[] };
  const problems = result.success ? [] : schemaProblems(result.error.issues, ['edits']);
  return { ok: false, problems: [...forbidden, ...problems] };
}
