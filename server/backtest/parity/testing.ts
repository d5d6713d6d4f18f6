// Test support: a RunManager with run recordings on a given store, the shipped ema-cross-rsi
// example in a temp patch folder, and helpers to run a paper run to its end.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { RunManager } from '../../engine/run-manager';
import { bundledPaths } from '../../main/paths';
import { DatasetCatalog } from '../../market/dataset-catalog';
import { PatchStore } from '../../patches/patch-store';
import { WorkingCopies } from '../../patches/working-copies';
import type { Store } from '../../store/open-store';
import { RecordingStore } from './recording-store';
import { RunRecordings } from './run-recordings';

export const parityPatchName = 'ema-cross-rsi';

/** `dirs` collects the temp folder for the caller to remove. */
export function recordingSetup(store: Store, dirs: string[]) {
  const logger = pino({ level: 'silent' });
  const registry = createBuiltinRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-parity-'));
  dirs.push(dir);
  cpSync(join(bundledPaths.examplePatches, `${parityPatchName}.json`), join(dir, `${parityPatchName}.json`));
  const workingCopies = new WorkingCopies({ store: new PatchStore(dir), registry, logger });
  const recordings = new RunRecordings({ get: () => Promise.resolve(store) }, registry, logger);
  const manager = new RunManager({
    workingCopies,
    registry,
    logger,
    datasets: new DatasetCatalog({ samplePath: bundledPaths.sampleBars, dataDirs: [], logger }),
    recordings,
  });
  return { manager, workingCopies, recordings };
}

/** Waits for the paper run to end and its recording to be in the store. */
export async function runToEnd(manager: RunManager): Promise<void> {
  await vi.waitFor(() => expect(manager.isRunning(parityPatchName)).toBe(false), {
    timeout: 60_000,
    interval: 50,
  });
  await manager.journalsClosed();
}

export async function newestRunId(store: Store): Promise<string> {
  const [newest] = await new RecordingStore(store.db).list(1);
  return newest.runId;
}

/** A whole paper run of the example over the sample, recorded; its run id. */
export async function recordPaperRun(store: Store, dirs: string[]): Promise<string> {
  const { manager } = recordingSetup(store, dirs);
  await manager.start(parityPatchName, { mode: 'paper', barsPerTick: 10_000 });
  await runToEnd(manager);
  await manager.stopAll();
  return newestRunId(store);
}
