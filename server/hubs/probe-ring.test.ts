import { describe, expect, it } from 'vitest';
import { ProbeRing } from './probe-ring';

const minuteMs = 60_000;

describe('ProbeRing', () => {
  it('keeps the last kept span of data time, every port at the same ticks', () => {
    const ring = new ProbeRing(100, 3 * minuteMs);
    ring.setPorts(['a.out', 'b.out']);
    for (let bar = 0; bar < 10; bar++) ring.push(bar * minuteMs, (port) => (port === 'a.out' ? bar : -bar));
    // Newest at minute 9; kept from minute 6 on (9 - 3): four points.
    expect(ring.columns(['b.out', 'a.out', 'gone.out'])).toEqual({
      timeMs: [6, 7, 8, 9].map((m) => m * minuteMs),
      values: [
        [-6, -7, -8, -9],
        [6, 7, 8, 9],
        [null, null, null, null],
      ],
    });
  });

  it('is bounded by its capacity, wrapping round', () => {
    const ring = new ProbeRing(3, 1e12);
    ring.setPorts(['a.out']);
    for (let t = 1; t <= 7; t++) ring.push(t, () => t * 10);
    expect(ring.length).toBe(3);
    expect(ring.columns(['a.out'])).toEqual({ timeMs: [5, 6, 7], values: [[50, 60, 70]] });
  });

  it('overwrites a repeated time, starts over when time goes back, NaN as null', () => {
    const ring = new ProbeRing(10, 1e12);
    ring.setPorts(['a.out']);
    ring.push(5, () => 1);
    ring.push(5, () => Number.NaN);
    expect(ring.columns(['a.out'])).toEqual({ timeMs: [5], values: [[null]] });
    ring.push(3, () => 2);
    expect(ring.columns(['a.out'])).toEqual({ timeMs: [3], values: [[2]] });
  });

  it('a probe added later reads null before it was added; a removed one is forgotten', () => {
    const ring = new ProbeRing(10, 1e12);
    ring.setPorts(['a.out']);
    ring.push(1, () => 1);
    ring.setPorts(['a.out', 'b.out']);
    ring.push(2, () => 2);
    expect(ring.columns(['b.out']).values).toEqual([[null, 2]]);
    ring.setPorts(['b.out']);
    expect(ring.ports).toEqual(['b.out']);
    expect(ring.columns(['a.out']).values).toEqual([[null, null]]);
  });
});
