import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBarCsvColumns } from '../../market/bar-csv';
import { runBacktest } from '../../backtest/runner';
import { examplePatch, exactJson } from '../../backtest/testing';
import { hasStackTrace, repoRoot, runCli, tempDir } from '../testing';

const patchPath = 'patches/ema-cross-rsi.json';
const sampleLines = readFileSync(join(repoRoot, 'patches/data/btc-usdt-perp-1m-sample.csv'), 'utf8').split(
  '\n',
);

function barsFile(count: number): string {
  const path = join(tempDir(), 'bars.csv');
  writeFileSync(path, `${sampleLines.slice(0, count + 1).join('\n')}\n`);
  return path;
}

/** Funding every 8 hours of the sample, alternating in sign (Binance's column names). */
function fundingFile(symbol = 'BTCUSDT'): string {
  const path = join(tempDir(), 'funding.csv');
  const start = Date.UTC(2022, 0, 1);
  const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(
    (i) => `${symbol},${start + i * 8 * 3_600_000 + 5},8,${i % 2 === 0 ? '0.00010000' : '-0.00005000'}`,
  );
  writeFileSync(path, `symbol,calc_time,funding_interval_hours,last_funding_rate\n${rows.join('\n')}\n`);
  return path;
}

interface JsonOut {
  metrics: Record<string, number | null>;
  account: Record<string, number>;
  fills: {
    timeMs: number;
    side: string;
    price: number;
    quantity: number;
    fee: number;
    liquidity: string;
    liquidation: boolean;
  }[];
  trades: unknown[];
  equity: { timeMs: number[]; equity: number[] };
  counts: { fundingEvents: number; fills: number };
  patchHash: string;
  data: { bars: { sha256: string } };
}

describe('patchdesk backtest', () => {
  it('--json: the keys scripts read, with the same numbers as the runner in-process', async () => {
    const bars = barsFile(1_500);
    const funding = fundingFile();
    const result = await runCli([
      'backtest',
      patchPath,
      '--bars',
      bars,
      '--funding',
      funding,
      '--capital',
      '5000',
      '--taker-fee',
      '0.0004',
      '--slippage-bps',
      '2',
      '--leverage',
      '5',
      '--margin',
      'isolated',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as JsonOut;
    for (const key of [
      'totalReturn',
      'cagr',
      'sharpe',
      'sortino',
      'calmar',
      'maxDrawdown',
      'fees',
      'fundingPaid',
      'buyAndHoldReturn',
    ])
      expect(out.metrics).toHaveProperty(key);
    expect(Object.keys(out.account)).toEqual(
      expect.arrayContaining([
        'deposits',
        'cash',
        'realisedPnl',
        'fees',
        'fundingPnl',
        'margin',
        'unrealisedPnl',
        'equity',
      ]),
    );
    const a = out.account;
    expect(a.deposits).toBe(5_000);
    expect(a.cash).toBeCloseTo(a.deposits + a.realisedPnl - a.fees + a.fundingPnl, 8);
    expect(a.equity).toBeCloseTo(a.cash + a.unrealisedPnl, 8);
    expect(out.counts.fundingEvents).toBeGreaterThan(0);
    expect(out.fills.length).toBeGreaterThan(0);
    // A fill and its fee by hand: taker fee = quantity x price x 0.0004.
    const fill = out.fills[0];
    expect(Object.keys(fill)).toEqual(
      expect.arrayContaining(['timeMs', 'side', 'price', 'quantity', 'fee', 'liquidity', 'liquidation']),
    );
    expect(fill.fee).toBeCloseTo(fill.quantity * fill.price * 0.0004, 8);
    expect(out.equity.timeMs).toHaveLength(out.equity.equity.length);
    expect(out.patchHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.data.bars.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same backtest in-process gives the same numbers (the browser path uses the runner too).
    const { parseFundingCsv } = await import('../../backtest/series-csv');
    const inProcess = await runBacktest({
      patch: examplePatch(),
      bars: parseBarCsvColumns(readFileSync(bars, 'utf8')),
      funding: parseFundingCsv(readFileSync(funding, 'utf8'), 'f', 'BTC/USDT:USDT'),
      model: {
        startingBalance: 5_000,
        takerFee: 0.0004,
        slippageBps: 2,
        leverage: 5,
        marginMode: 'isolated',
      },
    });
    expect(JSON.stringify(out.metrics)).toBe(JSON.stringify(inProcess.metrics));
    expect(JSON.stringify(out.fills)).toBe(JSON.stringify(inProcess.fills));
    expect(exactJson(out.account)).toBe(exactJson(inProcess.account));
  });

  it('--out writes the CSVs (equity for every bar) and --report a self-contained HTML file', async () => {
    const dir = join(tempDir(), 'out');
    const report = join(tempDir(), 'report.html');
    const result = await runCli([
      'backtest',
      patchPath,
      '--bars',
      barsFile(600),
      '--out',
      dir,
      '--report',
      report,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/total return/);
    expect(result.stderr).toMatch(/^backtested 600 bars in [\d.]+ s: \d+ fills, \d+ trades/);
    const equity = readFileSync(join(dir, 'equity.csv'), 'utf8').trim().split('\n');
    expect(equity[0]).toBe('time,equity,drawdown,close');
    expect(equity).toHaveLength(601);
    expect(equity[1]).toBe(`${sampleLines[1].split(',')[0]},10000,0,${Number(sampleLines[1].split(',')[4])}`);
    expect(readFileSync(join(dir, 'fills.csv'), 'utf8')).toMatch(
      /^time,side,price,quantity,fee,liquidity,liquidation/,
    );
    expect(readFileSync(join(dir, 'trades.csv'), 'utf8')).toMatch(
      /^side,entryTime,exitTime,entryPrice,exitPrice/,
    );
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toMatch(/\nsharpe,/);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('maxDrawdown');
    // Self-contained: nothing fetched from elsewhere.
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
  });

  it.each([
    [['--taker-fee', 'abc'], 2, /--taker-fee abc: not a number/],
    [['--margin', 'hedge'], 2, /--margin: /],
    [['--leverage', '500'], 2, /--leverage: /],
    [['--capital', '-5'], 2, /--capital: /],
  ])('refuses bad flags %j with a usage error', async (flags, code, message) => {
    const result = await runCli(['backtest', patchPath, '--bars', barsFile(50), ...flags]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('refuses a funding file for another symbol and a bad bars row, naming the line', async () => {
    const other = await runCli([
      'backtest',
      patchPath,
      '--bars',
      barsFile(50),
      '--funding',
      fundingFile('ETHUSDT'),
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/line 2: symbol 'ETHUSDT' is not the backtest's symbol BTC\/USDT:USDT/);
    const badPath = join(tempDir(), 'bad.csv');
    writeFileSync(badPath, `${sampleLines.slice(0, 5).join('\n')}\n2022-01-01T00:05:00.000Z,1,2,oops,1,1\n`);
    const bad = await runCli(['backtest', patchPath, '--bars', badPath, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 6/);
    expect(bad.stdout).toBe('');
    expect(hasStackTrace(other.stderr + bad.stderr)).toBe(false);
  });
});
