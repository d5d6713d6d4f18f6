// Runs whose config lists market streams: the run manager gives each a MarketBridge on the
// process's market bus, the patch's market sources read it, a silent stream turns stale on the
// bridge's clock, and the bridge stops with the run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import type { Patch } from '@patchdesk/modules/patch/types';
import { bundledPaths } from '../main/paths';
import { InProcessBus } from '../market/bus/in-process-bus';
import type { MarketEvent } from '../market/events';
import { DatasetCatalog } from '../market/dataset-catalog';
import { PatchStore } from '../patches/patch-store';
import { WorkingCopies } from '../patches/working-copies';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { MarketBridge } from './market-bridge';
import { MarketReplay } from './market-replay';
import { RunManager, RunRefusedError } from './run-manager';
import { Run } from './run';

const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const bybit = { venue: 'bybit', symbol: 'ETH/USDT:USDT' };

const patch: Patch = {
  schemaVersion: 1,
  name: 'live',
  description: '',
  modules: [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: 'okxTrades', type: 'sources/trades', params: { stream: 0 }, position: { x: 0, y: 100 } },
    { id: 'bybitTrades', type: 'sources/trades', params: { stream: 1 }, position: { x: 0, y: 200 } },
    { id: 'okxState', type: 'sources/market-state', params: { stream: 0 }, position: { x: 0, y: 300 } },
  ],
  cables: [],
};

function trade(
  stream: typeof okx,
  id: number,
  price: number,
  amount: number,
  receivedAtMs: number,
): MarketEvent {
  return {
    ...stream,
    kind: 'trade',
    exchangeTimeMs: receivedAtMs - 5,
    receivedAtMs,
    tradeId: String(id),
    price,
    amount,
    side: 'buy',
    sideFrom: 'venue',
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(withBus = true) {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-live-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'live.json'), JSON.stringify(patch));
  const logger = pino({ level: 'silent' });
  const registry = createBuiltinRegistry();
  const bus = new InProcessBus();
  let nowMs = 1_000_000;
  const manager = new RunManager({
    workingCopies: new WorkingCopies({ store: new PatchStore(dir), registry, logger }),
    registry,
    logger,
    datasets: new DatasetCatalog({ samplePath: bundledPaths.sampleBars, dataDirs: [], logger }),
    marketBus: withBus ? bus : null,
    now: () => nowMs,
  });
  cleanups.push(() => manager.stopAll());
  return { manager, bus, clock: { set: (ms: number) => (nowMs = ms) } };
}

describe('RunManager with market streams', () => {
  it("fills a paper run's market sources from the bus, stream by stream, and stops the bridge with the run", async () => {
    const { manager, bus, clock } = setup();
    const values = new Map<string, number>();
    manager.watchTicks('live', (_timeMs, read) => {
      for (const key of ['okxTrades.price', 'okxTrades.count', 'bybitTrades.price', 'okxState.stale'])
        values.set(key, read(key));
    });
    await manager.start('live', { mode: 'paper', journal: false, streams: [okx, bybit] });
    // three okx trades and one bybit trade, published between two ticks
    bus.publish(trade(okx, 1, 50_000, 0.1, 1_000_000));
    bus.publish(trade(okx, 2, 50_010, 0.2, 1_000_001));
    bus.publish(trade(bybit, 3, 3_000.5, 2, 1_000_002));
    bus.publish(trade({ venue: 'okx', symbol: 'SOL/USDT:USDT' }, 4, 150, 1, 1_000_003)); // not read
    await vi.waitFor(() => expect(values.get('bybitTrades.price')).toBe(3_000.5), { timeout: 5_000 });
    expect(values.get('okxTrades.price')).toBe(50_010);
    expect(values.get('okxState.stale')).toBe(0);
    // 10 s (the bridge's window) and 1 ms later on the bridge's clock, with nothing new: stale
    clock.set(1_000_000 + 10_001);
    await vi.waitFor(() => expect(values.get('okxState.stale')).toBe(1), { timeout: 5_000 });
    await manager.stop('live');
    expect(bus.stats().handlerErrors).toBe(0);
    // the bridge unsubscribed: a run that stopped takes nothing more off the bus
    const delivered = bus.stats().delivered;
    bus.publish(trade(okx, 5, 1, 1, 1_010_002));
    expect(bus.stats().delivered).toBe(delivered);
  });

  it('refuses streams the registry does not know, and streams without a market bus', async () => {
    const { manager } = setup(false);
    await expect(manager.start('live', { streams: [okx] })).rejects.toThrow(
      new RunRefusedError(
        'patch "live": its run config lists market streams, but this server has no market bus',
      ),
    );
    const { runConfigSchema } = await import('./run-manager');
    expect(runConfigSchema.safeParse({ streams: [{ venue: 'nasdaq', symbol: 'AAPL/USD' }] }).success).toBe(
      false,
    );
  });
});

describe('Run with market data', () => {
  it('takes a bus bridge in live pacing only, and a recorded replay in virtual pacing only', () => {
    const registry = createBuiltinRegistry();
    const bars = [{ timeMs: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 }];
    const bridge = new MarketBridge({ bus: new InProcessBus(), feed: createMarketFeed([okx]), name: 'r' });
    const replay = new MarketReplay(createMarketFeed([okx]), [], 100);
    const run = (market: MarketBridge | MarketReplay, kind: 'live' | 'virtual') =>
      new Run({ patch, registry, bars, name: 'r', pacing: { kind }, market });
    expect(() => run(bridge, 'live')).not.toThrow();
    expect(() => run(bridge, 'virtual')).toThrow(
      'run r: live market data needs live pacing, not a virtual run',
    );
    expect(() => run(replay, 'live')).toThrow(
      'run r: market events replay in virtual runs over held bars only',
    );
    expect(() => run(replay, 'virtual')).not.toThrow();
  });
});
