// A large hot patch in a live run compiles in slices between ticks, never inside one: the
// live clock keeps its 10 Hz while a 10,000-module patch is edited. Checked on the order of
// events (slices of compile work, kernel ticks, the swap), not on times; the bench
// (bench/hot-patch-live.bench.ts) counts skipped ticks on the real clock.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { HotPatchJob } from '@patchdesk/modules/kernel/types';
import type { Patch } from '@patchdesk/modules/patch/types';
import { parseBarCsv } from '../market/bar-csv';
import { ManualClockDriver } from './manual-clock-driver';
import { Run, offTickCompileMinSize } from './run';

const repoRoot = new URL('../../', import.meta.url);
const bars = parseBarCsv(
  readFileSync(new URL('patches/data/btc-usdt-perp-1m-sample.csv', repoRoot), 'utf8'),
).slice(0, 2_000);
const registry = createBuiltinRegistry();

/** Bars into a chain of `adds` math/add modules, each adding the close to the one before. */
function chainPatch(adds: number, tail = 'constant'): Patch {
  const modules: Patch['modules'] = [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: tail, type: 'sources/constant', params: { value: 1 }, position: { x: 0, y: 100 } },
  ];
  const cables: Patch['cables'] = [];
  for (let i = 0; i < adds; i++) {
    modules.push({ id: `add-${i}`, type: 'math/add', params: {}, position: { x: 200 + i, y: 0 } });
    const previous = i === 0 ? { module: tail, port: 'out' } : { module: `add-${i - 1}`, port: 'out' };
    cables.push({ from: previous, to: { module: `add-${i}`, port: 'a' } });
    cables.push({ from: { module: 'bars', port: 'close' }, to: { module: `add-${i}`, port: 'b' } });
  }
  return { schemaVersion: 1, name: 'chain', description: '', modules, cables };
}

function withConstant(patch: Patch, value: number): Patch {
  return {
    ...patch,
    modules: patch.modules.map((m) => (m.id === 'constant' ? { ...m, params: { value } } : m)),
  };
}

/** A live run on a manual clock, with a log of compile slices, kernel ticks and swaps. */
function instrumentedRun(patch: Patch) {
  const driver = new ManualClockDriver(0);
  const run = new Run({ patch, registry, bars, driver, pacing: { kind: 'live' } });
  const log: string[] = [];
  let inTick = false;
  const kernel = run.kernel;
  const tick = kernel.tick.bind(kernel);
  vi.spyOn(kernel, 'tick').mockImplementation((timeMs) => {
    log.push('tick');
    inTick = true;
    try {
      tick(timeMs);
    } finally {
      inTick = false;
    }
  });
  const prepare = kernel.prepareHotPatch.bind(kernel);
  const prepared: Patch[] = [];
  vi.spyOn(kernel, 'prepareHotPatch').mockImplementation((next) => {
    prepared.push(next);
    const job = prepare(next);
    const advance = job.advance.bind(job);
    (job as { advance: HotPatchJob['advance'] }).advance = (shouldYield) => {
      // (applyPrepared calls it too, on a finished job: no work, not logged)
      if (!job.done) log.push(inTick ? 'slice inside a tick' : 'slice');
      return advance(shouldYield);
    };
    return job;
  });
  const apply = kernel.applyPrepared.bind(kernel);
  vi.spyOn(kernel, 'applyPrepared').mockImplementation((job) => {
    log.push(job.done ? 'swap' : 'swap of an unfinished job');
    return apply(job);
  });
  const setPatch = vi.spyOn(kernel, 'setPatch');
  return { driver, run, log, prepared, setPatch };
}

