// StateHub (/hubs/state): run lifecycle. start/stop/getStatus, the datasets a run can replay, and
// a `status` event to every client when a run changes state and about once a second while it runs.
import { z } from 'zod';
import type { StateHubMethods } from '@patchdesk/modules/contracts/hubs';
import type { RunManager } from '../engine/run-manager';
import { runConfigSchema } from '../engine/run-manager';
import type { DatasetCatalog } from '../market/dataset-catalog';
import { withCallerErrors } from './domain-errors';
import { defineHub, hubMethod } from './signalr/index';
import type { HubClients, HubDefinition } from './signalr/index';

const name = z.string().max(200);

export function createStateHub(
  runManager: RunManager,
  datasets: Pick<DatasetCatalog, 'list'>,
): HubDefinition {
  const methods: Record<keyof StateHubMethods, ReturnType<typeof hubMethod>> = {
    start: hubMethod(
      z.tuple([name.describe('patchName'), runConfigSchema.nullish().describe('runConfig')]),
      (_ctx, patchName, runConfig) => withCallerErrors(() => runManager.start(patchName, runConfig ?? {})),
    ),
    stop: hubMethod(z.tuple([name.describe('patchName')]), (_ctx, patchName) =>
      withCallerErrors(() => runManager.stop(patchName)),
    ),
    getStatus: hubMethod(z.tuple([]), () => runManager.status()),
    listDatasets: hubMethod(z.tuple([]), () => datasets.list()),
  };
  return defineHub({ name: 'StateHub', methods });
}

/** Sends every status the run manager publishes to all StateHub clients; returns the stop function. */
export function forwardRunStatus(runManager: RunManager, clients: HubClients): () => void {
  return runManager.onStatus((status) => clients.all.send('status', status));
}
