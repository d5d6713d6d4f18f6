// PatchHub (/hubs/patch): the module catalog, patch and cable edits, versions. A caller that
// opens a patch joins its group; each accepted change is sent to the rest of the group, so two
// browsers editing one patch stay in step (revisions let a client spot a missed message).
import { z } from 'zod';
import type { PatchDocument, PatchHubMethods } from '@patchdesk/modules/contracts/hubs';
import { patchEditSchema } from '@patchdesk/modules/patch/edit-schema';
import {
  cableSchema,
  moduleIdSchema,
  paramValueSchema,
  patchDescriptionSchema,
  patchModuleSchema,
  patchViewSchema,
  positionSchema,
} from '@patchdesk/modules/patch/schema';
import type { PatchEdit } from '@patchdesk/modules/patch/types';
import { forbiddenKeys, isForbiddenKey } from '@patchdesk/modules/sdk/forbidden-keys';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { editsPerCallMax } from '../patches/working-copies';
import type { WorkingCopies } from '../patches/working-copies';
import type { RunManager } from '../engine/run-manager';
import { withCallerErrors } from './domain-errors';
import type { PathRedactor } from './redact-paths';
import { defineHub, hubMethod, HubError } from './signalr/index';
import type { HubDefinition, InvocationContext } from './signalr/index';

export interface PatchHubDependencies {
  workingCopies: WorkingCopies;
  runManager: Pick<RunManager, 'isRunning'>;
  registry: ModuleRegistry;
  /** Takes server paths out of texts sent to clients (a broken patch file's error). */
  redactPaths?: PathRedactor;
}

/** The group of a patch's editors. */
export function patchGroup(name: string): string {
  return `patch:${name}`;
}

// Names are checked by the store (with a message that says what is wrong); here only the type and a bound.
const name = z.string().max(200).describe('patchName');
const version = z.number().int().min(0);
// a param name becomes a key of the module's params object: the forbidden keys are refused here
const paramName = z
  .string()
  .min(1)
  .max(64)
  .refine((key) => !isForbiddenKey(key), {
    error: (issue) =>
      `the name '${String(issue.input)}' is not allowed: the keys ${forbiddenKeys.map((key) => `'${key}'`).join(', ')} are refused in any input`,
  })
  .describe('param');

