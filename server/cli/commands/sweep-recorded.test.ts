// `patchdesk sweep` and `patchdesk walkforward` on recorded history: part of the sample, its
// mark-price bars and funding rates imported into a temp embedded store with `patchdesk import`.
// Each sweep run equals a single in-process backtest on the same bars, funding and marks; the
// walk-forward equals the one on the same data given as --bars/--funding/--mark files; and
// BacktestHub's startSweep (SweepJobs) on the same recorded data gives the same rows. Stored
// sweeps: `sweep --save`, `sweeps list/show/delete`, and the hub's stored outcome.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { BacktestJobs, metricsForWire } from '../../backtest/backtest-jobs';
import { runBacktest } from '../../backtest/runner';
import { parseFundingCsv, parseMarkCsv } from '../../backtest/series-csv';
import { inProcessExecutor } from '../../backtest/sweep/executors';
import { patchWithParams } from '../../backtest/sweep/patch-with-params';
import { planSweep } from '../../backtest/sweep/sweep-spec';
import { SweepJobs } from '../../backtest/sweep/sweep-jobs';
import { SweepResultsStore } from '../../backtest/sweep/sweep-results-store';
import { examplePatch, examplePatchPath, samplePath } from '../../backtest/testing';
import { parseBarCsvColumns } from '../../market/bar-csv';
import { main } from '../main';
import { openMarketStore } from './import';
import { tempDir, type CliResult } from '../testing';

