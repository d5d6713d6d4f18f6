import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { builtinModules } from '@patchdesk/modules/library/index';
import { editsBetween } from '@patchdesk/modules/patch/edits-between';
import { makeSubpatch } from '@patchdesk/modules/patch/make-subpatch';
import type { Patch } from '@patchdesk/modules/patch/types';
import { defineModule, ModuleRegistry, param, port } from '@patchdesk/modules/sdk/index';
import { createLogging } from '../logging';
import { bundledPaths } from '../main/paths';
import { DatasetCatalog } from '../market/dataset-catalog';
import { PatchStore } from '../patches/patch-store';
import { WorkingCopies } from '../patches/working-copies';
import { RunManager, RunRefusedError, UnknownProbePortError } from './run-manager';
import { Run } from './run';

// A module that fails once its input passes a limit: how a bug in a module shows up in a run.
const tripwire = defineModule({
  type: 'math/tripwire',
  category: 'math',
  title: 'Tripwire',
  description: 'Test module: throws when its input exceeds the limit.',
  inputs: { in: port.number() },
  outputs: { out: port.number() },
  params: { limit: param.float({ default: 0, min: -1e12, max: 1e12 }) },
  init: ({ limit }) => ({ limit }),
  step(state, inputs, outputs) {
    if (inputs.in > state.limit) throw new Error(`input ${inputs.in} is over ${state.limit}`);
    outputs.out = inputs.in;
  },
});
const registry = new ModuleRegistry([...builtinModules, tripwire]);

function patchWithLimit(limit: number): Patch {
  return {
    schemaVersion: 1,
    name: 'tripwire',
    description: '',
    modules: [
      { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'wire', type: 'math/tripwire', params: { limit }, position: { x: 200, y: 0 } },
    ],
    cables: [{ from: { module: 'bars', port: 'close' }, to: { module: 'wire', port: 'in' } }],
  };
}

const managers: RunManager[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.stopAll();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(limit: number, logger = pino({ level: 'silent' })) {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-runs-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'tripwire.json'), JSON.stringify(patchWithLimit(limit)));
  const workingCopies = new WorkingCopies({ store: new PatchStore(dir), registry, logger });
  const manager = new RunManager({
    workingCopies,
    registry,
    logger,
    datasets: new DatasetCatalog({ samplePath: bundledPaths.sampleBars, dataDirs: [], logger }),
  });
  managers.push(manager);
  return { manager, workingCopies };
}

