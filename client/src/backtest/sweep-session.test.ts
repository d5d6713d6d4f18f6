// The sweep session against a real server through the editor's own HubClient: a sweep streams
// progress frames and shows its table, a row opens as a single backtest whose metrics are the
// row's (the same run), and a cancel keeps the runs that finished with a note.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backtestHubPath, type BacktestHubMethods } from '@patchdesk/modules/contracts/backtest';
import { sweepRowMetrics, type SweepConfig } from '@patchdesk/modules/contracts/sweep';
import { examplePatch } from '../../../server/backtest/testing';
import { startTestServer, type TestServer } from '../../../server/main/test-server';
import { HubClient } from '../hub/hub-client';
import { BacktestSession } from './backtest-session';
import { useBacktestStore } from './backtest-store';
import { SweepSession } from './sweep-session';
import { useSweepStore } from './sweep-store';

let test: TestServer;
let hub: HubClient<BacktestHubMethods>;
let session: SweepSession;
const submitted: string[] = [];
const initial = useSweepStore.getState();
const config: SweepConfig = {
  params: [
    { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 6 },
    { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
  ],
  search: { kind: 'grid' },
  objective: 'sharpe',
  data: { kind: 'sample' },
  model: { takerFee: 0.0004 },
};

beforeAll(async () => {
  // no database: the opened backtest is not stored, and no embedded database has to start
  test = await startTestServer({ database: null });
  hub = new HubClient({
    hub: 'backtest',
    url: `${test.server.url}${backtestHubPath}`,
    protocol: 'messagepack',
    onState: () => undefined,
  });
  await hub.start();
  const backtests = new BacktestSession(hub);
  session = new SweepSession({
    hub,
    backtest: (patch, inputs) => backtests.run(patch, { ...inputs, save: false }),
    // The edit session needs an open document; applying through it is the browser test's part.
    submit: (label) => {
      submitted.push(label);
      return Promise.resolve(true);
    },
  });
});

afterAll(async () => {
  await hub?.stop();
  await test?.stop();
});

beforeEach(() => useSweepStore.setState(initial, true));

describe('SweepSession', () => {
  it('sweeps a grid, then opens a row as the same backtest', async () => {
    const frames: number[] = [];
    const off = useSweepStore.subscribe((state) => {
      if (state.running?.frame) frames.push(state.running.frame.runsDone);
    });
    await session.run(examplePatch(), config);
    off();
    const { outcome, running, note } = useSweepStore.getState();
    expect(running).toBeNull();
    expect(note).toBeNull();
    expect(outcome?.rows.map((row) => row.params)).toEqual([
      { 'ema-fast.period': 6, 'ema-slow.period': 20 },
      { 'ema-fast.period': 6, 'ema-slow.period': 40 },
      { 'ema-fast.period': 12, 'ema-slow.period': 20 },
      { 'ema-fast.period': 12, 'ema-slow.period': 40 },
    ]);
    expect(frames.at(-1)).toBe(4);

    await session.open(examplePatch(), 1);
    expect(useSweepStore.getState().selected).toBe(1);
    const opened = useBacktestStore.getState().outcome;
    for (const name of sweepRowMetrics) expect(opened?.metrics[name]).toEqual(outcome?.rows[1].metrics[name]);

    expect(await session.apply(examplePatch(), 1)).toBe(true);
    expect(submitted).toEqual(['apply sweep ema-fast.period=6, ema-slow.period=40']);
    expect(useSweepStore.getState().note?.message).toBe('Applied 2 params; undo takes it back.');
  });

  it('a cancel keeps the runs that finished and says so', async () => {
    const long = { ...config, params: [{ module: 'ema-fast', param: 'period', from: 2, to: 200, step: 1 }] };
    const running = session.run(examplePatch(), long);
    await session.cancel();
    await running;
    const { outcome, note } = useSweepStore.getState();
    expect(outcome?.status).toBe('cancelled');
    expect(note?.message).toMatch(/^Cancelled after \d+ runs; the table shows those\.$/);
  });
});
