import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { PatchRejectedError } from './errors';
import { barAt, patchOf } from './test-patches';
import { createKernelTestRegistry } from './test-modules';

const registry = createKernelTestRegistry();

function run(kernel: Kernel, timesMs: number[]): void {
  for (const timeMs of timesMs) kernel.tick(timeMs);
}

describe('Kernel: when modules step', () => {
  it('steps an input-less module on its first tick, then only on its wake-ups', () => {
    const kernel = new Kernel(patchOf([['t', 'sources/ticker', { periodMs: 300 }]]), registry);
    const tap = kernel.tap('t.value');
    run(kernel, [0, 100, 200, 300, 400, 500, 600]);
    expect(Array.from(tap.timesMs.subarray(0, tap.recorded))).toEqual([0, 300, 600]);
    expect(Array.from(tap.values.subarray(0, tap.recorded))).toEqual([1, 2, 3]);
    expect(kernel.stats).toMatchObject({ ticks: 7, moduleSteps: 3 });
  });

  it('fires a wake-up at the first tick at or after the requested time, once', () => {
    const patch = patchOf(
      [
        ['f', 'sources/fixed', { value: 4 }],
        ['timer', 'logic/timer', { delayMs: 250 }],
      ],
      ['f.value -> timer.value'],
    );
    const kernel = new Kernel(patch, registry);
    const tap = kernel.tap('timer.fired');
    kernel.tick(0);
    expect(kernel.nextWakeMs()).toBe(250);
    run(kernel, [100, 200]);
    expect(tap.recorded).toBe(0);
    kernel.tick(300);
    expect([tap.latestTimeMs(), tap.latestValue()]).toEqual([300, 4]);
    expect(kernel.nextWakeMs()).toBe(Number.POSITIVE_INFINITY);
    run(kernel, [400, 500, 900]);
    expect(tap.recorded).toBe(1);
  });

  it('steps a feed source only in ticks where the feed delivers, and clears the feed after', () => {
    const kernel = new Kernel(patchOf([['bars', 'sources/bar-feed']]), registry);
    const close = kernel.tap('bars.close');
    kernel.tick(0);
    kernel.feeds.bar = barAt(100, 50);
    kernel.tick(100);
    expect(kernel.feeds.bar).toBeNull();
    kernel.tick(200);
    kernel.feeds.bar = barAt(300, 51);
    kernel.tick(300);
    expect(Array.from(close.timesMs.subarray(0, close.recorded))).toEqual([100, 300]);
    expect(Array.from(close.values.subarray(0, close.recorded))).toEqual([50, 51]);
  });

  it('steps a module when a connected input emitted, and tells it which', () => {
    const patch = patchOf(
      [
        ['fast', 'sources/ticker', { periodMs: 100 }],
        ['slow', 'sources/ticker', { periodMs: 200 }],
        ['mask', 'math/change-mask'],
      ],
      ['fast.value -> mask.a', 'slow.value -> mask.b'],
    );
    const kernel = new Kernel(patch, registry);
    const mask = kernel.tap('mask.mask');
    run(kernel, [0, 100, 200, 300]);
    expect(Array.from(mask.values.subarray(0, mask.recorded))).toEqual([3, 1, 3, 1]);
  });

  it('returning false emits nothing: downstream does not step and the held value stays', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker', { periodMs: 100 }],
        ['half', 'math/mix', { weight: 0.5 }],
        ['limit', 'sources/fixed', { value: 1.5 }],
        ['above', 'logic/greater'],
        ['count', 'logic/count-true'],
        ['acc', 'math/accumulator'],
      ],
      [
        't.value -> half.a',
        'half.value -> above.a',
        'limit.value -> above.b',
        'above.value -> count.flag',
        'count.count -> acc.value',
      ],
    );
    const kernel = new Kernel(patch, registry);
    const count = kernel.tap('count.count');
    const steps = kernel.tap('acc.count');
    run(kernel, [0, 100, 200, 300, 400]); // t = 1..5, half = 0.5..2.5, above from t = 4
    expect(Array.from(count.timesMs.subarray(0, count.recorded))).toEqual([300, 400]);
    expect(steps.recorded).toBe(2);
    expect(kernel.read('count.count')).toBe(2);
    expect(kernel.read('above.value')).toBe(1);
  });

  it('unconnected inputs read their defaults: the port default for numbers, false for bools', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['sum', 'math/add'],
        ['product', 'math/multiply'],
        ['nan', 'math/add'],
        ['count', 'logic/count-true'],
      ],
      ['t.value -> sum.a', 't.value -> product.a', 't.value -> nan.b'],
    );
    const kernel = new Kernel(patch, registry);
    run(kernel, [0, 100]);
    expect(kernel.read('sum.value')).toBe(2); // b defaults to 0
    expect(kernel.read('product.value')).toBe(2); // b defaults to 1
    expect(kernel.read('nan.value')).toBeNaN(); // a is required and unconnected: NaN
    expect(kernel.read('count.count')).toBeNaN(); // never stepped: no input can emit
  });

  it('carries bools as 0/1 and bars as references, read by their close', () => {
    const patch = patchOf(
      [
        ['bars', 'sources/bar-feed'],
        ['range', 'indicators/bar-range'],
        ['above', 'logic/greater'],
      ],
      ['bars.bar -> range.bar', 'bars.close -> above.a'],
    );
    const kernel = new Kernel(patch, registry);
    const bar = kernel.tap('bars.bar');
    const above = kernel.tap('above.value');
    kernel.feeds.bar = barAt(0, 7);
    kernel.tick(0);
    kernel.feeds.bar = barAt(100, -1);
    kernel.tick(100);
    expect(Array.from(bar.values.subarray(0, 2))).toEqual([7, -1]);
    expect(Array.from(above.values.subarray(0, 2))).toEqual([1, 0]);
    expect(kernel.read('range.range')).toBe(5);
  });

  it('refuses time going backwards', () => {
    const kernel = new Kernel(patchOf([['t', 'sources/ticker']]), registry);
    kernel.tick(100);
    kernel.tick(100);
    expect(() => kernel.tick(99)).toThrow(/time went backwards/);
  });
});

