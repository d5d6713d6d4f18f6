// The sim venue's matching engine on a book of 10,000 resting limit orders: submit, cancel
// and match operations per second, against a plain sorted-array insert/remove loop run
// alongside (the least a book must do per order), and printed beside lfest-rs's published
// 25M limit submissions/s (Rust, its cargo bench) for scale. Every submit goes through the
// venue's full order boundary: checks, rounding, margin, ladder insert and an event.
import { SimVenue } from '../server/venues/sim/sim-venue';
import type { MarketSpec } from '../server/venues/sim/market-spec';
import type { OrderRequest, VenueEvent } from '../server/venues/sim/types';
import { seededRandom } from '../modules/sdk/seeded-random';
import type { Bench, BenchResult } from './types';

const bookOrders = 10_000;
const churnOperations = 400_000;
const matchBars = 4_000;
const baselineOperations = 2_000_000;
const lfestSubmissionsPerSecond = 25_000_000;
const symbol = 'BTC/USDT:USDT';
const hourMs = 3_600_000;

const market: MarketSpec = {
  symbol,
  tickSize: 0.01,
  lotSize: 0.001,
  minQuantity: 0.001,
  minNotional: 0,
  makerFeeRate: 0.0002,
  takerFeeRate: 0.0005,
  tiers: [
    { tier: 1, minNotional: 0, maxNotional: 1e15, maintenanceMarginRate: 0.004, maxLeverage: 125, cum: 0 },
  ],
};

/** Bids 90.00..99.99 and asks 100.01..110.00, in ticks of 0.01 around a mid of 100. */
function restingPriceTicks(next: () => number, buy: boolean): number {
  const distance = 1 + Math.floor(next() * 1000);
  return buy ? 10_000 - distance : 10_000 + distance;
}

function request(id: number, buy: boolean, priceTicks: number): OrderRequest {
  return {
    clientOrderId: `c${id}`,
    symbol,
    side: buy ? 'buy' : 'sell',
    type: 'limit',
    price: priceTicks / 100,
    quantity: 0.01,
  };
}

function freshVenue(next: () => number): { venue: SimVenue; open: string[]; clientId: number } {
  const venue = new SimVenue({
    markets: [market],
    initialWalletMinor: 10n ** 20n,
    maxOpenOrders: bookOrders * 2,
  });
  const out: VenueEvent[] = [];
  venue.onBar({ symbol, timeMs: 0, open: 100, high: 100, low: 100, close: 100, volume: 1e9 }, out);
  const open: string[] = [];
  let clientId = 0;
  for (let i = 0; i < bookOrders; i++) {
    const buy = i % 2 === 0;
    const outcome = venue.submit(request(clientId++, buy, restingPriceTicks(next, buy)), out);
    if (!outcome.accepted) throw new Error(`bench: seeding the book was refused: ${outcome.refusal.code}`);
    open.push(outcome.orderId);
    out.length = 0;
  }
  return { venue, open, clientId };
}

/** Cancel a random resting order, submit a new one: the book stays at 10,000. */
function churn(): { operationsPerSecond: number } {
  const next = seededRandom(11);
  const state = freshVenue(next);
  const out: VenueEvent[] = [];
  const started = performance.now();
  for (let i = 0; i < churnOperations / 2; i++) {
    const slot = Math.floor(next() * state.open.length);
    if (!state.venue.cancel(state.open[slot], out).ok) throw new Error('bench: cancel refused');
    const buy = next() < 0.5;
    const outcome = state.venue.submit(request(state.clientId++, buy, restingPriceTicks(next, buy)), out);
    if (!outcome.accepted) throw new Error(`bench: submit refused: ${outcome.refusal.code}`);
    state.open[slot] = outcome.orderId;
    out.length = 0;
  }
  return { operationsPerSecond: churnOperations / ((performance.now() - started) / 1000) };
}

/** Bars that dip and spike into the book; filled orders are put back between bars (not timed). */
function match(): { fillsPerSecond: number; fills: number } {
  const next = seededRandom(12);
  const state = freshVenue(next);
  const out: VenueEvent[] = [];
  let fills = 0;
  let matchingMs = 0;
  for (let i = 1; i <= matchBars; i++) {
    const low = 100 - (5 + Math.floor(next() * 50)) / 100;
    const high = 100 + (5 + Math.floor(next() * 50)) / 100;
    const started = performance.now();
    state.venue.onBar({ symbol, timeMs: i * hourMs, open: 100, high, low, close: 100, volume: 1e9 }, out);
    matchingMs += performance.now() - started;
    for (const event of out) {
      if (event.kind !== 'orderFilled') continue;
      fills++;
      const buy = event.side === 'buy';
      const outcome = state.venue.submit(request(state.clientId++, buy, Math.round(event.price * 100)), []);
      if (!outcome.accepted) throw new Error(`bench: refill refused: ${outcome.refusal.code}`);
    }
    out.length = 0;
  }
  return { fillsPerSecond: fills / (matchingMs / 1000), fills };
}

/** The baseline: keep a sorted Float64Array of 10,000 prices; each op removes one and inserts one. */
function sortedArrayBaseline(): { operationsPerSecond: number; checksum: number } {
  const next = seededRandom(13);
  const prices = new Float64Array(bookOrders);
  for (let i = 0; i < bookOrders; i++) prices[i] = restingPriceTicks(next, i % 2 === 0);
  prices.sort();
  const started = performance.now();
  for (let op = 0; op < baselineOperations / 2; op++) {
    const removeAt = Math.floor(next() * bookOrders);
    prices.copyWithin(removeAt, removeAt + 1);
    const value = restingPriceTicks(next, next() < 0.5);
    let low = 0;
    let high = bookOrders - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (prices[middle] <= value) low = middle + 1;
      else high = middle;
    }
    prices.copyWithin(low + 1, low, bookOrders - 1);
    prices[low] = value;
  }
  const seconds = (performance.now() - started) / 1000;
  return { operationsPerSecond: baselineOperations / seconds, checksum: prices[0] + prices[bookOrders - 1] };
}

const bench: Bench = {
  name: 'sim-matching',
  async run(): Promise<BenchResult[]> {
    churn(); // warm-up
    const baseline = sortedArrayBaseline();
    const churned = churn();
    const matched = match();
    const lfest = `lfest-rs (Rust perpetual-exchange simulator) reports ${lfestSubmissionsPerSecond / 1e6}M limit submissions/s in its cargo bench`;
    const baselineName = 'sorted Float64Array insert+remove (10,000 prices)';
    return [
      {
        name: 'submit+cancel on a 10,000-order book',
        value: churned.operationsPerSecond,
        unit: 'ops/s',
        baselineName,
        baselineValue: baseline.operationsPerSecond,
        ratio: churned.operationsPerSecond / baseline.operationsPerSecond,
        goal: `for scale: ${(churned.operationsPerSecond / lfestSubmissionsPerSecond).toFixed(3)}x lfest-rs's 25M/s`,
        notes: `${churnOperations} operations (half cancels, half submits with checks, rounding, margin and events); ${lfest}`,
      },
      {
        name: 'fills while bars sweep a 10,000-order book',
        value: matched.fillsPerSecond,
        unit: 'fills/s',
        baselineName,
        baselineValue: baseline.operationsPerSecond,
        ratio: matched.fillsPerSecond / baseline.operationsPerSecond,
        goal: 'for scale (a fill books fee, PnL and position in minor units and emits an event)',
        notes: `${matched.fills} fills over ${matchBars} bars, onBar time only; refills not timed; ${lfest}`,
      },
    ];
  },
};

export default bench;
