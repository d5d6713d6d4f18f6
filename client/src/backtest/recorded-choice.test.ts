import { describe, expect, it } from 'vitest';
import type { BacktestStoredDataset } from '@patchdesk/modules/contracts/backtest';
import {
  datasetKey,
  datasetLabel,
  datasetSpan,
  minuteText,
  parseMinuteText,
  recordedData,
  wholeDataset,
  type RecordedChoice,
} from './recorded-choice';

const first = Date.UTC(2022, 0, 1, 0, 0);
const last = Date.UTC(2022, 0, 3, 23, 59);
const dataset: BacktestStoredDataset = {
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  timeframe: '1m',
  firstMs: first,
  lastMs: last,
  count: 4_320,
};
const choice = (from: string, through: string): RecordedChoice => ({
  kind: 'recorded',
  key: datasetKey(dataset),
  from,
  through,
});

describe('recorded history choice', () => {
  it('writes and reads UTC minutes', () => {
    expect(minuteText(first)).toBe('2022-01-01T00:00');
    expect(parseMinuteText('2022-01-03T23:59')).toBe(last);
    expect(parseMinuteText('2022-01-03')).toBeNull();
    expect(parseMinuteText('2022-13-03T23:59')).toBeNull();
  });

  it('covers the whole dataset by default, through the last bar (toMs one past its open)', () => {
    expect(wholeDataset(dataset)).toEqual(choice('2022-01-01T00:00', '2022-01-03T23:59'));
    expect(recordedData(wholeDataset(dataset), [dataset])).toEqual({
      kind: 'recorded',
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      timeframe: '1m',
      fromMs: first,
      toMs: last + 1,
    });
    expect(datasetLabel(dataset)).toBe('binanceusdm · BTC/USDT:USDT · 1m · 4,320 bars');
    expect(datasetSpan(dataset)).toBe('2022-01-01 00:00 to 2022-01-03 23:59 UTC');
  });

  it('says what stands in the way', () => {
    const ok = choice('2022-01-01T00:00', '2022-01-01T01:39');
    expect(recordedData(ok, null)).toEqual({ problem: 'the recorded datasets are still loading' });
    expect(recordedData(ok, [])).toEqual({
      problem: 'the store holds no recorded history (patchdesk import or fetch fills it)',
    });
    expect(recordedData({ ...ok, key: null }, [dataset])).toEqual({ problem: 'choose a recorded dataset' });
    expect(recordedData(choice('', '2022-01-01T01:39'), [dataset])).toEqual({
      problem: '“From” must be a date and time (UTC)',
    });
    expect(recordedData(choice('2022-01-01T02:00', '2022-01-01T01:00'), [dataset])).toEqual({
      problem: '“Through” must not be before “From”',
    });
    expect(recordedData(choice('2023-01-01T00:00', '2023-01-02T00:00'), [dataset])).toEqual({
      problem: 'the range holds none of the dataset’s bars',
    });
  });
});