/** Advance the clock a tick at a time, letting the event loop turn between ticks. */
async function tickUntil(driver: ManualClockDriver, done: () => boolean, maxTicks = 2_000): Promise<number> {
  let ticks = 0;
  while (!done()) {
    if (++ticks > maxTicks) throw new Error(`not done after ${maxTicks} ticks`);
    driver.advanceBy(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ticks;
}

describe('off-tick compile of a large hot patch', () => {
  const big = chainPatch(10_000);

  it('compiles a 10,000-module edit in slices between ticks and swaps it in at a tick boundary', async () => {
    expect(big.modules.length + big.cables.length).toBeGreaterThanOrEqual(offTickCompileMinSize);
    const { driver, run, log, setPatch } = instrumentedRun(big);
    void run.start();
    driver.advanceTo(300);
    log.length = 0;
    const edited = withConstant(big, 2);
    const outcome = run.applyPatch(edited);
    const ticks = await tickUntil(driver, () => run.kernel.patch === edited);

    expect(await outcome).toEqual([]);
    expect(setPatch).not.toHaveBeenCalled();
    expect(log).not.toContain('slice inside a tick');
    expect(log.filter((entry) => entry.startsWith('swap'))).toEqual(['swap']);
    // the compile took several turns, with the running plan ticking in between
    const swapAt = log.indexOf('swap');
    expect(log.slice(0, swapAt).filter((entry) => entry === 'slice').length).toBeGreaterThan(1);
    expect(log.slice(log.indexOf('slice'), swapAt)).toContain('tick');
    expect(log[swapAt + 1]).toBe('tick');
    expect(ticks).toBeGreaterThan(1);
    // the edited constant flows through the chain from the swap on
    driver.advanceBy(100);
    expect(run.kernel.read('add-0.out')).toBe(2 + run.kernel.read('bars.close'));
    run.stop();
  });

  it('coalesces edits made during the compile: after it, only the newest is compiled', async () => {
    const { driver, run, prepared, setPatch } = instrumentedRun(big);
    void run.start();
    driver.advanceTo(300);
    const first = withConstant(big, 2);
    const outcomes = [run.applyPatch(first)];
    driver.advanceBy(100);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [3, 4, 5].map((value) => withConstant(big, value));
    for (const edit of later) outcomes.push(run.applyPatch(edit));
    await tickUntil(driver, () => run.kernel.patch === later[2]);
    expect(prepared).toEqual([first, later[2]]);
    expect(setPatch).not.toHaveBeenCalled();
    expect(await Promise.all(outcomes)).toEqual([[], [], [], []]);
    run.stop();
  });

  it('applies what is still compiling when the run stops', async () => {
    const { driver, run } = instrumentedRun(big);
    void run.start();
    driver.advanceTo(300);
    const edited = withConstant(big, 7);
    const outcome = run.applyPatch(edited);
    run.stop();
    expect(await outcome).toEqual([]);
    expect(run.kernel.patch).toBe(edited);
  });

  it('compiles small patches, and every patch of a virtual run, at the next tick boundary', async () => {
    const small = chainPatch(10);
    const live = instrumentedRun(small);
    void live.run.start();
    live.driver.advanceTo(300);
    void live.run.applyPatch(withConstant(small, 2));
    live.driver.advanceBy(100);
    expect(live.setPatch).toHaveBeenCalledTimes(1);
    expect(live.run.kernel.patch).toEqual(withConstant(small, 2));
    expect(live.log).not.toContain('slice inside a tick');
    live.run.stop();

    const virtual = new Run({ patch: big, registry, bars: bars.slice(0, 50), pacing: { kind: 'virtual' } });
    const setPatch = vi.spyOn(virtual.kernel, 'setPatch');
    const edited = withConstant(big, 9);
    let appliedAtBar = -1;
    virtual.events.on('tick', (_timeMs, bar) => {
      if (bar && virtual.barsDelivered === 10) void virtual.applyPatch(edited);
      if (appliedAtBar < 0 && virtual.kernel.patch === edited) appliedAtBar = virtual.barsDelivered;
    });
    await virtual.start();
    expect(appliedAtBar).toBe(11);
    expect(setPatch).toHaveBeenCalledTimes(1);
  });
});
