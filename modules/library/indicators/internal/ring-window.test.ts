import { describe, expect, it } from 'vitest';
import { randomWalk } from '../testing/seeded-random';
import {
  createRingWindow,
  isWindowFull,
  oldestSample,
  pushToWindow,
  sampleAgo,
  windowAverage,
} from './ring-window';

describe('ring window', () => {
  it('fills, then drops the oldest sample on each push', () => {
    const window = createRingWindow(3);
    pushToWindow(window, 1);
    expect(window.dropped).toBeNaN();
    pushToWindow(window, 2);
    expect(window.dropped).toBeNaN();
    expect(isWindowFull(window)).toBe(false);
    expect(windowAverage(window)).toBeNaN();
    pushToWindow(window, 3);
    expect(window.dropped).toBeNaN();
    expect(isWindowFull(window)).toBe(true);
    expect(windowAverage(window)).toBe(2);
    pushToWindow(window, 10);
    expect(window.dropped).toBe(1);
    expect(window.sum).toBe(15);
    expect([sampleAgo(window, 0), sampleAgo(window, 1), sampleAgo(window, 2)]).toEqual([10, 3, 2]);
    expect(oldestSample(window)).toBe(2);
  });

  it('names the oldest sample while filling', () => {
    const window = createRingWindow(4);
    pushToWindow(window, 7);
    pushToWindow(window, 8);
    expect(oldestSample(window)).toBe(7);
    expect(sampleAgo(window, 0)).toBe(8);
  });

  it('holds one sample at size 1', () => {
    const window = createRingWindow(1);
    pushToWindow(window, 5);
    pushToWindow(window, 6);
    expect(window.dropped).toBe(5);
    expect(windowAverage(window)).toBe(6);
  });

  it('keeps its running sum close to a fresh sum over a long run', () => {
    const values = randomWalk(20_000, 7, 40_000, 50);
    const window = createRingWindow(20);
    for (const x of values) pushToWindow(window, x);
    const fresh = values.slice(-20).reduce((a, b) => a + b, 0);
    expect(Math.abs(window.sum - fresh) / fresh).toBeLessThan(1e-12);
  });

  it('holds an exact 0 sum once every sample in the window is 0', () => {
    const window = createRingWindow(3);
    for (const x of [0.1, 0.2, 0.3, 0, 0]) pushToWindow(window, x);
    expect(window.sum).not.toBe(0); // 0.3 is still in
    pushToWindow(window, 0);
    // Sliding would leave (0.1 + 0.2 + 0.3) - 0.1 - 0.2 - 0.3 = 1.1e-16 behind.
    expect(window.sum).toBe(0);
    expect(windowAverage(window)).toBe(0);
    pushToWindow(window, 2);
    expect(window.sum).toBe(2);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createRingWindow(0)).toThrow(/size must be a positive integer, got 0/);
    expect(() => createRingWindow(2.5)).toThrow(/got 2.5/);
  });
});