describe('Kernel: cycles and latches', () => {
  it('refuses a cycle without a delay', () => {
    const patch = patchOf(
      [
        ['a', 'math/add'],
        ['b', 'math/add'],
      ],
      ['a.value -> b.a', 'b.value -> a.a'],
    );
    expect(() => new Kernel(patch, registry)).toThrow(PatchRejectedError);
    try {
      new Kernel(patch, registry);
    } catch (error) {
      expect((error as PatchRejectedError).problems.map((problem) => problem.code)).toEqual(['CYCLE']);
    }
  });

  it('runs a feedback loop through a delay one tick at a time', () => {
    // sum = delay(sum) + 1: a counter built from a loop.
    const patch = patchOf(
      [
        ['one', 'sources/fixed', { value: 1 }],
        ['sum', 'math/add'],
        ['previous', 'logic/delay', { initial: 0 }],
      ],
      ['previous.value -> sum.a', 'one.value -> sum.b', 'sum.value -> previous.input'],
    );
    const kernel = new Kernel(patch, registry);
    const sum = kernel.tap('sum.value');
    run(kernel, [0, 100, 200, 300, 400]);
    expect(Array.from(sum.values.subarray(0, sum.recorded))).toEqual([1, 2, 3, 4, 5]);
    expect(kernel.stats.latches).toBe(5);
  });
});

describe('Kernel: taps and reads', () => {
  it('keeps the newest samples in a ring buffer', () => {
    const kernel = new Kernel(patchOf([['t', 'sources/ticker']]), registry);
    const tap = kernel.tap('t.value', 3);
    run(kernel, [0, 100, 200, 300, 400]);
    expect(tap.recorded).toBe(5);
    expect(Array.from(tap.values)).toEqual([4, 5, 3]);
    expect([tap.latestTimeMs(), tap.latestValue()]).toEqual([400, 5]);
  });

  it('stops recording after untap', () => {
    const kernel = new Kernel(patchOf([['t', 'sources/ticker']]), registry);
    const tap = kernel.tap('t.value');
    kernel.tick(0);
    kernel.untap(tap);
    kernel.tick(100);
    expect(tap.recorded).toBe(1);
    expect(tap.attached).toBe(false);
  });

  it('names the unknown module or port', () => {
    const kernel = new Kernel(patchOf([['t', 'sources/ticker']]), registry);
    expect(() => kernel.tap('nope.value')).toThrow(/no module "nope"/);
    expect(() => kernel.tap('t.nope')).toThrow(
      /"t" \(sources\/ticker\) has no output "nope"; its outputs are: value/,
    );
    expect(() => kernel.read('t')).toThrow(/not a MODULE.PORT key/);
    expect(kernel.read('t.value')).toBeNaN();
  });
});