export function createPatchHub(deps: PatchHubDependencies): HubDefinition {
  const { workingCopies, runManager, registry } = deps;
  const redact = deps.redactPaths ?? ((text: string) => text);

  const open = (ctx: InvocationContext, document: PatchDocument): PatchDocument => {
    ctx.groups.add(patchGroup(document.name));
    return document;
  };

  const edit = (ctx: InvocationContext, patchName: string, edits: PatchEdit[]) =>
    withCallerErrors(async () => {
      const result = await workingCopies.applyEdits(patchName, edits);
      if (result.ok)
        ctx.clients
          .othersInGroup(patchGroup(patchName))
          .send('patchEdited', patchName, edits, result.revision);
      return result;
    });

  const replaced = (ctx: InvocationContext, previousName: string, document: PatchDocument): PatchDocument => {
    ctx.clients.othersInGroup(patchGroup(previousName)).send('patchReplaced', document);
    if (previousName !== document.name) ctx.groups.remove(patchGroup(previousName));
    return open(ctx, document);
  };

  const methods: Record<keyof PatchHubMethods, ReturnType<typeof hubMethod>> = {
    getCatalog: hubMethod(z.tuple([]), () => registry.catalog()),
    listPatches: hubMethod(z.tuple([]), async () =>
      (await workingCopies.list()).map((summary) => ({
        ...summary,
        ...(summary.error === undefined ? {} : { error: redact(summary.error) }),
        running: runManager.isRunning(summary.name),
      })),
    ),
    getPatch: hubMethod(z.tuple([name]), (ctx, patchName) =>
      withCallerErrors(async () => open(ctx, await workingCopies.get(patchName))),
    ),
    createPatch: hubMethod(
      // JavaScript clients send an omitted trailing argument as null.
      z.tuple([name, patchDescriptionSchema.nullish().describe('description')]),
      (ctx, patchName, description) =>
        withCallerErrors(async () => open(ctx, await workingCopies.create(patchName, description ?? ''))),
    ),
    renamePatch: hubMethod(z.tuple([name, name.describe('newName')]), (ctx, patchName, newName) =>
      withCallerErrors(async () => {
        if (runManager.isRunning(patchName))
          throw new HubError(`patch "${patchName}" is running; stop it before renaming`);
        return replaced(ctx, patchName, await workingCopies.rename(patchName, newName));
      }),
    ),
    addModule: hubMethod(z.tuple([name, patchModuleSchema.describe('module')]), (ctx, patchName, module) =>
      edit(ctx, patchName, [{ kind: 'addModule', module }]),
    ),
    removeModule: hubMethod(
      z.tuple([name, moduleIdSchema.describe('moduleId')]),
      (ctx, patchName, moduleId) => edit(ctx, patchName, [{ kind: 'removeModule', moduleId }]),
    ),
    moveModule: hubMethod(
      z.tuple([name, moduleIdSchema.describe('moduleId'), positionSchema.describe('position')]),
      (ctx, patchName, moduleId, position) =>
        edit(ctx, patchName, [{ kind: 'moveModule', moduleId, position }]),
    ),
    connect: hubMethod(z.tuple([name, cableSchema.describe('cable')]), (ctx, patchName, cable) =>
      edit(ctx, patchName, [{ kind: 'connect', cable }]),
    ),
    disconnect: hubMethod(z.tuple([name, cableSchema.describe('cable')]), (ctx, patchName, cable) =>
      edit(ctx, patchName, [{ kind: 'disconnect', cable }]),
    ),
    setParam: hubMethod(
      z.tuple([name, moduleIdSchema.describe('moduleId'), paramName, paramValueSchema.describe('value')]),
      (ctx, patchName, moduleId, param, value) =>
        edit(ctx, patchName, [{ kind: 'setParam', moduleId, param, value }]),
    ),
    setView: hubMethod(z.tuple([name, patchViewSchema.describe('view')]), (ctx, patchName, view) =>
      edit(ctx, patchName, [{ kind: 'setView', view }]),
    ),
    applyEdits: hubMethod(
      z.tuple([name, z.array(patchEditSchema).max(editsPerCallMax).describe('edits')]),
      (ctx, patchName, edits) => edit(ctx, patchName, edits),
    ),
    savePatch: hubMethod(
      z.tuple([name, z.string().describe('message'), version.describe('baseVersion')]),
      (ctx, patchName, message, baseVersion) =>
        withCallerErrors(async () => {
          const saved = await workingCopies.save(patchName, message, baseVersion);
          ctx.clients.othersInGroup(patchGroup(patchName)).send('patchSaved', patchName, saved.version);
          return saved.version;
        }),
    ),
    listVersions: hubMethod(z.tuple([name]), (_ctx, patchName) =>
      withCallerErrors(() => workingCopies.versions(patchName)),
    ),
    getVersion: hubMethod(z.tuple([name, version]), (_ctx, patchName, savedVersion) =>
      withCallerErrors(() => workingCopies.version(patchName, savedVersion)),
    ),
    diffVersions: hubMethod(z.tuple([name, version, version]), (_ctx, patchName, fromVersion, toVersion) =>
      withCallerErrors(() => workingCopies.diff(patchName, fromVersion, toVersion)),
    ),
    restoreVersion: hubMethod(z.tuple([name, version]), (ctx, patchName, restoredVersion) =>
      withCallerErrors(async () => {
        const restored = await workingCopies.restore(patchName, restoredVersion);
        return replaced(ctx, patchName, restored.document);
      }),
    ),
  };
  return defineHub({ name: 'PatchHub', methods });
}
