import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../store/open-store';
import { main } from '../main';
import { hasStackTrace, repoRoot, tempDir, type CliResult } from '../testing';

const shared = '/work/shared/data';

/** The CLI with the embedded store (DATABASE_URL unset, so PostgreSQL's public schema is untouched). */
function cli(args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATCHDESK_TSX: '1' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'server/bin/patchdesk.js'), ...args],
      { cwd: repoRoot, env },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The CLI in this process (no child start-up): output captured. */
async function inProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

// The embedded store in every case here: PostgreSQL's public schema is left alone.
const savedUrl = process.env.DATABASE_URL;
beforeEach(() => {
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

function csv(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('patchdesk import', () => {
  it('loads bars, mark bars, funding and both trade shapes; a second import adds nothing', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const bars = csv(
      dir,
      'bars.csv',
      'time,open,high,low,close,volume\n2021-11-17T01:00:00.000Z,1.0801,1.09758,1.07654,1.07925,3153694.607359\n' +
        '2021-11-17T02:00:00.000Z,1.07896,1.0875,1.07351,1.07616,2697616.070908\n',
    );
    const mark = csv(
      dir,
      'mark.csv',
      'time,open,high,low,close\n2021-11-18T00:00:00.000Z,1.0959,1.162,1.0907,1.1074\n',
    );
    const funding = csv(
      dir,
      'funding.csv',
      'time,funding_rate\n2021-11-18T00:00:00.017Z,0.0001\n2021-11-18T08:00:00.007Z,-0.00025\n',
    );
    const trades = csv(
      dir,
      'trades.csv',
      'time_ms,trade_id,side,price,amount,cost\n1570752011620,13519807,sell,0.00141342,23,0.03250866\n1570752011620,13519808,buy,0.00141266,54,0.07628364\n',
    );
    const binance = csv(
      dir,
      'spot.csv',
      'timestamp,trade_id,price,quantity,buyer_maker\n2021-01-08T00:00:00.278Z,553287559,39432.48,0.000263,True\n',
    );
    const args = [
      'import',
      bars,
      funding,
      trades,
      binance,
      '--venue',
      'binanceusdm',
      '--symbol',
      'XRP/USDT:USDT',
      '--data',
      data,
    ];
    const first = await cli(args);
    expect(first.stderr).toBe('');
    expect(first.stdout.trim().split('\n')).toEqual([
      'bars.csv: 2 bars 1h rows -> binanceusdm XRP/USDT:USDT',
      'funding.csv: 2 funding rows -> binanceusdm XRP/USDT:USDT',
      'trades.csv: 2 trades rows -> binanceusdm XRP/USDT:USDT',
      'spot.csv: 1 trades rows -> binanceusdm XRP/USDT:USDT',
    ]);
    expect(
      (
        await cli([
          'import',
          mark,
          '--timeframe',
          '8h',
          '--venue',
          'binanceusdm',
          '--symbol',
          'XRP/USDT:USDT',
          '--data',
          data,
        ])
      ).code,
    ).toBe(0);
    expect((await inProcess(args)).code).toBe(0); // again: every row already there

    const store = await openStore({ dataDir: data });
    try {
      const storedBars = await store.db
        .selectFrom('market_bars')
        .selectAll()
        .orderBy('price_type')
        .orderBy('open_time_ms')
        .execute();
      expect(storedBars).toEqual([
        {
          venue: 'binanceusdm',
          symbol: 'XRP/USDT:USDT',
          price_type: 'last',
          timeframe: '1h',
          open_time_ms: 1_637_110_800_000n,
          open: 1.0801,
          high: 1.09758,
          low: 1.07654,
          close: 1.07925,
          volume: 3153694.607359,
        },
        {
          venue: 'binanceusdm',
          symbol: 'XRP/USDT:USDT',
          price_type: 'last',
          timeframe: '1h',
          open_time_ms: 1_637_114_400_000n,
          open: 1.07896,
          high: 1.0875,
          low: 1.07351,
          close: 1.07616,
          volume: 2697616.070908,
        },
        {
          venue: 'binanceusdm',
          symbol: 'XRP/USDT:USDT',
          price_type: 'mark',
          timeframe: '8h',
          open_time_ms: 1_637_193_600_000n,
          open: 1.0959,
          high: 1.162,
          low: 1.0907,
          close: 1.1074,
          volume: 0,
        },
      ]);
      const storedFunding = await store.db
        .selectFrom('market_funding')
        .select(['time_ms', 'rate'])
        .orderBy('time_ms')
        .execute();
      expect(storedFunding).toEqual([
        { time_ms: 1_637_193_600_017n, rate: 0.0001 },
        { time_ms: 1_637_222_400_007n, rate: -0.00025 },
      ]);
      const storedTrades = await store.db
        .selectFrom('market_trades')
        .select(['trade_id', 'time_ms', 'price', 'amount', 'side'])
        .orderBy('time_ms')
        .orderBy('trade_id')
        .execute();
      expect(storedTrades).toEqual([
        { trade_id: '13519807', time_ms: 1_570_752_011_620n, price: 0.00141342, amount: 23, side: -1 },
        { trade_id: '13519808', time_ms: 1_570_752_011_620n, price: 0.00141266, amount: 54, side: 1 },
        // buyer_maker True: the seller took liquidity.
        { trade_id: '553287559', time_ms: 1_610_064_000_278n, price: 39432.48, amount: 0.000263, side: -1 },
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('loads a whole shared file: 12,477 XRP/ETH trades', async () => {
    const dir = tempDir();
    const file = join(dir, 'xrp-eth-trades.csv');
    copyFileSync(join(shared, 'trades/xrp-eth-trades-2019-10.csv'), file);
    const result = await cli([
      'import',
      file,
      '--venue',
      'binance',
      '--symbol',
      'XRP/ETH',
      '--data',
      join(dir, 'data'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { files: { rows: number; shape: string }[] };
    expect(summary.files).toEqual([
      { file: 'xrp-eth-trades.csv', shape: 'trades', rows: 12_477, timeframe: null },
    ]);
  }, 120_000);

  it('loads quotes as book tops (sequence: the line number)', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const quotes = csv(
      dir,
      'quotes.csv',
      'timestamp,symbol,ask_size,ask,bid_size,bid\n2021-01-08T00:00:01.076Z,BTC/USDT,0.066851,39433.62,0.0031,39432.99\n',
    );
    const result = await inProcess([
      'import',
      quotes,
      '--venue',
      'binance',
      '--symbol',
      'BTC/USDT',
      '--data',
      data,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'quotes.csv: 1 quotes rows -> binance BTC/USDT\n' });
    const store = await openStore({ dataDir: data });
    try {
      expect(await store.db.selectFrom('market_book_tops').selectAll().execute()).toEqual([
        {
          venue: 'binance',
          symbol: 'BTC/USDT',
          time_ms: 1_610_064_001_076n,
          sequence: 2n,
          bid: 39432.99,
          bid_size: 0.0031,
          ask: 39433.62,
          ask_size: 0.066851,
        },
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it.each([
    [
      'a word where a price belongs',
      'time,open,high,low,close,volume\n2021-11-17T01:00:00.000Z,1,2,0.5,abc,3\n',
      'bad.csv line 2 column close: "abc" is not a number',
    ],
    [
      'a negative amount',
      'time_ms,trade_id,side,price,amount\n1,1,buy,2,-3\n',
      'bad.csv line 2 column amount: -3 must not be negative',
    ],
    [
      'a side that is neither',
      'time_ms,trade_id,side,price,amount\n1,1,buy,2,3\n\n2,2,long,2,3\n',
      'bad.csv line 4 column side: "long" is not buy or sell',
    ],
    [
      'a time going backwards',
      'time,funding_rate\n2021-11-18T08:00:00Z,0.1\n2021-11-18T00:00:00Z,0.1\n',
      "bad.csv line 3 column time: 2021-11-18T00:00:00.000Z is before the previous row's time",
    ],
    ['an unknown header', 'when,what\n1,2\n', 'bad.csv line 1: unknown header "when,what"'],
    [
      'a monthly file without --timeframe',
      'time,open,high,low,close,volume\n2012-01-31,4.58,7.38,3.8,5.55,1\n2012-02-29,5.55,6.5,3.8,4.99,1\n',
      'bad.csv line 3 column time: cannot tell the timeframe from a 2505600000 ms gap',
    ],
  ])(
    'refuses %s with the line and column, no stack trace',
    async (_what, text, message) => {
      const dir = tempDir();
      const result = await cli([
        'import',
        csv(dir, 'bad.csv', text),
        '--venue',
        'v',
        '--symbol',
        'S/T',
        '--data',
        join(dir, 'data'),
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`patchdesk: ${message}`);
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(hasStackTrace(result.stderr)).toBe(false);
    },
    60_000,
  );

  it('refuses a missing file before opening the store, and a bad --venue as usage', async () => {
    const dir = tempDir();
    const missing = await inProcess([
      'import',
      join(dir, 'nope.csv'),
      '--venue',
      'v',
      '--symbol',
      'S',
      '--data',
      join(dir, 'data'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^patchdesk: cannot access .*nope\.csv: no such file or directory\n$/);
    const usage = await inProcess(['import', join(dir, 'nope.csv'), '--venue', 'a b', '--symbol', 'S']);
    expect(usage).toMatchObject({ code: 2, stderr: 'patchdesk: --venue "a b" is not a venue id\n' });
  }, 60_000);
});
