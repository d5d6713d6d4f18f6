// BacktestHub through the official @microsoft/signalr client, JSON and MessagePack: start on
// the bundled sample, progress frames to the end, the result equal to the runner's in-process
// numbers (the CLI's too), stored results (list, open, compare, delete), cancel, refusals.
import { readFileSync } from 'node:fs';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backtestHubPath,
  backtestUploadCharsMax,
  type BacktestComparison,
  type BacktestListItem,
  type BacktestOutcome,
  type BacktestProgressFrame,
} from '@patchdesk/modules/contracts/backtest';
import { metricsForWire } from '../backtest/backtest-jobs';
import { runBacktest } from '../backtest/runner';
import { examplePatch, sampleBars, samplePath } from '../backtest/testing';
import { startTestServer, type TestServer } from '../main/test-server';

let test: TestServer;
const model = { takerFee: 0.0004, slippageBps: 2, leverage: 5 };

beforeAll(async () => {
  test = await startTestServer();
});

afterAll(async () => {
  await test.stop();
});

function progress(hub: HubConnection, id: string): Promise<BacktestProgressFrame[]> {
  const frames: BacktestProgressFrame[] = [];
  return new Promise((resolve, reject) => {
    hub.stream<BacktestProgressFrame>('progress', id).subscribe({
      next: (frame) => frames.push(frame),
      error: reject,
      complete: () => resolve(frames),
    });
  });
}

/** The sample three times over (times shifted), as large an upload as the limit allows: long enough to cancel. */
function largeUpload(): string {
  const lines = readFileSync(samplePath, 'utf8').trim().split('\n');
  const rows = lines.slice(1);
  const out = [lines[0]];
  let chars = lines[0].length + 1;
  for (let copy = 0; copy < 3; copy++) {
    for (const row of rows) {
      const comma = row.indexOf(',');
      const timeMs = Date.parse(row.slice(0, comma)) + copy * rows.length * 60_000;
      const line = `${new Date(timeMs).toISOString()}${row.slice(comma)}`;
      if (chars + line.length + 1 > backtestUploadCharsMax) return `${out.join('\n')}\n`;
      out.push(line);
      chars += line.length + 1;
    }
  }
  return `${out.join('\n')}\n`;
}

describe.each(['json', 'msgpack'] as const)('BacktestHub (%s)', (protocol) => {
  it('runs a backtest on the sample: progress to the end, the runner’s numbers, stored', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = examplePatch();
    const id = await hub.invoke<string>('start', patch, { data: { kind: 'sample' }, model });
    const frames = await progress(hub, id);
    const outcome = await hub.invoke<BacktestOutcome>('result', id);

    expect(frames.length).toBeGreaterThan(0);
    const last = frames[frames.length - 1];
    expect(last).toMatchObject({ id, state: 'completed', barsDone: 4_320, barsTotal: 4_320, percent: 100 });
    for (let i = 1; i < frames.length; i++)
      expect(frames[i].barsDone).toBeGreaterThanOrEqual(frames[i - 1].barsDone);

    const expected = await runBacktest({ patch, bars: sampleBars(), model });
    expect(outcome.status).toBe('completed');
    expect(outcome.metrics).toEqual(metricsForWire(expected.metrics));
    expect(outcome.account).toEqual(expected.account);
    expect(outcome.fills).toEqual(expected.fills);
    expect(outcome.trades).toEqual(expected.trades);
    expect(outcome.series.equity).toEqual(expected.series.equity);
    expect(outcome.resultId).toEqual(expect.any(String));

    const list = await hub.invoke<BacktestListItem[]>('list', null);
    const item = list.find((entry) => entry.id === outcome.resultId);
    expect(item).toMatchObject({ name: patch.name, data: { kind: 'sample' } });
    expect(item?.patchHash).toMatch(/^[0-9a-f]{64}$/);
    const opened = await hub.invoke<BacktestOutcome>('open', outcome.resultId);
    expect(opened.metrics).toEqual(outcome.metrics);
    expect(opened.trades).toEqual(outcome.trades);
  });

  it('compares two stored results and deletes one', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = examplePatch();
    const run = async (takerFee: number) => {
      const id = await hub.invoke<string>('start', patch, {
        data: { kind: 'sample' },
        model: { ...model, takerFee },
      });
      return (await hub.invoke<BacktestOutcome>('result', id)).resultId as string;
    };
    const a = await run(0.0004);
    const b = await run(0.0008);
    const comparison = await hub.invoke<BacktestComparison>('compare', a, b);
    expect(comparison.sameInputs).toBe(false);
    const fees = comparison.metrics.find((m) => m.name === 'fees');
    expect(fees?.b).toBeGreaterThan(fees?.a as number);
    expect(fees?.delta).toBeCloseTo((fees?.b as number) - (fees?.a as number), 9);
    expect(await hub.invoke<boolean>('delete', a)).toBe(true);
    expect(await hub.invoke<boolean>('delete', a)).toBe(false);
    expect(await hub.invoke('open', a)).toBeNull();
  });

  it('cancel stops a backtest; nothing is stored', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const before = await hub.invoke<BacktestListItem[]>('list', 500);
    const text = largeUpload();
    // paced (about 8 s for the whole upload) so the cancel always arrives while it runs
    const id = await hub.invoke<string>('start', examplePatch(), {
      data: { kind: 'csv', name: 'upload.csv', text },
      speed: 100_000,
    });
    expect(await hub.invoke<boolean>('cancel', id)).toBe(true);
    const outcome = await hub.invoke<BacktestOutcome>('result', id);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.resultId).toBeNull();
    expect(outcome.bars.count).toBeLessThan(12_960);
    expect(await hub.invoke<boolean>('cancel', id)).toBe(false);
    expect((await hub.invoke<BacktestListItem[]>('list', 500)).length).toBe(before.length);
  });

  it('refuses bad input with a reason a person can act on', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = examplePatch();
    const badCsv =
      'time,open,high,low,close,volume\n2022-01-01T00:00:00Z,1,2,0.5,1,10\n2022-01-01T00:01:00Z,1,2,oops,1,10\n';
    await expect(
      hub.invoke('start', patch, { data: { kind: 'csv', name: 'bad.csv', text: badCsv } }),
    ).rejects.toThrow(/bad\.csv.*line 3/);
    await expect(
      hub.invoke('start', patch, { data: { kind: 'sample' }, model: { leverage: 500 } }),
    ).rejects.toThrow(/leverage/);
    await expect(hub.invoke('start', { name: 'x' }, { data: { kind: 'sample' } })).rejects.toThrow(
      /the patch is not valid/,
    );
    await expect(hub.invoke('result', 'no-such-id')).rejects.toThrow(/no backtest no-such-id/);
  });
});
