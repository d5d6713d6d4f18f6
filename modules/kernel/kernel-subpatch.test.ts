// A patch with a subpatch runs exactly as its flat version: the kernel flattens when it
// compiles, so the outputs must be bit-identical, probes reach inside by path, and a hot patch
// that edits inside a subpatch goes in like any other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../library/index';
import { makeSubpatch } from '../patch/make-subpatch';
import { patchSchemaVersion } from '../patch/types';
import type { Cable, Patch, PatchModule } from '../patch/types';
import { Kernel } from './kernel';
import { barAt } from './test-patches';

const registry = createBuiltinRegistry();
const tickIntervalMs = 100;
const runTicks = 400;

/** EMA cross with an RSI filter and a feedback loop through a delay (no orders). */
function signalPatch(): Patch {
  const modules: PatchModule[] = [];
  const cables: Cable[] = [];
  const add = (id: string, type: string, params: PatchModule['params'] = {}) =>
    modules.push({ id, type, params, position: { x: modules.length * 10, y: 0 } });
  const connect = (from: string, fromPort: string, to: string, toPort: string) =>
    cables.push({ from: { module: from, port: fromPort }, to: { module: to, port: toPort } });
  add('bars', 'sources/bars');
  add('ema-fast', 'indicators/ema', { period: 5 });
  add('ema-slow', 'indicators/ema', { period: 13 });
  add('rsi', 'indicators/rsi', { period: 7 });
  add('rsi-high', 'sources/constant', { value: 70 });
  add('cross-up', 'logic/cross-over');
  add('calm', 'math/compare', { op: '<' });
  add('long', 'logic/and');
  add('loop', 'math/add');
  add('previous', 'logic/delay');
  connect('bars', 'close', 'ema-fast', 'in');
  connect('bars', 'close', 'ema-slow', 'in');
  connect('bars', 'close', 'rsi', 'in');
  connect('ema-fast', 'out', 'cross-up', 'a');
  connect('ema-slow', 'out', 'cross-up', 'b');
  connect('rsi', 'out', 'calm', 'a');
  connect('rsi-high', 'out', 'calm', 'b');
  connect('cross-up', 'out', 'long', 'a');
  connect('calm', 'out', 'long', 'b');
  connect('previous', 'out', 'loop', 'a');
  connect('ema-fast', 'out', 'loop', 'b');
  connect('loop', 'out', 'previous', 'in');
  return { schemaVersion: patchSchemaVersion, name: 'signals', description: '', modules, cables };
}

const outputs: Record<string, string> = {
  'ema-fast': 'out',
  'ema-slow': 'out',
  rsi: 'out',
  'cross-up': 'out',
  calm: 'out',
  long: 'out',
  loop: 'out',
  previous: 'out',
};

function closeAt(tick: number): number {
  return 30_000 + Math.round(Math.sin(tick * 0.05) * 400 + Math.cos(tick * 0.31) * 90);
}

/** Every probed output's record as bytes; `path` names each module in the patch run. */
function run(patch: Patch, path: (id: string) => string): string[] {
  const kernel = new Kernel(patch, registry, { tickIntervalMs });
  const taps = Object.entries(outputs).map(([id, port]) => kernel.tap(`${path(id)}.${port}`, runTicks));
  for (let tick = 0; tick < runTicks; tick++) {
    if (tick % 3 === 0) kernel.feeds.bar = barAt(tick * tickIntervalMs, closeAt(tick));
    kernel.tick(tick * tickIntervalMs);
  }
  return taps.map(
    (tap) =>
      `${tap.recorded} ${Buffer.from(tap.values.buffer).toString('base64')} ${Buffer.from(tap.timesMs.buffer).toString('base64')}`,
  );
}

function packed(ids: readonly string[]): { patch: Patch; instanceId: string } {
  const result = makeSubpatch(signalPatch(), ids, registry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

describe('Kernel with subpatches', () => {
  const flat = run(signalPatch(), (id) => id);

  it('gives bit-identical outputs to the flat patch, probed inside by path', () => {
    const { patch, instanceId } = packed(['ema-fast', 'ema-slow', 'cross-up']);
    const inside = new Set(['ema-fast', 'ema-slow', 'cross-up']);
    expect(run(patch, (id) => (inside.has(id) ? `${instanceId}/${id}` : id))).toEqual(flat);
  });

  it('gives bit-identical outputs whichever modules go into the subpatch (feedback loops too)', () => {
    const ids = signalPatch().modules.map((module) => module.id);
    fc.assert(
      fc.property(fc.subarray(ids, { minLength: 1 }), (selection) => {
        const { patch, instanceId } = packed(selection);
        expect(run(patch, (id) => (selection.includes(id) ? `${instanceId}/${id}` : id))).toEqual(flat);
      }),
      { numRuns: 25 },
    );
  });

  it('takes a hot patch that edits a param inside the subpatch, as the flat patch takes it', () => {
    const { patch } = packed(['ema-fast', 'ema-slow']);
    const subpatch = structuredClone(patch.subpatches![0]);
    subpatch.modules[0].params.period = 2;
    const flatEdited = signalPatch();
    flatEdited.modules[1] = { ...flatEdited.modules[1], params: { period: 2 } };
    const drive = (before: Patch, after: Patch, key: string) => {
      const kernel = new Kernel(before, registry, { tickIntervalMs });
      const tap = kernel.tap(key, 64);
      for (let tick = 0; tick < 20; tick++) {
        if (tick === 10) expect(kernel.setPatch(after)).toEqual([]);
        kernel.feeds.bar = barAt(tick * tickIntervalMs, closeAt(tick * 7));
        kernel.tick(tick * tickIntervalMs);
      }
      return { values: Array.from(tap.values.subarray(0, tap.recorded)), patch: kernel.patch };
    };
    const inside = drive(patch, { ...patch, subpatches: [subpatch] }, 'sub/ema-fast.out');
    const plain = drive(signalPatch(), flatEdited, 'ema-fast.out');
    expect(inside.values).toEqual(plain.values);
    expect(inside.values.length).toBe(20);
    expect(inside.patch.subpatches?.[0].modules[0].params.period).toBe(2);
  });
});
