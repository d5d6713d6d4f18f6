// TradeHub and RiskHub through the official @microsoft/signalr client (MessagePack and JSON):
// a paper run of a shipped example patch trades on the simulated venue, and the hubs show its
// account, stream its changes, and carry out cancel, flatten, kill switch and dead-man switch.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type {
  KillSwitchReport,
  TradeRiskEvent,
  TradingFrame,
  TradingSnapshot,
} from '@patchdesk/modules/contracts/trading';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let state: HubConnection;
let tradesPack: HubConnection;
let tradesJson: HubConnection;
let riskJson: HubConnection;

beforeAll(async () => {
  // no database: these tests are about the hubs (paper-journals.test.ts covers the journal)
  test = await startTestServer({ database: null });
  state = await test.connect(hubPaths.state);
  tradesPack = await test.connect(hubPaths.trades);
  tradesJson = await test.connect(hubPaths.trades, { protocol: 'json' });
  riskJson = await test.connect(hubPaths.risk, { protocol: 'json' });
});
afterAll(() => test.stop());

function collect<T>(connection: HubConnection, method: string, ...args: unknown[]) {
  const items: T[] = [];
  const done = new Promise<Error | null>((resolve) =>
    connection.stream<T>(method, ...args).subscribe({
      next: (item) => items.push(item),
      error: (error) => resolve(error as Error),
      complete: () => resolve(null),
    }),
  );
  return { items, done };
}

const cents = (value: number) => Math.round(value * 1e6) / 1e6;

describe('TradeHub', () => {
  it('refuses a patch that has no paper run, saying how to start one', async () => {
    await expect(tradesPack.invoke('snapshot', 'atr-breakout')).rejects.toThrow(
      `patch "atr-breakout" has no paper run; start one with mode 'paper'`,
    );
    const { done } = collect(tradesJson, 'stream', 'atr-breakout');
    expect((await done)?.message).toMatch(/has no paper run/);
  });

  it('streams a snapshot then frames of a paper run until it ends; the account adds up', async () => {
    const started = await state.invoke<RunStatus>('start', 'atr-breakout', {
      mode: 'paper',
      barsPerTick: 400,
      venue: { startingBalance: 5_000, takerFee: 0.0005 },
    });
    expect(started).toMatchObject({ state: 'running', mode: 'paper' });
    const { items, done } = collect<TradingSnapshot | TradingFrame>(tradesPack, 'stream', 'atr-breakout');
    expect(await done).toBeNull(); // the stream completes when the data ends
    expect(items[0].kind).toBe('snapshot');
    const frames = items.slice(1) as TradingFrame[];
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.kind === 'frame' && frame.patchName === 'atr-breakout')).toBe(true);
    // the snapshot holds what happened before the stream opened; frames the rest, with no gap
    const fills = [...(items[0] as TradingSnapshot).fills, ...frames.flatMap((frame) => frame.fills)];
    expect(fills.length).toBeGreaterThan(0);
    // every fill of this patch is a taker fill at the next bar's open: fee = price x qty x 5 bps
    for (const fill of fills) {
      expect(fill.liquidity).toBe('taker');
      expect(fill.fee).toBeCloseTo(fill.price * fill.quantity * 0.0005, 6);
    }

    const snapshot = await tradesJson.invoke<TradingSnapshot>('snapshot', 'atr-breakout');
    const { account } = snapshot;
    expect(account.deposits).toBe(5_000);
    // wallet = deposits + realised - fees + funding; equity = wallet + unrealised
    expect(cents(account.cash)).toBe(
      cents(account.deposits + account.realisedPnl - account.fees + account.fundingPnl),
    );
    expect(cents(account.equity)).toBe(cents(account.cash + account.unrealisedPnl));
    expect(account.fees).toBeCloseTo(
      fills.reduce((sum, fill) => sum + fill.fee, 0),
      6,
    );
    expect(snapshot.counts.fills).toBe(fills.length);
    expect(snapshot.equity.length).toBeGreaterThan(0);
    expect(snapshot.riskEvents.length).toBeGreaterThan(0); // its rate limit blocks some entries
    expect(snapshot.riskEvents[0].message).toMatch(/orders in 3600000 ms/);
    expect(frames[frames.length - 1].account).toEqual(snapshot.account);

    await expect(tradesPack.invoke('cancelOrder', 'atr-breakout', 'nope')).rejects.toThrow(
      'patch "atr-breakout": its paper run has ended',
    );
  });

  it('refuses a paper run that loops and a venue model out of range', async () => {
    await expect(state.invoke('start', 'ema-cross-rsi', { mode: 'paper', loop: true })).rejects.toThrow(
      /a paper run cannot loop/,
    );
    await expect(
      state.invoke('start', 'ema-cross-rsi', { mode: 'paper', venue: { leverage: 500 } }),
    ).rejects.toThrow(/leverage/);
    await expect(
      state.invoke('start', 'ema-cross-rsi', { mode: 'paper', venue: { symbol: 'DOGE/USDT:USDT' } }),
    ).rejects.toThrow(/symbol/);
  });
});

