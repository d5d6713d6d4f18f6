// The built-in library under the kernel: one instance of every module type, fed by bars, must
// run, give the same records when quiet ticks are skipped, and be deterministic. Integration
// only: each module's own behaviour is tested beside it in modules/library.
import { describe, expect, it } from 'vitest';
import { patchSchemaVersion } from '../patch/types';
import type { Cable, Patch, PatchModule } from '../patch/types';
import { createBuiltinRegistry } from '../library/index';
import { Kernel } from './kernel';
import { barAt, cableOf } from './test-patches';

const registry = createBuiltinRegistry();
const tickIntervalMs = 100;
const runTicks = 300;
const barEveryTicks = 3;
const barFields = ['open', 'high', 'low', 'close', 'volume'];

/** Every library type once; number inputs read the bar field of their name (else the close). */
function everyModulePatch(): Patch {
  const modules: PatchModule[] = [];
  const cables: Cable[] = [];
  const add = (id: string, type: string, params: PatchModule['params'] = {}) =>
    modules.push({ id, type, params, position: { x: 0, y: modules.length } });
  const connect = (from: string, fromPort: string, to: string, toPort: string) =>
    cables.push({ from: { module: from, port: fromPort }, to: { module: to, port: toPort } });
  add('bars', 'sources/bars');
  add('threshold', 'sources/constant', { value: 30_000 });
  add('above', 'math/compare');
  connect('bars', 'close', 'above', 'a');
  connect('threshold', 'out', 'above', 'b');
  // A feedback loop: loop = delay(loop) + close.
  add('loop', 'math/add');
  add('previous', 'logic/delay');
  connect('previous', 'out', 'loop', 'a');
  connect('bars', 'close', 'loop', 'b');
  connect('loop', 'out', 'previous', 'in');
  for (const entry of registry.catalog()) {
    if (entry.category === 'sources' || entry.type === 'logic/delay') continue;
    const id = entry.type.replace('/', '-');
    add(id, entry.type);
    for (const input of entry.inputs) {
      if (input.type === 'bool') connect('above', 'out', id, input.name);
      else if (input.type === 'number')
        connect('bars', barFields.includes(input.name) ? input.name : 'close', id, input.name);
    }
  }
  return { schemaVersion: patchSchemaVersion, name: 'every-module', description: '', modules, cables };
}

function closeAt(tick: number): number {
  return 30_000 + Math.round(Math.sin(tick * 0.05) * 400 + Math.cos(tick * 0.31) * 90);
}

function records(patch: Patch, skipQuietTicks: boolean): string[] {
  const kernel = new Kernel(patch, registry, { tickIntervalMs });
  const taps = patch.modules.flatMap((module) =>
    Object.keys(registry.get(module.type)!.outputs)
      .filter((port) => port !== 'bar')
      .map((port) => kernel.tap(`${module.id}.${port}`, runTicks)),
  );
  let tick = 0;
  while (tick < runTicks) {
    if (tick % barEveryTicks === 0) kernel.feeds.bar = barAt(tick * tickIntervalMs, closeAt(tick));
    kernel.tick(tick * tickIntervalMs);
    const nextBar = Math.ceil((tick + 1) / barEveryTicks) * barEveryTicks;
    const nextWake = Math.max(tick + 1, Math.ceil(kernel.nextWakeMs() / tickIntervalMs));
    tick = skipQuietTicks ? Math.min(nextBar, nextWake) : tick + 1;
  }
  return taps.map((tap) => {
    const count = Math.min(tap.recorded, tap.capacity);
    return `${tap.key} ${tap.recorded} ${Array.from(tap.timesMs.subarray(0, count))} ${Array.from(tap.values.subarray(0, count))}`;
  });
}

describe('Kernel with the built-in library', () => {
  const patch = everyModulePatch();

  it('runs one of every module type, feedback loop included', () => {
    const kernel = new Kernel(patch, registry, { tickIntervalMs });
    const delayed = kernel.tap('previous.out');
    for (let tick = 0; tick < 30; tick++) {
      if (tick % barEveryTicks === 0) kernel.feeds.bar = barAt(tick * tickIntervalMs, closeAt(tick));
      kernel.tick(tick * tickIntervalMs);
    }
    expect(kernel.read('bars.close')).toBe(closeAt(27));
    // Once the loop has run, the delay re-emits what the loop said one tick earlier.
    expect(delayed.recorded).toBe(29);
    expect(delayed.timesMs[0]).toBe(tickIntervalMs);
    expect(kernel.stats.latches).toBe(30); // the last one is emitted on tick 30
  });

  it('runs an accumulator loop through a delay that starts from its initial value: a bar counter', () => {
    // count = hold(delay(count)) + 1, where hold samples only when a bar arrives: between
    // bars the delay re-emits but the count does not step.
    const counter: Patch = {
      schemaVersion: patchSchemaVersion,
      name: 'bar-counter',
      description: '',
      modules: [
        ['bars', 'sources/bars', {}],
        ['zero', 'sources/constant', { value: 0 }],
        ['one', 'sources/constant', { value: 1 }],
        ['isBar', 'math/compare', { op: '>' }],
        ['hold', 'logic/sample-and-hold', {}],
        ['count', 'math/add', {}],
        ['previous', 'logic/delay', { emitInitial: true, initial: 0 }],
      ].map(([id, type, params]) => ({ id, type, params, position: { x: 0, y: 0 } }) as PatchModule),
      cables: [
        'bars.close -> isBar.a',
        'zero.out -> isBar.b',
        'previous.out -> hold.in',
        'isBar.out -> hold.trigger',
        'hold.out -> count.a',
        'one.out -> count.b',
        'count.out -> previous.in',
      ].map(cableOf),
    };
    for (const skipQuietTicks of [false, true]) {
      const kernel = new Kernel(counter, registry, { tickIntervalMs });
      const count = kernel.tap('count.out');
      let tick = 0;
      while (tick < 50) {
        if (tick % barEveryTicks === 0) kernel.feeds.bar = barAt(tick * tickIntervalMs, closeAt(tick));
        kernel.tick(tick * tickIntervalMs);
        const nextBar = Math.ceil((tick + 1) / barEveryTicks) * barEveryTicks;
        const nextWake = Math.max(tick + 1, Math.ceil(kernel.nextWakeMs() / tickIntervalMs));
        tick = skipQuietTicks ? Math.min(nextBar, nextWake) : tick + 1;
      }
      const bars = Math.ceil(50 / barEveryTicks); // ticks 0, 3, ..., 48
      expect(Array.from(count.values.subarray(0, count.recorded))).toEqual(
        Array.from({ length: bars }, (_, i) => i + 1),
      );
      expect(Array.from(count.timesMs.subarray(0, count.recorded))).toEqual(
        Array.from({ length: bars }, (_, i) => i * barEveryTicks * tickIntervalMs),
      );
    }
  });

  it('records the same when quiet ticks are skipped, and the same on a second run', () => {
    const everyTick = records(patch, false);
    expect(records(patch, true)).toEqual(everyTick);
    expect(records(patch, false)).toEqual(everyTick);
  });
});
