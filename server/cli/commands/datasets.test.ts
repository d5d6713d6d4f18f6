// `patchdesk datasets`: the series a temp embedded store holds after `patchdesk import`, as a
// table and as JSON, and the empty store's message.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';
import { hasStackTrace, tempDir, type CliResult } from '../testing';

async function cli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

// The embedded store only: PostgreSQL's public schema is left alone.
const savedUrl = process.env.DATABASE_URL;
beforeAll(() => {
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

describe('patchdesk datasets', () => {
  it('an empty store: an empty JSON list, and a message saying how to load bars', async () => {
    const data = join(tempDir(), 'data');
    const json = await cli(['datasets', '--data', data, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    const text = await cli(['datasets', '--data', data]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/holds no bars \(load some with patchdesk import/);
  });

  it('lists each imported series with its first and last bar and count; mark bars are not listed', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const hourly = join(dir, 'hourly.csv');
    writeFileSync(
      hourly,
      'time,open,high,low,close,volume\n2021-11-17T01:00:00Z,1,2,0.5,1.5,10\n2021-11-17T02:00:00Z,1.5,2,1,1.2,11\n' +
        '2021-11-17T03:00:00Z,1.2,1.3,1,1.1,12\n',
    );
    const minutes = join(dir, 'minutes.csv');
    writeFileSync(
      minutes,
      'time,open,high,low,close,volume\n2022-01-01T00:00:00Z,5,6,4,5,1\n2022-01-01T00:01:00Z,5,6,4,5,1\n',
    );
    const mark = join(dir, 'mark.csv');
    writeFileSync(mark, 'time,open,high,low,close\n2022-01-01T00:00:00Z,5,6,4,5\n');
    for (const [file, symbol, extra] of [
      [hourly, 'XRP/USDT:USDT', []],
      [minutes, 'BTC/USDT:USDT', []],
      [mark, 'BTC/USDT:USDT', ['--timeframe', '1m']],
    ] as const) {
      const imported = await cli([
        'import',
        file,
        '--venue',
        'binanceusdm',
        '--symbol',
        symbol,
        ...extra,
        '--data',
        data,
      ]);
      expect(imported.code).toBe(0);
    }
    const json = await cli(['datasets', '--data', data, '--json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual([
      {
        venue: 'binanceusdm',
        symbol: 'BTC/USDT:USDT',
        timeframe: '1m',
        firstMs: Date.UTC(2022, 0, 1),
        lastMs: Date.UTC(2022, 0, 1, 0, 1),
        count: 2,
      },
      {
        venue: 'binanceusdm',
        symbol: 'XRP/USDT:USDT',
        timeframe: '1h',
        firstMs: Date.UTC(2021, 10, 17, 1),
        lastMs: Date.UTC(2021, 10, 17, 3),
        count: 3,
      },
    ]);
    const text = await cli(['datasets', '--data', data]);
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n')).toEqual([
      'venue        symbol         timeframe  first                     last                      bars',
      'binanceusdm  BTC/USDT:USDT  1m         2022-01-01T00:00:00.000Z  2022-01-01T00:01:00.000Z  2',
      'binanceusdm  XRP/USDT:USDT  1h         2021-11-17T01:00:00.000Z  2021-11-17T03:00:00.000Z  3',
    ]);
  });

  it('an unknown flag is a usage error without a stack trace', async () => {
    const result = await cli(['datasets', '--venue', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--venue'/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
