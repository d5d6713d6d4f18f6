import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BarCsvError, parseBarCsv, readBarCsvFile } from './bar-csv';

const samplePath = new URL('../../patches/data/btc-usdt-perp-1m-sample.csv', import.meta.url).pathname;

function problemOf(text: string): BarCsvError {
  try {
    parseBarCsv(text, 'test.csv');
  } catch (error) {
    if (error instanceof BarCsvError) return error;
    throw error;
  }
  throw new Error('expected the parse to fail');
}

describe('parseBarCsv', () => {
  it('reads a header in any column order, any case, ignoring extra columns', () => {
    const bars = parseBarCsv(
      [
        'Close,VOLUME,trades,time,Open,low,High',
        '101.5,12,7,2022-01-01T00:00:00Z,100,99,102',
        '103,0,3,2022-01-01T00:01:00.000Z,101.5,101,104',
      ].join('\r\n'),
    );
    expect(bars).toEqual([
      { timeMs: Date.UTC(2022, 0, 1, 0, 0), open: 100, high: 102, low: 99, close: 101.5, volume: 12 },
      { timeMs: Date.UTC(2022, 0, 1, 0, 1), open: 101.5, high: 104, low: 101, close: 103, volume: 0 },
    ]);
  });

  it('reads epoch milliseconds, and ISO times without a zone as UTC', () => {
    const bars = parseBarCsv(
      'time,open,high,low,close,volume\n1640995200000,1,2,1,2,5\n2022-01-01T00:01:00,2,3,2,3,5\n',
    );
    expect(bars.map((bar) => bar.timeMs)).toEqual([Date.UTC(2022, 0, 1), Date.UTC(2022, 0, 1, 0, 1)]);
  });

  it("reads Binance's headerless 12-column klines, including microsecond times", () => {
    const bars = parseBarCsv(
      [
        '1640995200000,46216.93,46271.08,46208.37,46250.00,40.57574,1640995259999,1876624.78,1031,20.91,967271.88,0',
        '1640995260000000,46250.00,46344.23,46234.39,46312.76,42.38106,1640995319999999,1962002.88,1132,24.06,1113857.55,0',
      ].join('\n'),
    );
    expect(bars).toEqual([
      {
        timeMs: 1640995200000,
        open: 46216.93,
        high: 46271.08,
        low: 46208.37,
        close: 46250,
        volume: 40.57574,
      },
      {
        timeMs: 1640995260000,
        open: 46250,
        high: 46344.23,
        low: 46234.39,
        close: 46312.76,
        volume: 42.38106,
      },
    ]);
  });

  it("reads Binance's kline dumps that carry a header", () => {
    const bars = parseBarCsv(
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n' +
        '1640995200000,1,2,0.5,1.5,10,1640995259999,15,3,5,7,0\n',
    );
    expect(bars).toEqual([{ timeMs: 1640995200000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
  });

  it.each([
    [
      'a non-numeric cell',
      'time,open,high,low,close,volume\n0,1,2,1,2,1\n60000,1,2,x,2,1',
      3,
      'low "x" is not a number',
    ],
    ['a missing column', 'time,open,high,low,close,volume\n0,1,2,1,2', 2, 'expected 6 columns, found 5'],
    [
      'high below low',
      'time,open,high,low,close,volume\n0,1,2,1,2,1\n\n60000,1,1,2,1,1',
      4,
      'high 1 is below low 2',
    ],
    [
      'time not increasing',
      'time,open,high,low,close,volume\n60000,1,2,1,2,1\n60000,1,2,1,2,1',
      3,
      'is not after',
    ],
    ['a bad time', 'time,open,high,low,close,volume\nyesterday,1,2,1,2,1', 2, 'neither ISO-8601 nor epoch'],
    ['a header without close', 'time,open,high,low,volume\n', 1, 'no "close" column'],
    ['a headerless file of the wrong width', '0,1,2,1,2,1\n', 1, "not Binance's 12-column"],
  ])('names the line and the problem for %s', (_name, text, line, problem) => {
    const error = problemOf(text);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`test.csv line ${line}: `);
    expect(error.message).toContain(problem);
  });
});

describe('readBarCsvFile', () => {
  it('streams the bundled sample: three days of 1-minute bars, in order, without gaps', async () => {
    const bars = await readBarCsvFile(samplePath);
    expect(bars.length).toBe(3 * 24 * 60);
    expect(new Date(bars[0].timeMs).toISOString()).toBe('2022-01-01T00:00:00.000Z');
    for (let i = 1; i < bars.length; i++) expect(bars[i].timeMs - bars[i - 1].timeMs).toBe(60_000);
    expect(bars[0]).toEqual({
      timeMs: bars[0].timeMs,
      open: 46197,
      high: 46247,
      low: 46195,
      close: 46224,
      volume: 3353308.7635,
    });
  });

  it('names the file and line of a bad row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bar-csv-'));
    const path = join(dir, 'broken.csv');
    writeFileSync(path, 'time,open,high,low,close,volume\n0,1,2,1,2,1\n60000,1,2,1,,1\n');
    await expect(readBarCsvFile(path)).rejects.toThrow('broken.csv line 3: close "" is not a number');
  });
});
