import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtestUploadCharsMax } from '@patchdesk/modules/contracts/backtest';
import { parseBarCsvColumns } from '../../../server/market/bar-csv';
import { checkCsvSize, checkCsvText } from './csv-check';

const header = 'time,open,high,low,close,volume';
const row = (minute: number, high = 11, low = 9) =>
  `2024-01-01T00:${String(minute).padStart(2, '0')}:00Z,10,${high},${low},10.5,3`;

/** The server's reader on the same text: its message, or null when it takes the file. */
function serverMessage(name: string, text: string): string | null {
  try {
    parseBarCsvColumns(text, name);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('checkCsvText', () => {
  it('takes the bundled sample and counts its bars', () => {
    const text = readFileSync(
      new URL('../../../patches/data/btc-usdt-perp-1m-sample.csv', import.meta.url),
      'utf8',
    );
    expect(checkCsvText('sample.csv', text)).toEqual({ ok: true, bars: 4320 });
  });

  it('takes Binance klines without a header, epoch microseconds included', () => {
    const kline = (timeMs: number) => `${timeMs},10,11,9,10.5,3,${timeMs + 59_999},30,5,1,10,0`;
    expect(checkCsvText('k.csv', `${kline(1_700_000_000_000)}\n${kline(1_700_000_060_000_000)}\n`)).toEqual({
      ok: true,
      bars: 2,
    });
  });

  // Each bad file gets the same line and reason from the browser as from the server.
  const bad: [string, string][] = [
    ['a bad number', `${header}\n${row(0)}\n2024-01-01T00:01:00Z,10,11,9,x,3\n`],
    ['high below low', `${header}\n${row(0)}\n${row(1, 8, 9)}\n`],
    ['duplicate time', `${header}\n${row(0)}\n${row(0)}\n`],
    ['unsorted times', `${header}\n${row(2)}\n${row(1)}\n`],
    ['a missing column', `time,open,high,low,close\n${row(0)}\n`],
    ['a short row', `${header}\n${row(0)}\n2024-01-01T00:01:00Z,10,11\n`],
    ['a bad time', `${header}\nyesterday,10,11,9,10,3\n`],
    ['no header and not klines', `1,2,3\n`],
  ];
  it.each(bad)('names the line and reason of %s, as the server does', (_label, text) => {
    const check = checkCsvText('up.csv', text);
    expect(check.ok).toBe(false);
    expect(check.ok ? null : check.message).toBe(serverMessage('up.csv', text));
    expect(check.ok ? '' : check.message).toMatch(/^up\.csv line \d+: /);
  });

  it('refuses binary data, an empty file and one without bars', () => {
    expect(checkCsvText('x.png', '\u0089PNG\u0000\u0000')).toEqual({
      ok: false,
      message: 'x.png is not a CSV text file (it holds binary data)',
    });
    expect(checkCsvText('e.csv', '')).toEqual({ ok: false, message: 'e.csv is empty' });
    expect(checkCsvText('h.csv', `${header}\n`)).toEqual({ ok: false, message: 'h.csv: no bars' });
  });
});

describe('checkCsvSize', () => {
  it('refuses a file over the upload limit before reading it, and passes one at the limit', () => {
    expect(checkCsvSize('big.csv', backtestUploadCharsMax)).toBeNull();
    const over = checkCsvSize('big.csv', backtestUploadCharsMax + 1);
    expect(over?.ok).toBe(false);
    expect(over && !over.ok ? over.message : '').toMatch(
      /^big\.csv is 900,001 bytes; an upload may be at most 900,000/,
    );
  });
});
