// Recorded history with its funding and mark series: bars, mark-price bars and funding rates
// imported with `patchdesk import` into a temp embedded store; `patchdesk backtest --venue ...`
// and BacktestHub's `recorded` data (BacktestJobs) pay funding at the stored mark, recomputed by
// hand below from server/backtest/README.md ("Funding").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { BacktestJobs } from '../../backtest/backtest-jobs';
import { levelCrossPatch, samplePath } from '../../backtest/testing';
import { main } from '../main';
import { openMarketStore } from './import';
import { tempDir, type CliResult } from '../testing';

const venue = ['--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT'];
const recorded = [...venue, '--timeframe', '1m'];
const model = { startingBalance: 10_000, takerFee: 0.0005, makerFee: 0.0002, slippageBps: 0, leverage: 10 };
const modelFlags = ['--capital', '10000', '--taker-fee', '0.0005', '--maker-fee', '0.0002'];
const flags = [...modelFlags, '--slippage-bps', '0', '--leverage', '10', '--json'];

// The runner's hand-checked bars (server/backtest/runner.test.ts): bought 0.1 at bar 2's open
// 40,200, sold at bar 5's open 39,950.
const rows = [
  [40_000, 40_000, 40_000, 40_000],
  [40_000, 40_100, 39_990, 40_100],
  [40_200, 40_300, 40_150, 40_250],
  [40_250, 40_400, 40_200, 40_300],
  [40_300, 40_310, 39_900, 40_000],
  [39_950, 39_960, 39_800, 39_900],
  [39_900, 39_900, 39_900, 39_900],
];
const at = (minute: number, ms = 0) => new Date(Date.UTC(2022, 0, 1, 0, minute, 0, ms)).toISOString();

async function cli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const savedUrl = process.env.DATABASE_URL;
const dir = tempDir();
const data = join(dir, 'data');
const patchPath = join(dir, 'level-cross.json');

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  writeFileSync(patchPath, JSON.stringify(levelCrossPatch(40_050, 0.1)));
  const bars = join(dir, 'bars.csv');
  writeFileSync(
    bars,
    `time,open,high,low,close,volume\n${rows.map((r, i) => `${at(i)},${r.join(',')},1000\n`).join('')}`,
  );
  // Mark-price bars: their open is the mark at their open time.
  const marks = join(dir, 'marks.csv');
  const markOpens = [40_000, 40_050, 40_210, 40_260, 40_290, 40_010, 39_905];
  writeFileSync(
    marks,
    `time,open,high,low,close\n${markOpens.map((m, i) => `${at(i)},${m},${m},${m},${m}\n`).join('')}`,
  );
  // Stamped 5 ms past the minute, as venues stamp funding: floored to the second, so the rate at
  // 00:03:00.005 is paid at bar 3's open, before its fills.
  const funding = join(dir, 'funding.csv');
  writeFileSync(funding, `time,funding_rate\n${at(3, 5)},0.0001\n${at(5, 5)},0.0002\n${at(6, 5)},0.0003\n`);
  for (const [file, extra] of [
    [bars, []],
    [marks, ['--timeframe', '1m']],
    [funding, []],
  ] as const) {
    const imported = await cli(['import', file, ...venue, ...extra, '--data', data]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

/**
 * By hand: a long 0.1 pays q x mark x rate at each funding time T, the mark being the stored
 * mark bar's open at T.
 *   T = 00:03 (held since 00:02): 0.1 x 40,260 x 0.0001 = 0.4026
 *   T = 00:05 (sold at that open, after T): 0.1 x 40,010 x 0.0002 = 0.8002
 *   T = 00:06: flat, nothing.
 * Fees 0.1 x 40,200 x 0.0005 + 0.1 x 39,950 x 0.0005 = 2.01 + 1.9975 = 4.0075; realised -25.
 * Cash = 10,000 - 25 - 4.0075 - 1.2028 = 9,969.7897.
 */
const fundingPaid = 0.4026 + 0.8002;
const cash = 10_000 - 25 - 4.0075 - fundingPaid;

interface JsonOut {
  metrics: { fundingPaid: number; fundingReceived: number };
  account: { fundingPnl: number; cash: number; fees: number; realisedPnl: number };
  counts: { fundingEvents: number };
  data: { recorded: Record<string, unknown>; funding: unknown; mark: unknown };
}

describe('recorded history with stored funding and marks', () => {
  it('patchdesk backtest pays the stored funding at the stored mark, by hand', async () => {
    const result = await cli(['backtest', patchPath, ...recorded, '--data', data, ...flags]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as JsonOut;
    expect(out.counts.fundingEvents).toBe(2);
    expect(out.metrics.fundingPaid).toBeCloseTo(fundingPaid, 8);
    expect(out.metrics.fundingReceived).toBe(0);
    expect(out.account.fundingPnl).toBeCloseTo(-fundingPaid, 8);
    expect(out.account.fees).toBeCloseTo(4.0075, 8);
    expect(out.account.realisedPnl).toBeCloseTo(-25, 8);
    expect(out.account.cash).toBeCloseTo(cash, 8);
    expect(out.data.recorded).toMatchObject({
      bars: 7,
      funding: { count: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      marks: { count: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('a --funding file replaces the stored rates (and leaves them out of the identity)', async () => {
    const file = join(dir, 'zero-funding.csv');
    writeFileSync(file, `time,rate\n${at(3)},0\n`);
    const result = await cli([
      'backtest',
      patchPath,
      ...recorded,
      '--data',
      data,
      '--funding',
      file,
      ...flags,
    ]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as JsonOut;
    expect(out.metrics.fundingPaid).toBe(0);
    expect(out.data.recorded.funding).toBeUndefined();
    expect(out.data.recorded.marks).toMatchObject({ count: 7 });
  });

  it("BacktestHub's recorded data (BacktestJobs) gives the same funding", async () => {
    const store = await openMarketStore(data);
    const jobs = new BacktestJobs({
      registry: createBuiltinRegistry(),
      samplePath,
      results: async () => null,
      marketStore: async () => store,
    });
    try {
      const id = await jobs.start(levelCrossPatch(40_050, 0.1), {
        data: {
          kind: 'recorded',
          venue: 'binanceusdm',
          symbol: 'BTC/USDT:USDT',
          timeframe: '1m',
          fromMs: 0,
          toMs: 8.64e15,
        },
        model,
      });
      const outcome = await jobs.result(id);
      expect(outcome.counts.fundingEvents).toBe(2);
      expect(outcome.metrics.fundingPaid).toBeCloseTo(fundingPaid, 8);
      expect(outcome.account.cash).toBeCloseTo(cash, 8);
    } finally {
      await jobs.close();
      await store.close();
    }
  });
});
