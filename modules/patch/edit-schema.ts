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
  portNameLengthMax,
  positionSchema,
  schemaProblems,
} from './schema';
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
    param: z.string().min(1).max(portNameLengthMax),
    value: paramValueSchema,
  }),
  z.strictObject({
    kind: z.literal('setMetadata'),
    name: patchNameSchema.optional(),
    description: patchDescriptionSchema.optional(),
  }),
]);

export type ParseEditsResult = { ok: true; edits: PatchEdit[] } | { ok: false; problems: Problem[] };

/** Check a list of edits from outside (a hub message); paths read `edits[2].module.id`. */
export function parsePatchEdits(input: unknown): ParseEditsResult {
  const result = z.array(patchEditSchema).safeParse(input);
  if (result.success) return { ok: true, edits: result.data satisfies PatchEdit[] };
  return { ok: false, problems: schemaProblems(result.error.issues, ['edits']) };
}