describe('RunManager', () => {
  it('marks a run whose module throws as error with the reason, and keeps serving', async () => {
    const logging = createLogging({ console: 'off' });
    const { manager } = setup(1, logging.logger);
    const statuses: RunStatus[] = [];
    manager.onStatus((status) => statuses.push(status));
    await manager.start('tripwire');
    await vi.waitFor(() => expect(manager.statusOf('tripwire').state).toBe('error'), { timeout: 5_000 });
    expect(manager.statusOf('tripwire').reason).toMatch(/input \d+(\.\d+)? is over 1/);
    expect(manager.isRunning('tripwire')).toBe(false);
    expect(statuses.map((status) => status.state)).toEqual(['running', 'error']);
    expect(
      logging.ring.recent().some((record) => record.level === 'error' && record.run === 'tripwire'),
    ).toBe(true);
    // a failed run can be started again once fixed
    expect((await manager.start('tripwire')).state).toBe('running');
  });

  it('feeds tick watchers across a stop and a restart, and forwards edits as hot patches', async () => {
    const { manager, workingCopies } = setup(1e12);
    const seen: number[] = [];
    const stopWatching = manager.watchTicks('tripwire', (_timeMs, read) => seen.push(read('wire.out')));
    await manager.start('tripwire', { barsPerTick: 3 });
    await vi.waitFor(() => expect(seen.some((value) => value > 0)).toBe(true), { timeout: 5_000 });
    await manager.stop('tripwire');
    seen.length = 0;
    await manager.start('tripwire');
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0), { timeout: 5_000 });
    await workingCopies.applyEdits('tripwire', [
      { kind: 'setParam', moduleId: 'wire', param: 'limit', value: 1 },
    ]);
    await vi.waitFor(() => expect(manager.statusOf('tripwire').state).toBe('error'), { timeout: 5_000 });
    stopWatching();
  });

  it('does not hot-patch a running patch for a view or layout edit', async () => {
    const { manager, workingCopies } = setup(1e12);
    const applyPatch = vi.spyOn(Run.prototype, 'applyPatch');
    try {
      await manager.start('tripwire');
      await workingCopies.applyEdits('tripwire', [{ kind: 'setView', view: { probes: ['wire.out'] } }]);
      await workingCopies.applyEdits('tripwire', [
        { kind: 'moveModule', moduleId: 'wire', position: { x: 10, y: 10 } },
      ]);
      expect(applyPatch).not.toHaveBeenCalled();
      await workingCopies.applyEdits('tripwire', [
        { kind: 'setParam', moduleId: 'wire', param: 'limit', value: 1e11 },
      ]);
      expect(applyPatch).toHaveBeenCalledTimes(1);
    } finally {
      applyPatch.mockRestore();
    }
  });

  it('checks probe ports against the patch, naming each unknown one', async () => {
    const { manager } = setup(1e12);
    await expect(manager.checkProbePorts('tripwire', ['wire.out', 'bars.close'])).resolves.toBeUndefined();
    await expect(manager.checkProbePorts('tripwire', ['wire.in', 'nope.out'])).rejects.toThrow(
      UnknownProbePortError,
    );
    await expect(manager.checkProbePorts('tripwire', ['wire.in'])).rejects.toThrow(
      'unknown probe port "wire.in": module "wire" (math/tripwire) has no output "in"; its outputs are: out',
    );
  });

  it('makes a subpatch through edits and checks probes inside it by path', async () => {
    const { manager, workingCopies } = setup(1e12);
    const before = (await workingCopies.get('tripwire')).patch;
    const made = makeSubpatch(before, ['wire'], registry, { subpatchId: 'guard' });
    if (!made.ok) throw new Error(made.problems[0].message);
    await workingCopies.applyEdits('tripwire', editsBetween(before, made.patch));
    await expect(manager.checkProbePorts('tripwire', ['guard/wire.out'])).resolves.toBeUndefined();
    await expect(manager.checkProbePorts('tripwire', ['wire.out'])).rejects.toThrow(
      'unknown probe port "wire.out": patch "tripwire" has no module "wire"',
    );
    await manager.start('tripwire');
    await expect(manager.checkProbePorts('tripwire', ['guard/wire.in'])).rejects.toThrow(
      'unknown probe port "guard/wire.in": module "guard/wire" (math/tripwire) has no output "in"; its outputs are: out',
    );
  });

  it('refuses a broken patch and unreadable bars, and reports an idle patch as stopped', async () => {
    const { manager, workingCopies } = setup(1e12);
    expect(manager.statusOf('tripwire')).toMatchObject({
      state: 'stopped',
      startedAtMs: null,
      barsDelivered: 0,
    });
    await expect(manager.start('tripwire', { dataset: 'no-such-bars.csv' })).rejects.toThrow(RunRefusedError);
    await expect(manager.start('tripwire', { dataset: 'no-such-bars.csv' })).rejects.toThrow(
      /unknown dataset 'no-such-bars\.csv'/,
    );
    const store = new PatchStore(dirs[dirs.length - 1]);
    const broken = patchWithLimit(0);
    broken.modules[1].type = 'math/unknown';
    writeFileSync(join(dirs[dirs.length - 1], 'broken.json'), JSON.stringify(broken));
    await expect(manager.start('broken')).rejects.toThrow(
      /patch "broken" cannot run: module "wire" has unknown type "math\/unknown"/,
    );
    expect(await store.exists('broken')).toBe(true);
    expect(workingCopies.peek('broken')).not.toBeNull();
  });
});