const venue = ['--venue', 'binanceusdm', '--symbol', 'BTC/USDT:USDT'];
const recorded = [...venue, '--timeframe', '1m'];
const modelFlags = ['--taker-fee', '0.0004', '--slippage-bps', '2'];
const model = { takerFee: 0.0004, slippageBps: 2 };
const sweepFlags = [
  '--param',
  'ema-fast.period=6:12:3',
  '--objective',
  'totalReturn',
  '--local',
  '--threads',
  '1',
];

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
const barsCsv = join(dir, 'bars.csv');
const marksCsv = join(dir, 'marks.csv');
const fundingCsv = join(dir, 'funding.csv');
const lines = readFileSync(samplePath, 'utf8').trim().split('\n');
const rows = lines.slice(1, 1_201);

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  writeFileSync(barsCsv, `${[lines[0], ...rows].join('\n')}\n`);
  // Marks a little above the trade price; funding every 4 hours, stamped 3 ms past.
  const marks = rows.map((row) => {
    const [time, open] = row.split(',');
    const m = Number(open) + 2.5;
    return `${time},${m},${m},${m},${m}`;
  });
  writeFileSync(marksCsv, `time,open,high,low,close\n${marks.join('\n')}\n`);
  const funding = [0, 4, 8, 12, 16].map(
    (h, i) => `2022-01-01T${String(h).padStart(2, '0')}:00:00.003Z,${i % 2 === 0 ? 0.0003 : -0.0002}`,
  );
  writeFileSync(fundingCsv, `time,funding_rate\n${funding.join('\n')}\n`);
  for (const file of [barsCsv, marksCsv, fundingCsv]) {
    const imported = await cli(['import', file, ...venue, '--timeframe', '1m', '--data', data]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }
});
afterAll(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

interface SweepJson {
  status: string;
  data: { recorded: Record<string, unknown> };
  runs: { index: number; params: Record<string, number>; metrics: unknown; account: unknown }[];
}

describe('sweeps on recorded history', () => {
  it('patchdesk sweep: each run equals the single in-process backtest on the same bars, funding and marks', async () => {
    const result = await cli([
      'sweep',
      examplePatchPath,
      ...recorded,
      '--data',
      data,
      ...sweepFlags,
      ...modelFlags,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as SweepJson;
    expect(out.status).toBe('completed');
    expect(out.data.recorded).toMatchObject({ bars: 1_200, funding: { count: 5 }, marks: { count: 1_200 } });

    const bars = parseBarCsvColumns(readFileSync(barsCsv, 'utf8'), 'bars.csv');
    const symbol = 'BTC/USDT:USDT';
    const funding = parseFundingCsv(readFileSync(fundingCsv, 'utf8'), 'funding.csv', symbol);
    const marks = parseMarkCsv(readFileSync(marksCsv, 'utf8'), 'marks.csv', symbol);
    const patch = examplePatch();
    const plan = planSweep(patch, createBuiltinRegistry(), {
      params: [{ module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 }],
      objective: 'totalReturn',
    });
    expect(out.runs.map((r) => r.params)).toEqual([6, 9, 12].map((p) => ({ 'ema-fast.period': p })));
    let fundingEvents = 0;
    for (const run of out.runs) {
      const single = await runBacktest({
        patch: patchWithParams(patch, plan.ranges, plan.paramSets[run.index]),
        bars,
        funding,
        marks,
        model,
        runKey: 'sw',
      });
      fundingEvents += single.counts.fundingEvents;
      expect(run.metrics).toEqual(JSON.parse(JSON.stringify(metricsForWire(single.metrics))));
      expect(run.account).toEqual(single.account);
    }
    // The series did reach the runs: funding was paid or received.
    expect(fundingEvents).toBeGreaterThan(0);
  });

  it('patchdesk walkforward: the same as on the files holding the same data', async () => {
    const windows = ['--in-sample', '8h', '--out-of-sample', '4h'];
    const fromStore = await cli([
      'walkforward',
      examplePatchPath,
      ...recorded,
      '--data',
      data,
      ...windows,
      ...sweepFlags,
      ...modelFlags,
      '--json',
    ]);
    expect(fromStore.stderr).toBe('');
    expect(fromStore.code).toBe(0);
    const files = ['--bars', barsCsv, '--funding', fundingCsv, '--mark', marksCsv];
    const fromFiles = await cli([
      'walkforward',
      examplePatchPath,
      ...files,
      ...windows,
      ...sweepFlags,
      ...modelFlags,
      '--json',
    ]);
    expect(fromFiles.code).toBe(0);
    const a = JSON.parse(fromStore.stdout) as { data: unknown; windows: unknown[] };
    const b = JSON.parse(fromFiles.stdout) as { data: unknown; windows: unknown[] };
    expect(a.windows).toHaveLength(3);
    expect(JSON.stringify({ ...a, data: null })).toBe(JSON.stringify({ ...b, data: null }));
  });

  it('sweep --save stores it; sweeps list, show and delete', async () => {
    const saved = await cli([
      'sweep',
      examplePatchPath,
      ...recorded,
      '--data',
      data,
      ...sweepFlags,
      ...modelFlags,
      '--save',
      '--json',
    ]);
    expect(saved.code).toBe(0);
    const out = JSON.parse(saved.stdout) as SweepJson & { resultId: string };
    expect(out.resultId).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.stderr).toContain(`stored as sweep ${out.resultId}`);
    const listed = await cli(['sweeps', 'list', '--data', data, '--json']);
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as {
      id: string;
      runs: number;
      objective: string;
      data: unknown;
    }[];
    const item = items.find((i) => i.id === out.resultId);
    expect(item).toMatchObject({ runs: 3, objective: 'totalReturn', data: out.data });
    const shown = await cli(['sweeps', 'show', out.resultId, '--data', data, '--json']);
    expect(shown.code).toBe(0);
    const stored = JSON.parse(shown.stdout) as {
      config: { model: unknown; params: unknown[] };
      outcome: { id: string; rows: { params: unknown; metrics: { totalReturn: number } }[] };
    };
    expect(stored.outcome.id).toBe(out.resultId);
    expect(stored.config.model).toEqual(model);
    expect(stored.outcome.rows.map((r) => r.params)).toEqual(out.runs.map((r) => r.params));
    expect(stored.outcome.rows.map((r) => r.metrics.totalReturn)).toEqual(
      out.runs.map((r) => (r.metrics as { totalReturn: number }).totalReturn),
    );
    expect((await cli(['sweeps', 'delete', out.resultId, '--data', data])).code).toBe(0);
    const gone = await cli(['sweeps', 'show', out.resultId, '--data', data]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`no stored sweep ${out.resultId}`);
  });

  it('refuses --bars with --venue, naming both flags', async () => {
    const result = await cli(['sweep', examplePatchPath, '--bars', barsCsv, ...recorded, ...sweepFlags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bars and --venue cannot be used together/);
  });

  it("BacktestHub's startSweep on recorded data: the rows of patchdesk sweep", async () => {
    const cliOut = JSON.parse(
      (
        await cli([
          'sweep',
          examplePatchPath,
          ...recorded,
          '--data',
          data,
          ...sweepFlags,
          ...modelFlags,
          '--json',
        ])
      ).stdout,
    ) as SweepJson;
    const store = await openMarketStore(data);
    const registry = createBuiltinRegistry();
    const jobs = new BacktestJobs({
      registry,
      samplePath,
      results: async () => null,
      marketStore: async () => store,
    });
    const sweeps = new SweepJobs({
      registry,
      loadData: (config) => jobs.loadData(config),
      executor: inProcessExecutor,
      results: async () => new SweepResultsStore(store),
    });
    try {
      const id = await sweeps.start('connection', examplePatch(), {
        params: [{ module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 }],
        search: { kind: 'grid' },
        objective: 'totalReturn',
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
      const outcome = await sweeps.result(id);
      expect(outcome.rows.map((row) => row.metrics.totalReturn)).toEqual(
        cliOut.runs.map((run) => (run.metrics as { totalReturn: number }).totalReturn),
      );
      expect(outcome.rows.map((row) => row.metrics.fees)).toEqual(
        cliOut.runs.map((run) => (run.metrics as { fees: number }).fees),
      );
      // Stored with the recorded query as its identity; openStored gives the same rows back.
      expect(outcome.resultId).toMatch(/^[0-9a-f-]{36}$/);
      const reopened = await sweeps.openStored(outcome.resultId as string);
      expect(reopened?.rows).toEqual(outcome.rows);
      const listed = await sweeps.listStored(10);
      expect(listed.find((item) => item.id === outcome.resultId)?.data).toMatchObject({
        kind: 'query',
        query: { bars: 1_200, funding: { count: 5 } },
      });
      expect(await sweeps.deleteStored(outcome.resultId as string)).toBe(true);
    } finally {
      await sweeps.close();
      await jobs.close();
      await store.close();
    }
  });
});
