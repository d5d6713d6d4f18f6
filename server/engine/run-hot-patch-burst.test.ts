// A burst of edits to a running patch must cost one compile at the next tick boundary, not one
// per edit: the editor sends an edit per keystroke or drag step, and compiling each of them in
// turn inside one tick stalled the live clock for seconds. Counts compiles, never times them.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch, Problem } from '@patchdesk/modules/patch/types';
import { parseBarCsv } from '../market/bar-csv';
import { ManualClockDriver } from './manual-clock-driver';
import { Run } from './run';

const repoRoot = new URL('../../', import.meta.url);
const bars = parseBarCsv(
  readFileSync(new URL('patches/data/btc-usdt-perp-1m-sample.csv', repoRoot), 'utf8'),
).slice(0, 200);
const registry = createBuiltinRegistry();

function demoPatch(): Patch {
  const parsed = parsePatchJson(readFileSync(new URL('patches/ema-cross-rsi.json', repoRoot), 'utf8'));
  if (!parsed.ok) throw new Error('patches/ema-cross-rsi.json does not parse');
  return parsed.patch;
}

/** The demo patch with the slow EMA's period set: each edit of a burst is a distinct state. */
function withSlowPeriod(patch: Patch, period: number): Patch {
  return {
    ...patch,
    modules: patch.modules.map((m) => (m.id === 'ema-slow' ? { ...m, params: { period } } : m)),
  };
}

function startLiveRun() {
  const driver = new ManualClockDriver(0);
  const patch = demoPatch();
  const run = new Run({ patch, registry, bars, driver, pacing: { kind: 'live' } });
  void run.start();
  driver.advanceTo(300);
  const compiles = vi.spyOn(run.kernel, 'setPatch');
  return { driver, patch, run, compiles };
}

describe('hot patch burst', () => {
  it('compiles only the newest of 1,000 edits made within one tick', async () => {
    const { driver, patch, run, compiles } = startLiveRun();
    const ticksBefore = run.stats().ticks;
    const edits = Array.from({ length: 1_000 }, (_, i) => withSlowPeriod(patch, 27 + (i % 150)));
    const outcomes = edits.map((edit) => run.applyPatch(edit));
    expect(compiles).not.toHaveBeenCalled();

    driver.advanceTo(400);
    expect(run.stats().ticks).toBe(ticksBefore + 1);
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(compiles).toHaveBeenCalledWith(edits[edits.length - 1]);
    expect(run.kernel.patch).toBe(edits[edits.length - 1]);
    const settled: Problem[][] = await Promise.all(outcomes);
    expect(settled.every((problems) => problems.length === 0)).toBe(true);

    // The next tick has nothing left to compile.
    driver.advanceTo(500);
    expect(compiles).toHaveBeenCalledTimes(1);
    run.stop();
  });

  it('edits spread over ticks are each compiled at their own tick boundary', () => {
    const { driver, patch, run, compiles } = startLiveRun();
    for (let tick = 0; tick < 5; tick++) {
      void run.applyPatch(withSlowPeriod(patch, 30 + tick));
      void run.applyPatch(withSlowPeriod(patch, 40 + tick));
      driver.advanceBy(100);
    }
    expect(compiles).toHaveBeenCalledTimes(5);
    expect(run.kernel.patch).toEqual(withSlowPeriod(patch, 44));
    run.stop();
  });

  it('a refused newest edit refuses the burst and keeps the running patch', async () => {
    const { driver, patch, run, compiles } = startLiveRun();
    const good = run.applyPatch(withSlowPeriod(patch, 60));
    const broken: Patch = {
      ...patch,
      modules: [...patch.modules, { id: 'x', type: 'nope/nope', params: {}, position: { x: 0, y: 0 } }],
    };
    const refused = run.applyPatch(broken);
    driver.advanceTo(400);
    expect(compiles).toHaveBeenCalledTimes(1);
    expect((await refused).map((problem) => problem.code)).toEqual(['UNKNOWN_MODULE_TYPE']);
    expect(await good).toEqual(await refused);
    expect(run.kernel.patch).toBe(patch);
    expect(run.running).toBe(true);
    run.stop();
  });

  it('a burst still waiting when the run stops is applied once, as the run ends', async () => {
    const { patch, run, compiles } = startLiveRun();
    const outcomes = [31, 32, 33].map((period) => run.applyPatch(withSlowPeriod(patch, period)));
    run.stop();
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(await Promise.all(outcomes)).toEqual([[], [], []]);
    expect(run.kernel.patch).toEqual(withSlowPeriod(patch, 33));
  });
});
