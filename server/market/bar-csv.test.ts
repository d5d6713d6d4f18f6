import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barsFromColumns, concatBarColumns, sliceBarColumns, type BarColumns } from './bar-columns';
import {
  BarCsvError,
  BarCsvParser,
  maxLineBytes,
  parseBarCsv,
  parseBarCsvColumns,
  readBarCsvFile,
  streamBarCsvFile,
} from './bar-csv';
import { BarColumnsBuilder } from './bar-columns';

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
    const bars = barsFromColumns(await readBarCsvFile(samplePath));
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

describe('streaming', () => {
  const sampleText = readFileSync(samplePath, 'utf8');

  function tempFile(name: string, text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'bar-csv-')), name);
    writeFileSync(path, text);
    return path;
  }

  async function chunksOf(path: string, chunkBars: number, readBytes: number): Promise<BarColumns[]> {
    const chunks: BarColumns[] = [];
    for await (const chunk of streamBarCsvFile(path, { chunkBars, readBytes })) chunks.push(chunk);
    return chunks;
  }

  it('gives the same bars however the bytes are split between writes', () => {
    const text = `${sampleText.split('\n').slice(0, 300).join('\n')}\n`;
    const whole = parseBarCsvColumns(text);
    expect(whole.length).toBe(299);
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        (cuts) => {
          const parser = new BarCsvParser('split.csv');
          const out = new BarColumnsBuilder(16);
          // parse after each piece, a few bars at a time, as the file stream does
          const parseAll = () => {
            while (parser.parse(out, out.length + 7));
          };
          let from = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            parser.write(bytes.subarray(from, cut));
            parseAll();
            from = cut;
          }
          parser.write(bytes.subarray(from));
          parser.end();
          parseAll();
          expect(out.take()).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hands out chunks of chunkBars bars that together are the whole file', async () => {
    const path = tempFile('sample.csv', sampleText);
    const chunks = await chunksOf(path, 1_000, 4_096);
    expect(chunks.map((chunk) => chunk.length)).toEqual([1_000, 1_000, 1_000, 1_000, 320]);
    expect(concatBarColumns(chunks)).toEqual(parseBarCsvColumns(sampleText));
    expect(await readBarCsvFile(path)).toEqual(parseBarCsvColumns(sampleText));
  });

  it('with reuseChunks, alternates two sets of columns, each chunk intact until the one after next', async () => {
    const path = tempFile('sample.csv', sampleText);
    const whole = parseBarCsvColumns(sampleText);
    const buffers: ArrayBufferLike[] = [];
    let offset = 0;
    for await (const chunk of streamBarCsvFile(path, {
      chunkBars: 1_000,
      readBytes: 4_096,
      reuseChunks: true,
    })) {
      expect(chunk).toEqual(sliceBarColumns(whole, offset, offset + chunk.length));
      offset += chunk.length;
      buffers.push(chunk.close.buffer);
    }
    expect(offset).toBe(whole.length);
    expect(new Set(buffers).size).toBe(2);
    expect(buffers[2]).toBe(buffers[0]);
  });

  it('reads CRLF files, a UTF-8 byte order mark, and a last line without a newline', () => {
    const text = '\uFEFFtime,open,high,low,close,volume\r\n0,1,2,1,2,1\r\n\r\n60000,2,3,2,3,1';
    expect(parseBarCsv(text)).toEqual([
      { timeMs: 0, open: 1, high: 2, low: 1, close: 2, volume: 1 },
      { timeMs: 60_000, open: 2, high: 3, low: 2, close: 3, volume: 1 },
    ]);
  });

  it('reads quoted cells, spaces, exponents and long fractions the general way', () => {
    const bars = parseBarCsv(
      'time,open,high,low,close,volume\n' +
        '"2022-01-01T00:00:00Z", 1.5 ,"2e1",0.1000000000000000055511151231257827,1e-7,"  3 "\n',
    );
    expect(bars).toEqual([
      { timeMs: Date.UTC(2022, 0, 1), open: 1.5, high: 20, low: 0.1, close: 1e-7, volume: 3 },
    ]);
  });

  it('refuses a line longer than the limit with its number, before holding the rest', () => {
    const parser = new BarCsvParser('long.csv');
    const out = new BarColumnsBuilder();
    parser.write(Buffer.from('time,open,high,low,close,volume\n0,1,2,1,2,1\n'));
    parser.parse(out);
    expect(out.length).toBe(1);
    const endless = Buffer.alloc(maxLineBytes / 4, 0x31);
    let error: unknown = null;
    try {
      for (let i = 0; i < 8; i++) {
        parser.write(endless);
        parser.parse(out);
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BarCsvError);
    expect((error as BarCsvError).message).toBe(`long.csv line 3: line is longer than ${maxLineBytes} bytes`);
  });

  it('refuses what is not a regular file, naming it without its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bar-csv-'));
    mkdirSync(join(dir, 'folder.csv'));
    await expect(readBarCsvFile(join(dir, 'folder.csv'))).rejects.toThrow(
      /^bars file folder\.csv is not a regular file$/,
    );
    await expect(readBarCsvFile(join(dir, 'missing.csv'))).rejects.toThrow(
      /^bars file missing\.csv does not exist$/,
    );
  });

  it('names the line of a bad row in a later chunk, after handing out the earlier ones', async () => {
    const lines = sampleText.trimEnd().split('\n');
    lines[3_001] = lines[3_001].replace(/,[^,]+$/, ',-5');
    const path = tempFile('late.csv', `${lines.join('\n')}\n`);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const chunk of streamBarCsvFile(path, { chunkBars: 1_000, readBytes: 4_096 }))
        seen.push(chunk.length);
    })();
    await expect(reading).rejects.toThrow('late.csv line 3002: volume -5 is negative');
    expect(seen.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(2_000);
  });
});
