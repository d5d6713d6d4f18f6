import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { patchOf } from './test-patches';
import type { ModuleLine } from './test-patches';
import { createKernelTestRegistry } from './test-modules';

const registry = createKernelTestRegistry();

const base: ModuleLine[] = [
  ['t', 'sources/ticker', { periodMs: 100 }],
  ['acc', 'math/accumulator'],
];
const baseCables = ['t.value -> acc.value'];

function ticks(kernel: Kernel, fromMs: number, count: number): number {
  for (let i = 0; i < count; i++) kernel.tick(fromMs + i * 100);
  return fromMs + count * 100;
}

describe('Kernel.setPatch', () => {
  it('keeps the state of untouched modules when an unrelated module is added', () => {
    const kernel = new Kernel(patchOf(base, baseCables), registry);
    const count = kernel.tap('acc.count');
    const now = ticks(kernel, 0, 5);
    expect(kernel.read('acc.count')).toBe(5);
    const problems = kernel.setPatch(
      patchOf([...base, ['other', 'sources/fixed', { value: 3 }]], baseCables),
    );
    expect(problems).toEqual([]);
    ticks(kernel, now, 5);
    expect(kernel.read('acc.count')).toBe(10);
    expect(kernel.read('acc.sum')).toBe(55); // the ticker kept counting too: 1 + ... + 10
    expect(kernel.read('other.value')).toBe(3); // the new source stepped on its first tick
    expect(count.attached).toBe(true);
    expect(count.recorded).toBe(10);
    expect(kernel.patch.modules).toHaveLength(3);
  });

  it('restarts a module whose params changed, and one whose inbound cables changed', () => {
    const kernel = new Kernel(patchOf(base, baseCables), registry);
    let now = ticks(kernel, 0, 3);
    kernel.setPatch(patchOf([base[0], ['acc', 'math/accumulator', { start: 100 }]], baseCables));
    now = ticks(kernel, now, 2);
    expect(kernel.read('acc.count')).toBe(2);
    expect(kernel.read('acc.sum')).toBe(100 + 4 + 5);

    const rewired = patchOf([...base, ['u', 'sources/ticker', { periodMs: 100 }]], ['u.value -> acc.value']);
    kernel.setPatch(rewired);
    ticks(kernel, now, 1);
    expect(kernel.read('acc.count')).toBe(1);
    expect(kernel.read('acc.sum')).toBe(1);
  });

  it('treats params equal to their defaults as unchanged', () => {
    const kernel = new Kernel(patchOf(base, baseCables), registry);
    const now = ticks(kernel, 0, 3);
    kernel.setPatch(patchOf([base[0], ['acc', 'math/accumulator', { start: 0 }]], baseCables));
    ticks(kernel, now, 1);
    expect(kernel.read('acc.count')).toBe(4);
  });

  it('keeps held output values and pending wake-ups of kept modules', () => {
    const patch = patchOf(
      [
        ['f', 'sources/fixed', { value: 9 }],
        ['timer', 'logic/timer', { delayMs: 500 }],
      ],
      ['f.value -> timer.value'],
    );
    const kernel = new Kernel(patch, registry);
    kernel.tick(0);
    expect(
      kernel.setPatch(patchOf([...patchLines(patch), ['x', 'math/add']], ['f.value -> timer.value'])),
    ).toEqual([]);
    expect(kernel.nextWakeMs()).toBe(500);
    expect(kernel.read('f.value')).toBe(9);
    ticks(kernel, 100, 5);
    expect(kernel.read('timer.fired')).toBe(9);
  });

  it('drops a tap whose module was removed and keeps the others recording', () => {
    const kernel = new Kernel(patchOf([...base, ['other', 'sources/ticker']], baseCables), registry);
    const gone = kernel.tap('other.value');
    const kept = kernel.tap('t.value');
    let now = ticks(kernel, 0, 2);
    kernel.setPatch(patchOf(base, baseCables));
    now = ticks(kernel, now, 2);
    expect(gone.attached).toBe(false);
    expect(gone.recorded).toBe(2);
    expect(kept.recorded).toBe(4);
    kernel.setPatch(patchOf([...base, ['other', 'sources/ticker']], baseCables));
    ticks(kernel, now, 1);
    expect(gone.recorded).toBe(2); // a dropped tap stays dropped; tap again to follow the new module
  });

  it('returns the problems of an invalid patch and changes nothing', () => {
    const kernel = new Kernel(patchOf(base, baseCables), registry);
    const now = ticks(kernel, 0, 2);
    const cyclic = patchOf(
      [...base, ['a', 'math/add'], ['b', 'math/add']],
      [...baseCables, 'a.value -> b.a', 'b.value -> a.a'],
    );
    const problems = kernel.setPatch(cyclic);
    expect(problems.map((problem) => problem.code)).toEqual(['CYCLE']);
    expect(kernel.patch.modules).toHaveLength(2);
    ticks(kernel, now, 1);
    expect(kernel.read('acc.count')).toBe(3);
  });

  it('reports a new module that owes its first step as due at the next tick', () => {
    const kernel = new Kernel(patchOf([['slow', 'sources/ticker', { periodMs: 1000 }]]), registry);
    expect(kernel.nextWakeMs()).toBe(Number.NEGATIVE_INFINITY); // before the first tick
    kernel.tick(0);
    expect(kernel.nextWakeMs()).toBe(1000);
    kernel.tick(300);
    kernel.setPatch(
      patchOf([
        ['slow', 'sources/ticker', { periodMs: 1000 }],
        ['fresh', 'sources/fixed', { value: 2 }],
        ['later', 'logic/delay', { initial: 5 }],
      ]),
    );
    expect(kernel.nextWakeMs()).toBe(400);
    kernel.tick(400);
    expect([kernel.read('fresh.value'), kernel.read('later.value')]).toEqual([2, 5]);
    expect(kernel.nextWakeMs()).toBe(1000);
    kernel.setPatch(patchOf([['slow', 'sources/ticker', { periodMs: 1000 }]]));
    expect(kernel.nextWakeMs()).toBe(1000); // nothing new: the kept ticker's wake-up
  });

  it('steps a new input-less module on its next tick but does not re-run kept ones', () => {
    const kernel = new Kernel(patchOf([['slow', 'sources/ticker', { periodMs: 1000 }]]), registry);
    kernel.tick(0);
    kernel.setPatch(
      patchOf([
        ['slow', 'sources/ticker', { periodMs: 1000 }],
        ['fresh', 'sources/fixed'],
      ]),
    );
    kernel.tick(100);
    expect(kernel.stats.moduleSteps).toBe(2);
    expect(kernel.read('slow.value')).toBe(1);
  });
});

function patchLines(patch: ReturnType<typeof patchOf>): ModuleLine[] {
  return patch.modules.map((module) => [module.id, module.type, module.params]);
}
