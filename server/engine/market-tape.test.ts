// Determinism of live market data: a live run (wall-clock pacing, a bridge on the bus, a
// staleness clock) records what it applied per tick on a MarketTape; a virtual backtest over
// the same bars with a MarketTapeReplay gives every output port the same value on every tick,
// bit for bit, stale turns included. Dropping one taped event makes them differ (the
// comparison can fail).
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { outputKeysOf } from '../backtest/parity/run-recorder';
import { InProcessBus } from '../market/bus/in-process-bus';
import type { MarketEvent } from '../market/events';
import { ManualClockDriver } from './manual-clock-driver';
import { MarketBridge } from './market-bridge';
import { MarketTape, MarketTapeReplay } from './market-tape';
import type { RunMarket } from './market-replay';
import { Run } from './run';

const registry = createBuiltinRegistry();
const okx = { venue: 'okx', symbol: 'BTC/USDT:USDT' };
const bybit = { venue: 'bybit', symbol: 'BTC/USDT:USDT' };

const patch: Patch = {
  schemaVersion: 1,
  name: 'tape',
  description: '',
  modules: [
    { id: 'bars', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
    { id: 'okxTrades', type: 'sources/trades', params: { stream: 0 }, position: { x: 0, y: 100 } },
    { id: 'okxBook', type: 'sources/book', params: { stream: 0 }, position: { x: 0, y: 200 } },
    { id: 'bybitState', type: 'sources/market-state', params: { stream: 1 }, position: { x: 0, y: 300 } },
    { id: 'ema', type: 'indicators/ema', params: { period: 3 }, position: { x: 200, y: 100 } },
  ],
  cables: [{ from: { module: 'okxTrades', port: 'price' }, to: { module: 'ema', port: 'in' } }],
};
const keys = outputKeysOf(patch, registry);

const bars: Bar[] = Array.from({ length: 40 }, (_, i) => ({
  timeMs: 1_700_000_000_000 + i * 60_000,
  open: 100 + i,
  high: 101 + i,
  low: 99 + i,
  close: 100.5 + i,
  volume: 10,
}));

function trade(stream: typeof okx, id: number, price: number, atMs: number): MarketEvent {
  const side = id % 2 === 0 ? 'buy' : 'sell';
  return {
    ...stream,
    kind: 'trade',
    exchangeTimeMs: atMs,
    receivedAtMs: atMs,
    tradeId: String(id),
    price,
    amount: 0.1 * id,
    side,
    sideFrom: 'venue',
  };
}

function book(stream: typeof okx, sequence: number, bid: number, atMs: number): MarketEvent {
  return {
    ...stream,
    kind: 'book',
    exchangeTimeMs: atMs,
    receivedAtMs: atMs,
    update: 'snapshot',
    sequence,
    previousSequence: null,
    bids: [[bid, 1 + sequence]],
    asks: [[bid + 0.5, 2]],
  };
}

/** Every tick's time and output values. */
function tapTicks(run: Run): { timeMs: number; values: number[] }[] {
  const ticks: { timeMs: number; values: number[] }[] = [];
  run.events.on('tick', (timeMs) => ticks.push({ timeMs, values: keys.map((key) => run.kernel.read(key)) }));
  return ticks;
}

async function liveRun() {
  const driver = new ManualClockDriver(5_000_000);
  const bus = new InProcessBus();
  const tape = new MarketTape(1_000);
  const bridge = new MarketBridge({
    bus,
    feed: createMarketFeed([okx, bybit]),
    name: 'live',
    staleAfterMs: 1_000,
    now: () => driver.nowMs(),
    onTick: tape.record,
  });
  const run = new Run({ patch, registry, bars, driver, pacing: { kind: 'live' }, market: bridge });
  const ticks = tapTicks(run);
  bridge.start();
  const done = run.start();
  let id = 0;
  for (let step = 0; run.running; step++) {
    const atMs = driver.nowMs();
    // bursts on some ticks, several per tick (arriving out of merge order), a long silence on
    // bybit (stale after 1 s on the wall clock, fresh again later)
    if (step % 3 === 0) {
      bus.publish(trade(okx, ++id, 100 + (step % 7), atMs + 3));
      bus.publish(trade(okx, ++id, 101 + (step % 5), atMs + 1));
    }
    if (step % 4 === 1) bus.publish(book(okx, step, 99 + step / 10, atMs));
    if (step < 5 || step > 25) bus.publish(trade(bybit, ++id, 200 + step, atMs + 2));
    driver.advanceBy(100);
  }
  await done;
  bridge.stop();
  return { ticks, tape };
}

async function backtest(market: RunMarket) {
  const run = new Run({ patch, registry, bars, pacing: { kind: 'virtual' }, market });
  const ticks = tapTicks(run);
  await run.start();
  return ticks;
}

describe('MarketTape', () => {
  it('replays a live run tick for tick: every output bit-identical, stale turns included', async () => {
    const live = await liveRun();
    expect(live.tape.ticks).toBe(live.ticks.length);
    expect(live.tape.truncated).toBe(false);
    const staleAt = keys.indexOf('bybitState.stale');
    // the run saw bybit go stale and come back: the part a replay by exchange time would miss
    expect(live.ticks.some((tick) => tick.values[staleAt] === 1)).toBe(true);
    expect(live.ticks.at(-1)?.values[staleAt]).toBe(0);
    const replayed = await backtest(new MarketTapeReplay(createMarketFeed([okx, bybit]), live.tape));
    expect(replayed).toHaveLength(live.ticks.length);
    for (let i = 0; i < live.ticks.length; i++) {
      expect(replayed[i].timeMs).toBe(live.ticks[i].timeMs);
      // toEqual compares numbers with Object.is: NaN equals NaN, 0 differs from -0
      expect(replayed[i].values, `tick ${i}`).toEqual(live.ticks[i].values);
    }
  });

  it('differs when one taped event is missing, and refuses ticks past its end', async () => {
    const live = await liveRun();
    const firstTrade = live.tape.events.findIndex((event) => event.kind === 'trade');
    const cut = new MarketTape(live.tape.staleAfterMs);
    for (let tick = 0; tick < live.tape.ticks; tick++) {
      const end = tick + 1 < live.tape.ticks ? live.tape.firstEvent[tick + 1] : live.tape.events.length;
      const events = live.tape.events
        .slice(live.tape.firstEvent[tick], end)
        .filter((e) => e !== live.tape.events[firstTrade]);
      cut.record(live.tape.nowMs[tick], events);
    }
    const replayed = await backtest(new MarketTapeReplay(createMarketFeed([okx, bybit]), cut));
    expect(replayed.map((tick) => tick.values)).not.toEqual(live.ticks.map((tick) => tick.values));

    const short = new MarketTape(1_000, { ticks: 3, events: 100 });
    for (let i = 0; i < 5; i++) short.record(i, []);
    expect([short.ticks, short.truncated]).toEqual([3, true]);
    const run = new Run({
      patch,
      registry,
      bars,
      pacing: { kind: 'virtual' },
      market: new MarketTapeReplay(createMarketFeed([okx, bybit]), short),
    });
    const status = await run.start();
    expect(status.state).toBe('error');
    // tick 3 delivers the fourth bar (open +180,000 ms) at its close, +240,000 ms
    expect(status.reason).toBe(
      'market tape: the backtest reached tick 3 (time 1700000240000) but the tape holds 3 ticks (it was truncated)',
    );
  });
});
