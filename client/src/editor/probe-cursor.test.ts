import { describe, expect, it } from 'vitest';
import type { PlotData } from '../stores/probe-history';
import { cursorReading } from './probe-cursor';

const data: PlotData = [
  [60, 120],
  [100, 101],
  [null, 1],
];

describe('cursorReading', () => {
  it('reads every probe at the cursor bar, in ms', () => {
    expect(cursorReading(data, ['bars.close', 'up.out'], 1)).toEqual({
      timeMs: 120_000,
      values: [
        { key: 'bars.close', value: 101 },
        { key: 'up.out', value: 1 },
      ],
    });
    expect(cursorReading(data, ['bars.close', 'up.out'], 0)?.values[1].value).toBeNull();
  });

  it('is null off the data', () => {
    expect(cursorReading(data, ['bars.close'], null)).toBeNull();
    expect(cursorReading(data, ['bars.close'], 2)).toBeNull();
    expect(cursorReading(data, ['bars.close'], -1)).toBeNull();
  });
});
