// The market side of a live or paper run whose config lists `streams`: its own MarketBridge on
// the process's market bus, the MarketTape that keeps what the bridge applied per tick (parity
// replays it, see market-tape.ts), and the bridge's lifetime tied to the run's.
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import type { RunConfig } from '@patchdesk/modules/contracts/hubs';
import type { MarketBus } from '../market/bus/market-bus';
import { defaultBridgeStaleAfterMs, MarketBridge } from './market-bridge';
import { MarketTape } from './market-tape';
import type { Run } from './run';

export interface RunMarket {
  bridge: MarketBridge;
  tape: MarketTape;
}

/**
 * The run's bridge and tape when its config lists streams, else null. `refuse` makes the error
 * for a server with no market bus (the caller's own error type).
 */
export function runMarketOf(
  consumerName: string,
  config: RunConfig,
  bus: MarketBus | null | undefined,
  now: () => number,
  refuse: () => Error,
): RunMarket | null {
  const streams = config.streams ?? [];
  if (streams.length === 0) return null;
  if (!bus) throw refuse();
  const tape = new MarketTape(defaultBridgeStaleAfterMs);
  const bridge = new MarketBridge({
    bus,
    feed: createMarketFeed(streams),
    // one consumer per run (on Redis, its own consumer group)
    name: consumerName,
    now,
    staleAfterMs: tape.staleAfterMs,
    onTick: tape.record,
  });
  return { bridge, tape };
}

/** Starts the bridge and stops it when the run stops, logging what it carried. */
export function bindBridgeToRun(
  bridge: MarketBridge,
  run: Run,
  log: (stats: ReturnType<MarketBridge['stats']>) => void,
): void {
  bridge.start();
  run.events.on('stopped', () => {
    bridge.stop();
    log(bridge.stats());
  });
}
