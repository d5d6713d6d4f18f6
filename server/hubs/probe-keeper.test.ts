import { describe, expect, it } from 'vitest';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import type { TickListener } from '../engine/run-manager';
import { ProbeKeeper, probeKeptMinutesOf } from './probe-keeper';

/** Runs we drive by hand: status changes and ticks with values from a table. */
function fakeRuns() {
  const statusListeners = new Set<(status: RunStatus) => void>();
  const tickListeners = new Map<string, TickListener>();
  const running = new Set<string>();
  return {
    running,
    tickListeners,
    onStatus(listener: (status: RunStatus) => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    watchTicks(name: string, listener: TickListener) {
      tickListeners.set(name, listener);
      return () => tickListeners.delete(name);
    },
    isRunning: (name: string) => running.has(name),
    start(name: string) {
      running.add(name);
      for (const listener of statusListeners) listener({ patchName: name, state: 'running' } as RunStatus);
    },
    tick(name: string, timeMs: number, values: Record<string, number>) {
      tickListeners.get(name)?.(timeMs, (key) => values[key] ?? Number.NaN);
    },
  };
}

describe('ProbeKeeper', () => {
  it('keeps the saved probes of a patch once it runs, following changes to them', () => {
    const runs = fakeRuns();
    let saved: string[] | undefined = ['a.out'];
    const keeper = new ProbeKeeper(runs, () => saved, { keptMinutes: 1 });
    runs.tick('p', 0, { 'a.out': 1 });
    expect(keeper.history('p', ['a.out']).timeMs).toEqual([]);
    runs.start('p');
    runs.tick('p', 0, { 'a.out': 1, 'b.out': 9 });
    saved = ['a.out', 'b.out'];
    runs.tick('p', 30_000, { 'a.out': 2, 'b.out': 8 });
    runs.tick('p', 90_000, { 'a.out': 3, 'b.out': 7 });
    // One minute kept: the point at 0 is more than 60 s older than 90 s.
    expect(keeper.history('p', ['a.out', 'b.out'])).toEqual({
      timeMs: [30_000, 90_000],
      values: [
        [2, 3],
        [8, 7],
      ],
      keptMs: 60_000,
    });
    keeper.close();
    expect(runs.tickListeners.size).toBe(0);
  });

  it('keeps at most patchesMax patches, dropping a stopped one first', () => {
    const runs = fakeRuns();
    const keeper = new ProbeKeeper(runs, () => ['a.out'], { patchesMax: 2 });
    runs.start('one');
    runs.start('two');
    runs.tick('one', 1, { 'a.out': 1 });
    runs.tick('two', 1, { 'a.out': 2 });
    runs.running.delete('two');
    runs.start('three');
    expect(keeper.history('two', ['a.out']).timeMs).toEqual([]);
    expect(keeper.history('one', ['a.out']).values).toEqual([[1]]);
    expect([...runs.tickListeners.keys()].sort()).toEqual(['one', 'three']);
  });

  it('refuses a kept span out of range', () => {
    expect(() => new ProbeKeeper(fakeRuns(), () => [], { keptMinutes: 0 })).toThrow(/outside/);
  });
});

describe('probeKeptMinutesOf (PATCHDESK_PROBE_MINUTES)', () => {
  it('reads whole minutes in range and says what is wrong otherwise', () => {
    expect(probeKeptMinutesOf(undefined)).toBeUndefined();
    expect(probeKeptMinutesOf('')).toBeUndefined();
    expect(probeKeptMinutesOf('90')).toBe(90);
    expect(() => probeKeptMinutesOf('1.5')).toThrow(
      'PATCHDESK_PROBE_MINUTES is "1.5": give whole minutes from 1 to 10080',
    );
    expect(() => probeKeptMinutesOf('0')).toThrow(/from 1 to/);
  });
});
