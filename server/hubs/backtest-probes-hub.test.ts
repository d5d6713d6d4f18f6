// BacktestHub probe history through the official @microsoft/signalr client (JSON and
// MessagePack): a backtest of a patch with probes in its view returns every probe's value at
// each kept bar, null where a port had no value yet, and the stored result opens with the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestHubPath, type BacktestOutcome } from '@patchdesk/modules/contracts/backtest';
import { levelCrossPatch } from '../backtest/testing';
import { startTestServer, type TestServer } from '../main/test-server';

let test: TestServer;

beforeAll(async () => {
  test = await startTestServer();
});

afterAll(async () => {
  await test.stop();
});

// Ten one-minute bars whose closes go round a level of 100.5.
const closes = [100, 101, 99, 102, 103, 98, 97, 104, 105, 100];
const csv = [
  'time,open,high,low,close,volume',
  ...closes.map(
    (close, i) =>
      `${new Date(Date.UTC(2022, 0, 1, 0, i)).toISOString()},${close},${close + 1},${close - 1},${close},1000`,
  ),
].join('\n');

describe.each(['json', 'msgpack'] as const)('BacktestHub probe history (%s)', (protocol) => {
  it('returns every probe over the whole backtest, and the stored result keeps it', async () => {
    const hub = await test.connect(backtestHubPath, { protocol });
    const patch = { ...levelCrossPatch(100.5, 1), view: { probes: ['bars.close', 'up.out', 'buy.intent'] } };
    const id = await hub.invoke<string>('start', patch, {
      data: { kind: 'csv', name: 'ten.csv', text: csv },
    });
    const outcome = await hub.invoke<BacktestOutcome>('result', id);

    expect(outcome.probes?.ports).toEqual(['bars.close', 'up.out', 'buy.intent']);
    expect(outcome.probes?.stride).toBe(1);
    expect(outcome.probes?.timeMs).toEqual(closes.map((_, i) => Date.UTC(2022, 0, 1, 0, i)));
    expect(outcome.probes?.values[0]).toEqual(closes);
    // By hand: the close crosses above 100.5 at bars 1 (100 -> 101), 3 (99 -> 102), 7 (97 -> 104).
    expect(outcome.probes?.values[1]).toEqual([0, 1, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(outcome.probes?.values[2]).toHaveLength(10);

    const opened = await hub.invoke<BacktestOutcome>('open', outcome.resultId);
    expect(opened.probes).toEqual(outcome.probes);
  });
});
