import { describe, expect, it } from 'vitest';
import { ManualClockDriver } from './manual-clock-driver';
import { VirtualClock } from './virtual-clock';

/** A world of timed events and wake-ups; a tick consumes what is due and may ask for wake-ups. */
function world(
  eventsMs: number[],
  onTick: (timeMs: number, wakes: number[]) => void = () => {},
  everyTick = false,
) {
  const pending = [...eventsMs];
  const wakes: number[] = [];
  const visited: number[] = [];
  const clock = new VirtualClock({
    schedule: {
      nextEventMs: () => pending[0] ?? Number.POSITIVE_INFINITY,
      nextWakeMs: () => (wakes.length ? Math.min(...wakes) : Number.POSITIVE_INFINITY),
    },
    onTick(timeMs) {
      visited.push(timeMs);
      while (pending.length && pending[0] <= timeMs) pending.shift();
      for (let i = wakes.length - 1; i >= 0; i--) if (wakes[i] <= timeMs) wakes.splice(i, 1);
      onTick(timeMs, wakes);
    },
    everyTick,
  });
  return { clock, visited };
}

const tick = (n: number) => new Promise<void>((resolve) => setImmediate(resolve)).then(() => n);

describe('VirtualClock', () => {
  it('visits only the ticks with events, aligned up to the 100 ms grid, and ends with them', () => {
    const { clock, visited } = world([1_000, 1_050, 60_000, 60_001]);
    while (clock.step());
    expect(visited).toEqual([1_000, 1_100, 60_000, 60_100]);
    expect(clock.ticks).toBe(4);
  });

  it('visits ticks a wake-up asked for, between events, and a past wake-up at the next tick', () => {
    const { clock, visited } = world([0, 10_000], (timeMs, wakes) => {
      if (timeMs === 0) wakes.push(2_345, -5);
    });
    while (clock.step());
    // -5 is already past at tick 0: due at 100. 2_345 rounds up to 2_400.
    expect(visited).toEqual([0, 100, 2_400, 10_000]);
  });

  it('with everyTick, visits every grid tick from the first event to the last', () => {
    const { clock, visited } = world([500, 1_000], () => {}, true);
    while (clock.step());
    expect(visited).toEqual([500, 600, 700, 800, 900, 1_000]);
  });

  it('runUntil visits up to and including the given time', () => {
    const { clock, visited } = world([100, 200, 300, 400]);
    clock.runUntil(300);
    expect(visited).toEqual([100, 200, 300]);
    clock.runUntil(250);
    expect(visited).toEqual([100, 200, 300]);
  });

  it('runs as fast as possible to the end', async () => {
    const eventsMs = Array.from({ length: 5_000 }, (_, i) => i * 60_000);
    const { clock, visited } = world(eventsMs);
    await clock.run({ driver: new ManualClockDriver(0) });
    expect(visited).toEqual(eventsMs);
  });

  it('paces virtual time at the speed factor against the driver', async () => {
    const driver = new ManualClockDriver(0);
    const { clock, visited } = world([0, 1_000, 2_000, 3_000]);
    const done = clock.run({ driver, speed: 10 });
    await tick(0);
    expect(visited).toEqual([0]);
    driver.advanceTo(99);
    await tick(1);
    expect(visited).toEqual([0]);
    driver.advanceTo(100); // 1_000 virtual ms at 10x is 100 wall ms
    await tick(2);
    expect(visited).toEqual([0, 1_000]);
    driver.advanceTo(300);
    await tick(3);
    await tick(4);
    await done;
    expect(visited).toEqual([0, 1_000, 2_000, 3_000]);
  });
});
