// TradeHub.recordings and TradeHub.parity through the official @microsoft/signalr client
// (MessagePack and JSON): a paper run of a shipped example is recorded, listed, and its parity
// backtest is identical; an unknown run and a bad argument are refused with a clear message;
// a server without a database says parity needs one.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { ParityReport, RecordingSummary } from '@patchdesk/modules/contracts/parity';
import { hubPaths, type RunStatus } from '@patchdesk/modules/contracts/hubs';
import { startTestServer, type TestServer } from '../main/test-server';

let test: TestServer;
let state: HubConnection;
let tradesPack: HubConnection;
let tradesJson: HubConnection;

beforeAll(async () => {
  test = await startTestServer(); // a throwaway in-memory database
  state = await test.connect(hubPaths.state);
  tradesPack = await test.connect(hubPaths.trades);
  tradesJson = await test.connect(hubPaths.trades, { protocol: 'json' });
});
afterAll(() => test.stop());

describe('TradeHub parity', () => {
  it('lists a recorded paper run and finds it identical to its backtest', { timeout: 120_000 }, async () => {
    await state.invoke<RunStatus>('start', 'ema-cross-rsi', { mode: 'paper', barsPerTick: 10_000 });
    let recordings: RecordingSummary[] = [];
    await vi.waitFor(
      async () => {
        recordings = await tradesJson.invoke<RecordingSummary[]>('recordings', 'ema-cross-rsi');
        expect(recordings[0]?.state).toBe('complete');
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(recordings[0]).toMatchObject({ patchName: 'ema-cross-rsi' });
    expect(recordings[0].runId).toMatch(/^ema-cross-rsi:/);
    expect(recordings[0].ticks).toBeGreaterThanOrEqual(4_320);
    for (const connection of [tradesPack, tradesJson]) {
      const report = await connection.invoke<ParityReport>('parity', recordings[0].runId);
      expect(report).toMatchObject({
        runId: recordings[0].runId,
        identical: true,
        firstDivergence: null,
        edits: [],
      });
      expect(report.fills.recorded).toBeGreaterThan(0);
      expect(report.verdict).toMatch(/^identical over \d+ ticks/);
    }
  });

  it('refuses an unknown run and a bad argument with a clear message', async () => {
    await expect(tradesPack.invoke('parity', 'nobody:here')).rejects.toThrow(
      'no recording of run "nobody:here"',
    );
    await expect(tradesJson.invoke('parity', '')).rejects.toThrow(/runId/);
    await expect(tradesJson.invoke('parity', 42)).rejects.toThrow(/runId/);
  });

  it('says parity needs a database on a server without one', async () => {
    const bare = await startTestServer({ database: null });
    try {
      const trades = await bare.connect(hubPaths.trades, { protocol: 'json' });
      await expect(trades.invoke('parity', 'ema-cross-rsi:x')).rejects.toThrow(/keeps no database/);
      await expect(trades.invoke('recordings', 'ema-cross-rsi')).rejects.toThrow(/keeps no database/);
    } finally {
      await bare.stop();
    }
  });
});
