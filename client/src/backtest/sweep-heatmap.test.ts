import { describe, expect, it } from 'vitest';
import type { SweepOutcome, SweepRow } from '@patchdesk/modules/contracts/sweep';
import { heatmapOf, scaleColour, scalePosition } from './sweep-heatmap';

const row = (index: number, fast: number, slow: number, value: number | null): SweepRow => ({
  index,
  params: { 'ema-fast.period': fast, 'ema-slow.period': slow },
  value,
  metrics: {} as SweepRow['metrics'],
});

const outcome = (rows: SweepRow[], params = 2): SweepOutcome => ({
  id: 'x',
  name: 'p',
  status: 'completed',
  objective: 'sharpe',
  ranges: [
    { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
    { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
  ].slice(0, params),
  search: { kind: 'grid' },
  bars: { count: 10, firstTimeMs: 0, lastTimeMs: 9 },
  rows,
  best: null,
});

describe('heatmapOf', () => {
  it('puts the first param across and the second up, each cell naming its row', () => {
    const map = heatmapOf(
      outcome([
        row(0, 6, 20, 1),
        row(1, 6, 40, null),
        row(2, 9, 20, -2),
        row(3, 9, 40, 0.5),
        row(4, 12, 40, 3),
      ]),
    );
    expect(map).toMatchObject({
      xName: 'ema-fast.period',
      yName: 'ema-slow.period',
      xs: [6, 9, 12],
      ys: [20, 40],
    });
    expect(map?.cells).toEqual([
      [0, 2, null],
      [1, 3, 4],
    ]);
    expect([map?.low, map?.high]).toEqual([-2, 3]);
  });

  it('is only for two params', () => {
    expect(heatmapOf(outcome([], 1))).toBeNull();
  });
});

describe('the colour scale', () => {
  it('runs from dark purple (worst) to yellow (best), clamped', () => {
    expect(scaleColour(0)).toBe('rgb(68, 1, 84)');
    expect(scaleColour(1)).toBe('rgb(253, 231, 37)');
    expect(scaleColour(0.5)).toBe('rgb(33, 145, 140)');
    expect(scaleColour(-3)).toBe(scaleColour(0));
    expect(scaleColour(Number.NaN)).toBe(scaleColour(0));
  });

  it('turns round for a metric where lower is better', () => {
    expect(scalePosition(0.1, 0.1, 0.3, false)).toBe(0);
    expect(scalePosition(0.1, 0.1, 0.3, true)).toBe(1);
    expect(scalePosition(5, 5, 5, false)).toBe(0.5);
  });
});
