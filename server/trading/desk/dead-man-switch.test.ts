import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadManSwitch } from './dead-man-switch';
import type { WallTimers } from './dead-man-switch';

// vitest's fake timers stand in for the wall clock so the test waits for no real minute.
const fakeTimers: WallTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

describe('DeadManSwitch', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('fires once when no heartbeat arrives before the deadline, then reads disarmed', () => {
    const expired = vi.fn();
    const deadMan = new DeadManSwitch(expired, fakeTimers);
    expect(deadMan.arm(30)).toEqual({ armed: true, timeoutSeconds: 30, deadlineAtMs: 1_700_000_030_000 });
    vi.advanceTimersByTime(29_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(deadMan.status()).toEqual({ armed: false, timeoutSeconds: null, deadlineAtMs: null });
    vi.advanceTimersByTime(120_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('each heartbeat moves the deadline one timeout ahead', () => {
    const expired = vi.fn();
    const deadMan = new DeadManSwitch(expired, fakeTimers);
    deadMan.arm(10);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(9_000);
      expect(deadMan.heartbeat().deadlineAtMs).toBe(Date.now() + 10_000);
    }
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('disarm stops it; a heartbeat to a disarmed switch does not arm it', () => {
    const expired = vi.fn();
    const deadMan = new DeadManSwitch(expired, fakeTimers);
    deadMan.arm(5);
    expect(deadMan.disarm().armed).toBe(false);
    expect(deadMan.heartbeat().armed).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('refuses a timeout outside 1 s to 1 day, saying the range', () => {
    const deadMan = new DeadManSwitch(() => undefined, fakeTimers);
    expect(() => deadMan.arm(0)).toThrow('dead-man timeout must be between 1 and 86400 seconds, got 0');
    expect(() => deadMan.arm(Number.NaN)).toThrow(/got NaN/);
    expect(deadMan.status().armed).toBe(false);
  });
});
