// BacktestHub on recorded history, through the official client: the bundled sample imported
// with `patchdesk import` into an embedded store (PGlite in a temp folder), listed by
// `datasets()`, backtested over all of it (the same numbers as the sample itself) and over a
// part, and the refusals (empty range, no store).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backtestHubPath,
  type BacktestListItem,
  type BacktestOutcome,
  type BacktestStoredDataset,
} from '@patchdesk/modules/contracts/backtest';
import { barsSha256 } from '../backtest/recorded-data';
import { examplePatch, sampleBars, samplePath } from '../backtest/testing';
import { main } from '../cli/main';
import { startTestServer, type TestServer } from '../main/test-server';

const venue = 'binanceusdm';
const symbol = 'BTC/USDT:USDT';
const model = { takerFee: 0.0004, slippageBps: 2, leverage: 5 };
const sample = sampleBars();
const firstMs = sample.timeMs[0];
const lastMs = sample.timeMs[sample.length - 1];
let test: TestServer;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-recorded-'));
  // `patchdesk import` writes to DATABASE_URL when set: this test's store is the embedded one.
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    const code = await main([
      'import',
      samplePath,
      '--venue',
      venue,
      '--symbol',
      symbol,
      '--timeframe',
      '1m',
      '--data',
      dataDir,
    ]);
    expect(code).toBe(0);
  } finally {
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  }
  test = await startTestServer({ database: { databaseUrl: null, dataDir } });
});

afterAll(async () => {
  await test?.stop();
});

describe('BacktestHub on recorded history (imported sample, PGlite)', () => {
  it('lists what the store holds', async () => {
    const hub = await test.connect(backtestHubPath);
    expect(await hub.invoke<BacktestStoredDataset[]>('datasets')).toEqual([
      { venue, symbol, timeframe: '1m', firstMs, lastMs, count: 4_320 },
    ]);
  });

  it('backtests all of it with the numbers of the sample itself, and stores the query', async () => {
    const hub = await test.connect(backtestHubPath);
    const patch = examplePatch();
    const recorded = { kind: 'recorded', venue, symbol, timeframe: '1m', fromMs: firstMs, toMs: lastMs + 1 };
    const outcome = await hub.invoke<BacktestOutcome>(
      'result',
      await hub.invoke<string>('start', patch, { data: recorded, model }),
    );
    const fromSample = await hub.invoke<BacktestOutcome>(
      'result',
      await hub.invoke<string>('start', patch, { data: { kind: 'sample' }, model, save: false }),
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.bars).toEqual({ count: 4_320, firstTimeMs: firstMs, lastTimeMs: lastMs });
    expect(outcome.fills.length).toBeGreaterThan(0);
    expect(outcome.metrics).toEqual(fromSample.metrics);
    expect(outcome.account).toEqual(fromSample.account);
    expect(outcome.fills).toEqual(fromSample.fills);
    const list = await hub.invoke<BacktestListItem[]>('list', null);
    expect(list.find((item) => item.id === outcome.resultId)?.data).toEqual({
      kind: 'query',
      query: { ...recorded, bars: 4_320, sha256: barsSha256(sample) },
    });
  });

  it('backtests a part: bars with open time in [from, to)', async () => {
    const hub = await test.connect(backtestHubPath);
    const fromMs = firstMs + 60 * 60_000;
    const toMs = fromMs + 100 * 60_000;
    const id = await hub.invoke<string>('start', examplePatch(), {
      data: { kind: 'recorded', venue, symbol, timeframe: '1m', fromMs, toMs },
      save: false,
    });
    const outcome = await hub.invoke<BacktestOutcome>('result', id);
    expect(outcome.bars).toEqual({ count: 100, firstTimeMs: fromMs, lastTimeMs: toMs - 60_000 });
  });

  it('refuses a range without bars, and a bad query, saying why', async () => {
    const hub = await test.connect(backtestHubPath);
    const base = { kind: 'recorded', venue, symbol, timeframe: '1m' };
    await expect(
      hub.invoke('start', examplePatch(), { data: { ...base, fromMs: 0, toMs: firstMs } }),
    ).rejects.toThrow(/no binanceusdm BTC\/USDT:USDT 1m bars in that range/);
    await expect(
      hub.invoke('start', examplePatch(), { data: { ...base, fromMs: lastMs, toMs: firstMs } }),
    ).rejects.toThrow(/"from" must be before "to"/);
    await expect(
      hub.invoke('start', examplePatch(), { data: { ...base, timeframe: 'hourly', fromMs: 0, toMs: 1 } }),
    ).rejects.toThrow(/timeframe/);
  });
});

describe('BacktestHub without a database', () => {
  it('lists no recorded history and refuses to run on it', async () => {
    const bare = await startTestServer({ database: null });
    try {
      const hub = await bare.connect(backtestHubPath);
      expect(await hub.invoke('datasets')).toEqual([]);
      await expect(
        hub.invoke('start', examplePatch(), {
          data: { kind: 'recorded', venue, symbol, timeframe: '1m', fromMs: 0, toMs: 1 },
        }),
      ).rejects.toThrow(/no market store/);
    } finally {
      await bare.stop();
    }
  });
});
