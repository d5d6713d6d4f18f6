// The trading feed: how account state enters a patch and how order intents and risk events
// leave it, without a cable into or out of the kernel and without a cycle.
//
// A run with a broker creates one TradingFeed (createTradingFeed) and sets it once as
// `kernel.feeds.trading`. Before each tick it writes the account, positions, markets and
// working slots in place (never replacing the objects, so a step allocates nothing) and bumps
// `version` when any of them changed. Modules read it during the tick: sources/position and
// sources/account turn it into numbers, risk gates look up positions, marks and equity, order
// modules read `workingSlots`. The sink and the gates write into `outbox`; after each tick
// the run drains it (copying what it keeps: modules reuse their intent and event objects).
// Without a feed (a run with no broker: the editor's demo, the example-patch tests) nothing
// can fill, so position sources read flat and the sink drops intents with NO_BROKER.
import type { OrderIntent, OrderSlot } from './ports';
import { copyOrderIntent } from './ports';
import type { RiskDenial } from './risk-codes';

export interface AccountState {
  /** Wallet balance plus unrealised PnL, in the settlement currency. */
  equity: number;
  walletBalance: number;
  unrealisedPnl: number;
  /** Equity not held as initial margin of positions and open orders. */
  freeMargin: number;
  initialMargin: number;
  maintenanceMargin: number;
  /** Maintenance margin over equity (Binance's "margin ratio"): liquidation at 1. */
  marginRatio: number;
  updatedAtMs: number;
}

export interface PositionState {
  readonly symbol: string;
  /** Signed base quantity: long > 0, short < 0, flat 0. */
  size: number;
  /** NaN when flat. */
  entryPrice: number;
  markPrice: number;
  unrealisedPnl: number;
  /** NaN when flat or when the position cannot be liquidated. */
  liquidationPrice: number;
  updatedAtMs: number;
}

/** Order-size rules of an instrument, as ccxt's market `limits` and `precision` give them. */
export interface InstrumentSpec {
  readonly symbol: string;
  readonly priceStep: number;
  readonly quantityStep: number;
  readonly minQuantity: number;
  /** 0 when the venue has none. */
  readonly minNotional: number;
}

export interface MarketState {
  readonly instrument: InstrumentSpec;
  markPrice: number;
  lastPrice: number;
  /** Time of the newest market data for this symbol (the stale-data guard's clock). */
  dataAtMs: number;
}

export interface RiskEvent {
  /** Tick time of the refusal. */
  atMs: number;
  /** Type of the module that refused (`risk/max-notional`, `sinks/broker`). */
  source: string;
  denial: RiskDenial;
  intent: OrderIntent | null;
}

export const outboxCapacityMax = 10_000;

/**
 * A bounded per-tick mailbox from the patch to the run. Slots are preallocated; pushing
 * allocates nothing. What does not fit is counted and dropped (the sink reports OUTBOX_FULL).
 */
export class OrderOutbox {
  readonly intents: (OrderIntent | null)[];
  readonly riskEvents: (RiskEvent | null)[];
  intentCount = 0;
  riskEventCount = 0;
  /** Totals over the run of what did not fit. */
  intentsDropped = 0;
  riskEventsDropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > outboxCapacityMax) {
      throw new Error(`order outbox: capacity ${capacity} must be an integer in [1, ${outboxCapacityMax}]`);
    }
    this.intents = new Array<OrderIntent | null>(capacity).fill(null);
    this.riskEvents = new Array<RiskEvent | null>(capacity).fill(null);
  }

  pushIntent(intent: OrderIntent): boolean {
    if (this.intentCount === this.capacity) {
      this.intentsDropped++;
      return false;
    }
    this.intents[this.intentCount++] = intent;
    return true;
  }

  pushRiskEvent(event: RiskEvent): boolean {
    if (this.riskEventCount === this.capacity) {
      this.riskEventsDropped++;
      return false;
    }
    this.riskEvents[this.riskEventCount++] = event;
    return true;
  }

  /** Copies of this tick's intents and risk events, in order; empties the outbox. */
  drain(): { intents: OrderIntent[]; riskEvents: RiskEvent[] } {
    const intents: OrderIntent[] = [];
    const riskEvents: RiskEvent[] = [];
    for (let i = 0; i < this.intentCount; i++) {
      intents.push(copyOrderIntent(this.intents[i] as OrderIntent));
      this.intents[i] = null;
    }
    for (let i = 0; i < this.riskEventCount; i++) {
      riskEvents.push(copyRiskEvent(this.riskEvents[i] as RiskEvent));
      this.riskEvents[i] = null;
    }
    this.intentCount = 0;
    this.riskEventCount = 0;
    return { intents, riskEvents };
  }
}

