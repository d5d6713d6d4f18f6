// BacktestHub's sweeps through the official @microsoft/signalr client, JSON and MessagePack: a
// grid over two params of the example patch on the sample (progress frames to the end, every
// row equal to runSweep in this thread, the same best), cancel, the per-connection bound, a
// closed connection's sweep cancelled, and refusals with reasons.
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestHubPath } from '@patchdesk/modules/contracts/backtest';
import {
  sweepRowMetrics,
  sweepsPerConnectionMax,
  type SweepConfig,
  type SweepOutcome,
  type SweepProgressFrame,
} from '@patchdesk/modules/contracts/sweep';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { runSweep } from '../backtest/sweep/sweep';
import { planSweep } from '../backtest/sweep/sweep-spec';
import { examplePatch, sampleBars } from '../backtest/testing';
import { startTestServer, type TestServer } from '../main/test-server';

let test: TestServer;
const model = { takerFee: 0.0004, slippageBps: 2 };
const smallGrid: SweepConfig = {
  params: [
    { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
    { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
  ],
  search: { kind: 'grid' },
  objective: 'totalReturn',
  data: { kind: 'sample' },
  model,
};
/** 200 runs: long enough that a cancel always arrives while it runs. */
const longGrid: SweepConfig = {
  ...smallGrid,
  params: [
    { module: 'ema-fast', param: 'period', from: 2, to: 21, step: 1 },
    { module: 'ema-slow', param: 'period', from: 22, to: 40, step: 2 },
  ],
};

beforeAll(async () => {
  test = await startTestServer();
});

afterAll(async () => {
  await test.stop();
});

function progress(hub: HubConnection, id: string): Promise<SweepProgressFrame[]> {
  const frames: SweepProgressFrame[] = [];
  return new Promise((resolve, reject) => {
    hub.stream<SweepProgressFrame>('sweepProgress', id).subscribe({
      next: (frame) => frames.push(frame),
      error: reject,
      complete: () => resolve(frames),
    });
  });
}

describe.each(['json', 'msgpack'] as const)('BacktestHub sweeps (%s)', (protocol) => {
  it('sweeps a grid on the sample: progress to the end, rows equal to runSweep here', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = examplePatch();
    const id = await hub.invoke<string>('startSweep', patch, smallGrid);
    const frames = await progress(hub, id);
    const outcome = await hub.invoke<SweepOutcome>('sweepResult', id);

    const last = frames[frames.length - 1];
    expect(last).toMatchObject({ id, state: 'completed', runsDone: 6, runsTotal: 6, percent: 100 });
    // a frame only when something changed: runs done 0..6 while running, then the end
    expect(frames.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < frames.length; i++)
      expect(frames[i].runsDone).toBeGreaterThanOrEqual(frames[i - 1].runsDone);

    const { params, search, objective } = smallGrid;
    const plan = planSweep(patch, createBuiltinRegistry(), { params, search, objective });
    const expected = await runSweep({ patch, plan, data: { bars: sampleBars() }, model });
    expect(outcome).toMatchObject({ id, name: patch.name, status: 'completed', objective: 'totalReturn' });
    expect(outcome.bars.count).toBe(4_320);
    expect(outcome.rows.map((row) => row.params)).toEqual(expected.runs.map((run) => run.params));
    outcome.rows.forEach((row, i) => {
      for (const name of sweepRowMetrics)
        expect(row.metrics[name]).toEqual(expected.runs[i].result.metrics[name]);
      expect(row.value).toEqual(expected.runs[i].result.metrics.totalReturn);
    });
    expect(outcome.best).toBe(expected.best?.index);
    expect(last.bestParams).toEqual(expected.best?.params);
    expect(last.bestValue).toEqual(expected.best?.result.metrics.totalReturn);
  });

  it('cancel stops a sweep; the result holds the runs that finished', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const id = await hub.invoke<string>('startSweep', examplePatch(), longGrid);
    expect(await hub.invoke<boolean>('cancelSweep', id)).toBe(true);
    const outcome = await hub.invoke<SweepOutcome>('sweepResult', id);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.rows.length).toBeLessThan(200);
    expect(await hub.invoke<boolean>('cancelSweep', id)).toBe(false);
    const frames = await progress(hub, id);
    expect(frames.at(-1)?.state).toBe('cancelled');
  });

  it('refuses bad input with a reason a person can act on', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = examplePatch();
    await expect(
      hub.invoke('startSweep', patch, {
        ...smallGrid,
        params: [{ module: 'ema-fast', param: 'nope', from: 1, to: 2, step: 1 }],
      }),
    ).rejects.toThrow(/ema-fast.*has no param 'nope'/);
    await expect(
      hub.invoke('startSweep', patch, {
        ...smallGrid,
        params: [
          { module: 'ema-fast', param: 'period', from: 2, to: 31, step: 1 },
          { module: 'ema-slow', param: 'period', from: 2, to: 31, step: 1 },
        ],
      }),
    ).rejects.toThrow(/900 runs \(at most 500/);
    await expect(hub.invoke('startSweep', patch, { ...smallGrid, model: { leverage: 500 } })).rejects.toThrow(
      /leverage/,
    );
    await expect(hub.invoke('startSweep', patch, { ...smallGrid, objective: 'luck' })).rejects.toThrow(
      /objective/,
    );
    await expect(hub.invoke('sweepResult', 'no-such-id')).rejects.toThrow(/no sweep no-such-id/);
  });
});

describe('BacktestHub sweep bounds', () => {
  it(`runs at most ${sweepsPerConnectionMax} sweeps per connection; a closed connection's are cancelled`, async () => {
    const first = await test.connect(backtestHubPath);
    const other = await test.connect(backtestHubPath);
    const ids: string[] = [];
    for (let i = 0; i < sweepsPerConnectionMax; i++)
      ids.push(await first.invoke<string>('startSweep', examplePatch(), longGrid));
    await expect(first.invoke('startSweep', examplePatch(), longGrid)).rejects.toThrow(
      /sweeps of yours are running \(at most 2\)/,
    );
    // another connection is not held back by the first one's sweeps
    const theirs = await other.invoke<string>('startSweep', examplePatch(), longGrid);
    await first.stop();
    for (const id of ids)
      expect((await other.invoke<SweepOutcome>('sweepResult', id)).status).toBe('cancelled');
    expect(await other.invoke<boolean>('cancelSweep', theirs)).toBe(true);
    expect((await other.invoke<SweepOutcome>('sweepResult', theirs)).status).toBe('cancelled');
  });
});
