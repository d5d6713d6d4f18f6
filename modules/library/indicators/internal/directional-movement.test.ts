import { describe, expect, it } from 'vitest';
import { directionalBars } from '../testing/small-bars';
import { createDirectionalMovement, stepDirectionalMovement } from './directional-movement';

describe('directional movement', () => {
  it('sums the first period - 1 bars, then smooths the Wilder way (see small-bars.ts)', () => {
    const dm = createDirectionalMovement(2);
    const { high, low, close } = directionalBars;
    const seen = high.map((_, i) => {
      const ready = stepDirectionalMovement(dm, { high: high[i], low: low[i], close: close[i] });
      return ready ? [dm.plusMovement, dm.minusMovement, dm.range] : null;
    });
    expect(seen).toEqual([null, null, [2, 0, 4.5], [1, 3, 7.25], [0.5, 2.5, 6.625]]);
  });

  it('counts neither direction when the up and down moves tie (an outside bar)', () => {
    const dm = createDirectionalMovement(2);
    stepDirectionalMovement(dm, { high: 10, low: 8, close: 9 });
    stepDirectionalMovement(dm, { high: 12, low: 6, close: 9 }); // up 2, down 2
    expect([dm.plusMovement, dm.minusMovement, dm.range]).toEqual([0, 0, 6]);
  });

  it('counts a tie in decimal prices as a tie even when rounding splits it', () => {
    // Up 0.3 - 0.2 and down 0.2 - 0.1 are both one tick, but come out 0.09999999999999998 and
    // 0.1 in binary: within the prices' rounding, so neither direction counts.
    const dm = createDirectionalMovement(2);
    stepDirectionalMovement(dm, { high: 0.2, low: 0.2, close: 0.2 });
    stepDirectionalMovement(dm, { high: 0.3, low: 0.1, close: 0.2 });
    expect(0.3 - 0.2).not.toBe(0.2 - 0.1);
    expect([dm.plusMovement, dm.minusMovement]).toEqual([0, 0]);
  });

  it('still counts a real move of a low-priced coin, however small', () => {
    const dm = createDirectionalMovement(2);
    stepDirectionalMovement(dm, { high: 0.002, low: 0.001, close: 0.0015 });
    stepDirectionalMovement(dm, { high: 0.002_000_001, low: 0.001, close: 0.0015 }); // up 1e-9, down 0
    expect(dm.plusMovement / 1e-9).toBeCloseTo(1, 6);
    expect(dm.minusMovement).toBe(0);
  });

  it('counts only the larger move of an outside bar', () => {
    const dm = createDirectionalMovement(2);
    stepDirectionalMovement(dm, { high: 10, low: 8, close: 9 });
    stepDirectionalMovement(dm, { high: 13, low: 7, close: 9 }); // up 3, down 1
    expect([dm.plusMovement, dm.minusMovement]).toEqual([3, 0]);
  });
});