describe('RiskHub', () => {
  it('streams risk events; the kill switch cancels, flattens and blocks; reset releases it', async () => {
    await state.invoke('start', 'bollinger-mean-reversion', { mode: 'paper', barsPerTick: 10 });
    const risk = collect<TradeRiskEvent>(riskJson, 'stream', 'bollinger-mean-reversion');
    // wait until the patch holds a position
    await vi.waitFor(
      async () => {
        const snapshot = await tradesJson.invoke<TradingSnapshot>('snapshot', 'bollinger-mean-reversion');
        expect(snapshot.positions.some((position) => position.size !== 0)).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    await expect(tradesJson.invoke('flatten', 'bollinger-mean-reversion', 'ETH/USDT:USDT')).rejects.toThrow(
      'patch "bollinger-mean-reversion" trades BTC/USDT:USDT; there is no position in "ETH/USDT:USDT"',
    );
    const report = await riskJson.invoke<KillSwitchReport>('killSwitch', 'bollinger-mean-reversion', {
      flatten: true,
    });
    expect(report.flattenOrders).toBe(1);
    expect(report.runStopped).toBe(false);
    await vi.waitFor(
      async () => {
        const snapshot = await tradesJson.invoke<TradingSnapshot>('snapshot', 'bollinger-mean-reversion');
        expect(snapshot.killSwitch).toBe(true);
        expect(snapshot.positions.every((position) => position.size === 0)).toBe(true);
        expect(
          snapshot.orders.filter((order) => !['filled', 'canceled', 'rejected'].includes(order.status)),
        ).toEqual([]);
      },
      { timeout: 10_000, interval: 100 },
    );
    await vi.waitFor(() =>
      expect(
        risk.items.some((event) => event.code === 'KILL_SWITCH_ON' && event.source.includes('RiskHub')),
      ).toBe(true),
    );
    expect(await riskJson.invoke('resetKillSwitch', 'bollinger-mean-reversion')).toBe(true);
    expect(
      (await tradesJson.invoke<TradingSnapshot>('snapshot', 'bollinger-mean-reversion')).killSwitch,
    ).toBe(false);
    await state.invoke('stop', 'bollinger-mean-reversion');
    expect(await risk.done).toBeNull();
  });

  it('the dead-man switch fires the kill switch when no heartbeat comes in time', async () => {
    await state.invoke('start', 'ema-cross-rsi', { mode: 'paper', barsPerTick: 1 });
    await expect(riskJson.invoke('armDeadMan', 'ema-cross-rsi', 0.5)).rejects.toThrow(/timeoutSeconds/);
    const armed = await riskJson.invoke('armDeadMan', 'ema-cross-rsi', 1);
    expect(armed).toMatchObject({ armed: true, timeoutSeconds: 1 });
    expect(await riskJson.invoke('heartbeat', 'ema-cross-rsi')).toMatchObject({ armed: true });
    await vi.waitFor(
      async () => {
        const snapshot = await tradesPack.invoke<TradingSnapshot>('snapshot', 'ema-cross-rsi');
        expect(snapshot.killSwitch).toBe(true);
        expect(snapshot.deadMan.armed).toBe(false);
        expect(snapshot.riskEvents.some((event) => event.source === 'dead-man switch')).toBe(true);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(await riskJson.invoke('disarmDeadMan', 'ema-cross-rsi')).toMatchObject({ armed: false });
    await state.invoke('stop', 'ema-cross-rsi');
  });
});
