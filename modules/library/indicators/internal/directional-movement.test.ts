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

  it('counts only the larger move of an outside bar', () => {
    const dm = createDirectionalMovement(2);
    stepDirectionalMovement(dm, { high: 10, low: 8, close: 9 });
    stepDirectionalMovement(dm, { high: 13, low: 7, close: 9 }); // up 3, down 1
    expect([dm.plusMovement, dm.minusMovement]).toEqual([3, 0]);
  });
});
