import { describe, expect, it } from 'vitest';
import {
  dropPane,
  arrangePanes,
  boolFromLane,
  boolLaneValue,
  formatVolume,
  movePane,
  paneTitle,
  plotPanes,
  togglePaneCollapsed,
} from './plot-panes';
import type { PlotSeriesInfo } from './plot-panes';

const number = (key: string, latest: number): PlotSeriesInfo => ({ key, type: 'number', latest });

describe('plotPanes', () => {
  it('puts price and averages in the price pane, an oscillator, volume and bools in their own', () => {
    const panes = plotPanes([
      number('bars.close', 46_956),
      number('ema.out', 46_939.81),
      number('rsi.out', 50.93),
      number('bars.volume', 3_353_308.76),
      { key: 'long.out', type: 'bool', latest: 0 },
      { key: 'short.out', type: 'bool', latest: 1 },
    ]);
    expect(panes).toEqual([
      { id: 'price', kind: 'price', series: [0, 1] },
      { id: 'scale-m2', kind: 'scale', series: [2] },
      { id: 'volume', kind: 'volume', series: [3] },
      { id: 'bool', kind: 'bool', series: [4, 5] },
    ]);
  });

  it('without a price port, the scale most series share is the price pane', () => {
    const panes = plotPanes([number('z.out', 1.2), number('a.out', 4_000), number('b.out', 4_100)]);
    expect(panes.map((pane) => [pane.kind, pane.series])).toEqual([
      ['price', [1, 2]],
      ['scale', [0]],
    ]);
  });

  it('a series with no value yet waits in the price pane', () => {
    const panes = plotPanes([number('bars.close', 46_000), number('rsi.out', Number.NaN)]);
    expect(panes).toEqual([{ id: 'price', kind: 'price', series: [0, 1] }]);
  });
});

describe('bool lanes', () => {
  it('draws true high and false low in each lane, and reads them back', () => {
    expect(boolLaneValue(1, 2)).toBeCloseTo(2.7, 10);
    expect(boolLaneValue(0, 2)).toBe(2);
    expect(boolLaneValue(null, 0)).toBeNull();
    expect(boolLaneValue(Number.NaN, 0)).toBeNull();
    expect(boolFromLane(boolLaneValue(1, 3)!, 3)).toBe(true);
    expect(boolFromLane(boolLaneValue(0, 3)!, 3)).toBe(false);
  });
});

describe('formatVolume', () => {
  it('is compact', () => {
    expect(formatVolume(3_353_308.76)).toBe('3.35M');
    expect(formatVolume(12_639.25)).toBe('12.6k');
    expect(formatVolume(950.4)).toBe('950');
    expect(formatVolume(2.5e9)).toBe('2.50G');
  });
});

describe('pane arrangement', () => {
  const panes = plotPanes([
    number('bars.close', 46_956),
    number('rsi.out', 50.93),
    number('bars.volume', 3_353_308.76),
    { key: 'long.out', type: 'bool', latest: 0 },
  ]);
  const ids = (list: readonly { id: string }[]) => list.map((pane) => pane.id);

  it('keeps the natural order with no layout, and follows a chosen one', () => {
    expect(ids(arrangePanes(panes, { order: [], collapsed: [] }))).toEqual([
      'price',
      'scale-m2',
      'volume',
      'bool',
    ]);
    expect(
      ids(arrangePanes(panes, { order: ['bool', 'volume', 'price', 'scale-m2'], collapsed: [] })),
    ).toEqual(['bool', 'volume', 'price', 'scale-m2']);
  });

  it('puts a pane the layout does not know after the ordered ones, in natural order', () => {
    expect(ids(arrangePanes(panes, { order: ['volume', 'gone'], collapsed: [] }))).toEqual([
      'volume',
      'price',
      'scale-m2',
      'bool',
    ]);
  });

  it('moves a pane one place up or down, and not past either end', () => {
    const shown = ['price', 'scale-m2', 'volume', 'bool'];
    expect(movePane(shown, 'volume', -1)).toEqual(['price', 'volume', 'scale-m2', 'bool']);
    expect(movePane(shown, 'price', 1)).toEqual(['scale-m2', 'price', 'volume', 'bool']);
    expect(movePane(shown, 'price', -1)).toEqual(shown);
    expect(movePane(shown, 'bool', 1)).toEqual(shown);
    expect(movePane(shown, 'missing', 1)).toEqual(shown);
    // A move then its reverse is where it started.
    expect(movePane(movePane(shown, 'scale-m2', 1), 'scale-m2', -1)).toEqual(shown);
  });

  it('toggles a pane collapsed and back', () => {
    expect(togglePaneCollapsed([], 'volume')).toEqual(['volume']);
    expect(togglePaneCollapsed(['price', 'volume'], 'volume')).toEqual(['price']);
    expect(togglePaneCollapsed(togglePaneCollapsed(['bool'], 'price'), 'price')).toEqual(['bool']);
  });

  it('titles each pane', () => {
    const keys = ['bars.close', 'rsi.out', 'bars.volume', 'long.out'];
    expect(panes.map((pane) => paneTitle(pane, keys))).toEqual(['Price', 'rsi.out', 'Volume', 'Signals']);
    expect(paneTitle({ id: 'scale-x', kind: 'scale', series: [0, 1, 2] }, ['a.out', 'b.out', 'c.out'])).toBe(
      'a.out, b.out +1',
    );
  });
});

describe('dropPane', () => {
  it('puts the dragged pane in the target place, the others shifting towards where it was', () => {
    const ids = ['price', 'scale:a', 'volume', 'bool'];
    expect(dropPane(ids, 'bool', 'price')).toEqual(['bool', 'price', 'scale:a', 'volume']);
    expect(dropPane(ids, 'price', 'volume')).toEqual(['scale:a', 'volume', 'price', 'bool']);
    expect(dropPane(ids, 'price', 'price')).toEqual(ids);
    expect(dropPane(ids, 'gone', 'price')).toEqual(ids);
  });
});
