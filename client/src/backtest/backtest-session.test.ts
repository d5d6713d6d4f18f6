// The panel's session against a real server through the editor's own HubClient (the official
// SignalR client): a run streams progress and shows its result, a cancel leaves the shown result
// alone and stores nothing, and stored results open, compare and delete.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  backtestHubPath,
  type BacktestData,
  type BacktestHubMethods,
} from '@patchdesk/modules/contracts/backtest';
import { examplePatch } from '../../../server/backtest/testing';
import { startTestServer, type TestServer } from '../../../server/main/test-server';
import { HubClient } from '../hub/hub-client';
import { BacktestSession } from './backtest-session';
import { useBacktestStore } from './backtest-store';
import { recordedData, wholeDataset, type RecordedChoice } from './recorded-choice';
import { emptyRows, writeMarketRows } from '../../../server/market/market-rows';
import { speedOfPace } from './pace';

let test: TestServer;
let hub: HubClient<BacktestHubMethods>;
let session: BacktestSession;
let firstOutcome: ReturnType<typeof useBacktestStore.getState>['outcome'] = null;
const initial = useBacktestStore.getState();

beforeAll(async () => {
  test = await startTestServer();
  hub = new HubClient({
    hub: 'backtest',
    url: `${test.server.url}${backtestHubPath}`,
    protocol: 'messagepack',
    onState: () => undefined,
  });
  await hub.start();
  session = new BacktestSession(hub);
});

afterAll(async () => {
  await hub?.stop();
  await test?.stop();
});

beforeEach(() => useBacktestStore.setState(initial, true));

describe('BacktestSession', () => {
  it('runs the sample: frames while it runs, then the result, stored and listed', async () => {
    const phases = new Set<string>();
    const off = useBacktestStore.subscribe((state) => {
      if (state.running?.frame) phases.add(state.running.frame.state);
    });
    // Paced (the sample's three days in about a second) so progress frames arrive while it runs.
    await session.run(examplePatch(), { data: { kind: 'sample' }, speed: speedOfPace(3 * 86_400_000) });
    off();
    const state = useBacktestStore.getState();
    expect(state.note).toBeNull();
    expect(state.running).toBeNull();
    expect(phases.has('running')).toBe(true);
    expect(state.outcome?.status).toBe('completed');
    expect(state.outcome?.bars.count).toBe(4_320);
    expect(state.outcome?.candles?.timeMs.length).toBeGreaterThan(0);
    expect(state.stored.map((item) => item.id)).toContain(state.outcome?.resultId);
    firstOutcome = state.outcome;
  });

  it('a cancel ends the run with a note, keeps the shown result and stores nothing', async () => {
    useBacktestStore.setState({ outcome: firstOutcome });
    await session.refreshList();
    const before = useBacktestStore.getState().stored.length;
    // The sample's three days over about 72 s: the cancel always lands while it runs.
    const run = session.run(examplePatch(), { data: { kind: 'sample' }, speed: speedOfPace(3_600_000) });
    await expect.poll(() => useBacktestStore.getState().running?.frame?.state).toBe('running');
    await session.cancel();
    await run;
    const state = useBacktestStore.getState();
    expect(state.running).toBeNull();
    expect(state.outcome).toBe(firstOutcome);
    expect(state.note?.kind).toBe('info');
    expect(state.note?.message).toMatch(/^Cancelled after [\d,]+ bars; nothing was stored\.$/);
    await session.refreshList();
    expect(useBacktestStore.getState().stored.length).toBe(before);
  });

  it('a refusal is a note that says why', async () => {
    await session.run(examplePatch(), {
      data: {
        kind: 'csv',
        name: 'bad.csv',
        text: 'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,3,x,1\n',
      },
    });
    expect(useBacktestStore.getState().note).toEqual({
      kind: 'error',
      message: 'Backtest refused: bad.csv line 2: close "x" is not a number',
    });
  });

  it('opens, compares and deletes stored results', async () => {
    await session.run(examplePatch(), { data: { kind: 'sample' }, model: { takerFee: 0.0004 } });
    const a = useBacktestStore.getState().outcome?.resultId as string;
    await session.run(examplePatch(), { data: { kind: 'sample' }, model: { takerFee: 0.0008 } });
    const b = useBacktestStore.getState().outcome?.resultId as string;
    await session.compare(a, b);
    const comparison = useBacktestStore.getState().comparison;
    expect(comparison?.a.resultId).toBe(a);
    expect(comparison?.b.resultId).toBe(b);
    const fees = comparison?.comparison.metrics.find((metric) => metric.name === 'fees');
    expect(fees?.b).toBeGreaterThan(fees?.a as number);

    await session.open(a);
    expect(useBacktestStore.getState().outcome?.resultId).toBe(a);
    expect(useBacktestStore.getState().comparison).toBeNull();
    await session.remove(a);
    expect(useBacktestStore.getState().outcome).toBeNull();
    expect(useBacktestStore.getState().stored.map((item) => item.id)).not.toContain(a);
    await session.open(a);
    expect(useBacktestStore.getState().note?.message).toBe('That result is no longer stored.');
  });

  it('lists the recorded datasets, picks the first whole, and runs on it', async () => {
    useBacktestStore.getState().set({ data: { kind: 'recorded', key: null, from: '', through: '' } });
    await session.refreshDatasets();
    // This server's store starts empty: nothing to pick.
    expect(useBacktestStore.getState().datasets).toEqual([]);
    expect(useBacktestStore.getState().data).toMatchObject({ key: null });
    const store = await test.server.database!.get();
    const rows = emptyRows();
    const t = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 3; i++) {
      rows.bars.push({
        venue: 'bybit',
        symbol: 'ETH/USDT:USDT',
        price_type: 'last',
        timeframe: '1h',
        open_time_ms: t + i * 3_600_000,
        open: 100 + i,
        high: 102 + i,
        low: 99 + i,
        close: 101 + i,
        volume: 5,
      });
    }
    await writeMarketRows(store.db, rows);
    await session.refreshDatasets();
    const { datasets, data } = useBacktestStore.getState();
    expect(datasets).toEqual([
      {
        venue: 'bybit',
        symbol: 'ETH/USDT:USDT',
        timeframe: '1h',
        firstMs: t,
        lastMs: t + 7_200_000,
        count: 3,
      },
    ]);
    expect(data).toEqual(wholeDataset(datasets![0]));
    const config = recordedData(data as RecordedChoice, datasets);
    expect(config).toMatchObject({ kind: 'recorded', fromMs: t, toMs: t + 7_200_001 });
    await session.run(examplePatch(), { data: config as BacktestData, save: false });
    expect(useBacktestStore.getState().outcome?.bars).toEqual({
      count: 3,
      firstTimeMs: t,
      lastTimeMs: t + 7_200_000,
    });
  });
});
