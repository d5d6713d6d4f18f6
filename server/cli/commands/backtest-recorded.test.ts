// `patchdesk backtest` on recorded history: bars imported into a temp embedded store with
// `patchdesk import`, backtested from the store, must give bit for bit what --bars gives on the
// same CSV; and the flags that pick recorded history are checked with errors naming the flag.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { barsSha256 } from '../../backtest/recorded-data';
import { parseBarCsvColumns } from '../../market/bar-csv';
import { main } from '../main';
import { hasStackTrace, repoRoot, tempDir, type CliResult } from '../testing';

const patchPath = join(repoRoot, 'patches/ema-cross-rsi.json');
const venueFlags = ['--capital', '5000', '--taker-fee', '0.0004', '--slippage-bps', '2', '--leverage', '5'];
const recorded = ['--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT', '--timeframe', '1m'];

/** The CLI in this process (PGlite starts once per store open, no child start-up): output captured. */
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

interface JsonOut {
  metrics: unknown;
  fills: unknown[];
  trades: unknown[];
  account: unknown;
  equity: unknown;
  bars: { count: number; from: string; to: string };
  data: { bars?: { sha256: string }; recorded?: Record<string, unknown> };
}

// The embedded store only: PostgreSQL's public schema is left alone.
const savedUrl = process.env.DATABASE_URL;
const dir = tempDir();
const data = join(dir, 'data');
const barsCsv = join(dir, 'bars.csv');
const sample = readFileSync(join(repoRoot, 'patches/data/btc-usdt-perp-1m-sample.csv'), 'utf8').split('\n');

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  writeFileSync(barsCsv, `${sample.slice(0, 1_201).join('\n')}\n`);
  const imported = await cli(['import', barsCsv, ...recorded.slice(0, 4), '--data', data]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

describe('patchdesk backtest on recorded history', () => {
  it('gives the same metrics, fills and equity as --bars on the imported CSV, with the query as identity', async () => {
    const fromFile = await cli(['backtest', patchPath, '--bars', barsCsv, ...venueFlags, '--json']);
    expect(fromFile.code).toBe(0);
    const fromStore = await cli([
      'backtest',
      patchPath,
      ...recorded,
      '--data',
      data,
      ...venueFlags,
      '--json',
    ]);
    expect(fromStore.stderr).toBe('');
    expect(fromStore.code).toBe(0);
    const file = JSON.parse(fromFile.stdout) as JsonOut;
    const store = JSON.parse(fromStore.stdout) as JsonOut;
    expect(store.bars.count).toBe(1_200);
    expect(file.fills.length).toBeGreaterThan(0);
    for (const key of ['metrics', 'fills', 'trades', 'account', 'equity', 'bars'] as const) {
      expect(JSON.stringify(store[key])).toBe(JSON.stringify(file[key]));
    }
    // The identity the hub stores: the query plus the count and sha256 of the bars read.
    const columns = parseBarCsvColumns(readFileSync(barsCsv, 'utf8'), 'bars.csv');
    expect(store.data.recorded).toEqual({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      timeframe: '1m',
      fromMs: 0,
      toMs: 8.64e15,
      bars: 1_200,
      sha256: barsSha256(columns),
    });
    expect(store.data.bars).toBeUndefined();
  });

  it('--from and --to select [from, to): the same as --bars on those rows', async () => {
    const part = join(dir, 'part.csv');
    // Rows 101..700 of the file: 01:40 up to (not including) 11:40.
    writeFileSync(part, `${[sample[0], ...sample.slice(101, 701)].join('\n')}\n`);
    const fromFile = await cli(['backtest', patchPath, '--bars', part, '--json']);
    const range = ['--from', '2022-01-01T01:40Z', '--to', '2022-01-01T11:40'];
    const fromStore = await cli(['backtest', patchPath, ...recorded, ...range, '--data', data, '--json']);
    expect(fromStore.code).toBe(0);
    const file = JSON.parse(fromFile.stdout) as JsonOut;
    const store = JSON.parse(fromStore.stdout) as JsonOut;
    expect(store.bars).toEqual({ ...file.bars, count: 600 });
    expect(JSON.stringify(store.metrics)).toBe(JSON.stringify(file.metrics));
    expect(JSON.stringify(store.fills)).toBe(JSON.stringify(file.fills));
  });

  it.each([
    [['--bars', 'x.csv', '--venue', 'binanceusdm'], /--bars and --venue cannot be used together/],
    [[], /give --bars <file>, or --venue, --symbol and --timeframe/],
    [['--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT'], /--timeframe is required for recorded history/],
    [[...recorded.slice(0, 2), '--timeframe', '1m'], /--symbol is required/],
    [[...recorded, '--timeframe', 'hourly'], /--timeframe "hourly" is not a timeframe/],
    [[...recorded, '--from', 'yesterday'], /--from "yesterday" is not a UTC date/],
    [
      [...recorded, '--from', '2022-01-02', '--to', '2022-01-01'],
      /--from 2022-01-02 must be before --to 2022-01-01/,
    ],
    [
      ['--venue', 'bad venue!', '--symbol', 'X', '--timeframe', '1m'],
      /--venue "bad venue!" is not a venue id/,
    ],
  ])('refuses %j with a usage error naming the flag', async (flags, message) => {
    const store = flags.includes('--venue') ? ['--data', data] : [];
    const result = await cli(['backtest', patchPath, ...flags, ...store, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('an empty range or an unknown series is a clear error, not an empty result', async () => {
    for (const flags of [
      [...recorded, '--from', '2023-01-01'],
      ['--venue', 'binanceusdm', '--symbol', 'ETH/USDT:USDT', '--timeframe', '1m'],
    ]) {
      const result = await cli(['backtest', patchPath, ...flags, '--data', data, '--json']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /the store holds no binanceusdm (BTC|ETH)\/USDT:USDT 1m bars in that range/,
      );
      expect(result.stdout).toBe('');
      expect(hasStackTrace(result.stderr)).toBe(false);
    }
  });
});
