import { describe, expect, it } from 'vitest';
import { LiveClock } from './live-clock';
import { ManualClockDriver } from './manual-clock-driver';

function setup(startMs: number, workMs: (tickIndex: number) => number = () => 0) {
  const driver = new ManualClockDriver(startMs);
  const ticks: number[] = [];
  const firedAt: number[] = [];
  const clock = new LiveClock({
    driver,
    onTick(timeMs) {
      firedAt.push(driver.nowMs());
      ticks.push(timeMs);
      driver.spend(workMs(ticks.length - 1));
    },
  });
  return { driver, clock, ticks, firedAt };
}

describe('LiveClock', () => {
  it('ticks on multiples of 100 ms, starting at the next slot', () => {
    const { driver, clock, ticks, firedAt } = setup(1_000_037.25);
    clock.start();
    driver.advanceTo(1_000_550);
    expect(ticks).toEqual([1_000_100, 1_000_200, 1_000_300, 1_000_400, 1_000_500]);
    expect(firedAt).toEqual(ticks);
    expect(clock.stats()).toMatchObject({ ticks: 5, overruns: 0, skippedTicks: 0, maxTickMs: 0 });
  });

  it('does not drift: tick work is absorbed, the next tick still fires on its slot', () => {
    const { driver, clock, ticks, firedAt } = setup(0, () => 37.5);
    clock.start();
    driver.advanceTo(1_000);
    expect(ticks).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000]);
    expect(firedAt).toEqual(ticks);
    const stats = clock.stats();
    expect(stats.meanTickMs).toBe(37.5);
    expect(stats.maxTickMs).toBe(37.5);
    expect(stats.overruns).toBe(0);
  });

  it('counts a tick longer than the interval as an overrun and skips the slots it swallowed', () => {
    // Tick 2 (at 200) takes 250 ms, ending at 450: slot 300 is lost; the clock runs slot 400
    // (50 ms late), then is back on time at 500.
    const { driver, clock, ticks, firedAt } = setup(0, (index) => (index === 2 ? 250 : 1));
    clock.start();
    driver.advanceTo(800);
    expect(ticks).toEqual([0, 100, 200, 400, 500, 600, 700, 800]);
    expect(firedAt[3]).toBe(450);
    expect(firedAt[4]).toBe(500);
    const stats = clock.stats();
    expect(stats.overruns).toBe(2); // the long tick, and the late one at 400
    expect(stats.skippedTicks).toBe(1);
    expect(stats.maxTickMs).toBe(250);
    expect(stats.maxLatenessMs).toBe(50);
  });

  it('stops, and reports a throwing tick through onError instead of crashing', () => {
    const driver = new ManualClockDriver(0);
    const errors: unknown[] = [];
    let calls = 0;
    const clock = new LiveClock({
      driver,
      onTick() {
        calls++;
        if (calls === 3) throw new Error('boom');
      },
      onError: (error) => errors.push(error),
    });
    clock.start();
    driver.advanceTo(1_000);
    expect(calls).toBe(3);
    expect(clock.running).toBe(false);
    expect(errors).toHaveLength(1);
    expect(driver.pendingTimers).toBe(0);
  });

  it('re-arms a timer that fires early instead of ticking before the slot', () => {
    // Node timers count whole milliseconds: model one that fires 0.4 ms early, and waits at
    // least 1 ms, as Node does for shorter delays.
    class EarlyDriver extends ManualClockDriver {
      override setTimer(callback: () => void, delayMs: number): () => void {
        return super.setTimer(callback, delayMs < 1 ? 1 : delayMs - 0.4);
      }
    }
    const driver = new EarlyDriver(0.5);
    const firedAt: number[] = [];
    const clock = new LiveClock({
      driver,
      onTick: (timeMs) => {
        firedAt.push(timeMs, driver.nowMs());
      },
    });
    clock.start();
    driver.advanceTo(250);
    expect(firedAt).toEqual([100, 100.6, 200, 200.6]);
  });

  it('stops after a tick that returns false, with that tick counted before afterTick runs', () => {
    const driver = new ManualClockDriver(0);
    const seen: number[] = [];
    const clock = new LiveClock({
      driver,
      onTick: (timeMs) => timeMs < 200,
      afterTick: () => seen.push(clock.stats().ticks),
    });
    clock.start();
    driver.advanceTo(1_000);
    expect(seen).toEqual([1, 2, 3]);
    expect(clock.running).toBe(false);
    expect(driver.pendingTimers).toBe(0);
  });

  it('stop() cancels the pending tick', () => {
    const { driver, clock, ticks } = setup(0);
    clock.start();
    driver.advanceTo(250);
    clock.stop();
    driver.advanceTo(1_000);
    expect(ticks).toEqual([0, 100, 200]);
    expect(driver.pendingTimers).toBe(0);
  });
});
