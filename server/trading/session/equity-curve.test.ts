import { describe, expect, it } from 'vitest';
import { EquityCurve, equityPointsKeptMax } from './equity-curve';

describe('EquityCurve', () => {
  it('keeps one point a bar until the cap, then every other point at a doubled stride', () => {
    const curve = new EquityCurve();
    expect(curve.last()).toBeNull();
    for (let bar = 1; bar < equityPointsKeptMax; bar++) curve.record(bar, bar * 10);
    expect(curve.points()).toHaveLength(equityPointsKeptMax - 1);
    expect(curve.last()).toEqual({ timeMs: equityPointsKeptMax - 1, equity: (equityPointsKeptMax - 1) * 10 });
    // the cap-th point thins the curve to bars 1, 3, 5, ..., 1999 (1,000 points)
    curve.record(equityPointsKeptMax, 0);
    const thinned = curve.points();
    expect(thinned).toHaveLength(equityPointsKeptMax / 2);
    expect(thinned.slice(0, 3).map((p) => p.timeMs)).toEqual([1, 3, 5]);
    // stride 2 from here: bar 2,001 is skipped (2001 % 2 = 1), bar 2,002 is kept
    curve.record(equityPointsKeptMax + 1, 1);
    expect(curve.points()).toHaveLength(equityPointsKeptMax / 2);
    curve.record(equityPointsKeptMax + 2, 2);
    expect(curve.last()).toEqual({ timeMs: equityPointsKeptMax + 2, equity: 2 });
  });
});