export function copyRiskEvent(event: RiskEvent): RiskEvent {
  return {
    atMs: event.atMs,
    source: event.source,
    denial: { ...event.denial },
    intent: event.intent === null ? null : copyOrderIntent(event.intent),
  };
}

export interface TradingFeed {
  /** The run's symbol: order modules stamp it on their intents. */
  readonly symbol: string;
  readonly account: AccountState;
  /** By symbol; a symbol without an entry is flat. */
  readonly positions: Map<string, PositionState>;
  /** By symbol: every symbol the run may trade. An intent for any other is SYMBOL_UNKNOWN. */
  readonly markets: Map<string, MarketState>;
  /** Slots whose order is pending or resting at the venue. */
  readonly workingSlots: Set<OrderSlot>;
  readonly outbox: OrderOutbox;
  /** Set by the RiskHub's kill switch: risk/kill-switch gates block while it is on. */
  killSwitch: boolean;
  /** Bumped by the run whenever account, positions or working slots changed. */
  version: number;
}

export function createTradingFeed(options: {
  symbol: string;
  instruments: readonly InstrumentSpec[];
  outboxCapacity?: number;
}): TradingFeed {
  const markets = new Map<string, MarketState>();
  for (const instrument of options.instruments) {
    markets.set(instrument.symbol, {
      instrument,
      markPrice: Number.NaN,
      lastPrice: Number.NaN,
      dataAtMs: Number.NaN,
    });
  }
  if (!markets.has(options.symbol)) {
    throw new Error(`trading feed: the run's symbol "${options.symbol}" has no instrument`);
  }
  return {
    symbol: options.symbol,
    account: {
      equity: Number.NaN,
      walletBalance: Number.NaN,
      unrealisedPnl: 0,
      freeMargin: Number.NaN,
      initialMargin: 0,
      maintenanceMargin: 0,
      marginRatio: 0,
      updatedAtMs: Number.NaN,
    },
    positions: new Map(),
    markets,
    workingSlots: new Set(),
    outbox: new OrderOutbox(options.outboxCapacity ?? 256),
    killSwitch: false,
    version: 0,
  };
}

/** The position of `symbol` created on first use, then updated in place. */
export function positionFor(feed: TradingFeed, symbol: string): PositionState {
  let position = feed.positions.get(symbol);
  if (position === undefined) {
    position = {
      symbol,
      size: 0,
      entryPrice: Number.NaN,
      markPrice: Number.NaN,
      unrealisedPnl: 0,
      liquidationPrice: Number.NaN,
      updatedAtMs: Number.NaN,
    };
    feed.positions.set(symbol, position);
  }
  return position;
}

/** Signed size of `symbol` in the feed; 0 without a feed (nothing can fill) or without a position. */
export function positionSizeOf(feed: TradingFeed | null | undefined, symbol: string): number {
  if (feed === null || feed === undefined) return 0;
  const position = feed.positions.get(symbol);
  return position === undefined ? 0 : position.size;
}

/** Mark price of `symbol` in the feed, NaN when unknown. */
export function markPriceOf(feed: TradingFeed | null | undefined, symbol: string): number {
  if (feed === null || feed === undefined) return Number.NaN;
  const market = feed.markets.get(symbol);
  return market === undefined ? Number.NaN : market.markPrice;
}
