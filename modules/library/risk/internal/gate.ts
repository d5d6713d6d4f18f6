// What every risk gate shares: one intent in, the intent out when it passes, and on a block a
// null out, `blocked` true, the reason's number on `code` (probe-visible) and a risk event for
// the run (through the trading feed's outbox, when the run has a broker).
//
// A gate emits all its outputs together (the kernel stamps every output of a step), so every
// emission that is not a pass sets `out` to null: downstream never sees the previous intent
// again. Gates step on anything but a new intent (a price or equity input) without emitting,
// except where they have outputs of their own to update (max-drawdown).
import type { Feeds, StepContext } from '../../../sdk/define-module';
import { port } from '../../../sdk/ports';
import type { OrderIntent } from '../../../sdk/ports';
import { riskCodeNumber } from '../../../sdk/risk-codes';
import type { RiskDenial, RiskDenialOf } from '../../../sdk/risk-codes';
import type { MarketState, PositionState, RiskEvent } from '../../../sdk/trading-feed';

export const intentInput = port.orderIntent({
  description: 'The order intent to check (from an order module or another gate).',
});

export const gateOutputs = {
  out: port.orderIntent({ description: 'The intent when it passed; null when it was blocked.' }),
  blocked: port.bool({ description: 'True when the latest intent was blocked.' }),
  code: port.number({
    description: 'Why the latest intent was blocked, as a risk code number (0: it passed).',
  }),
};

export interface GateOutputs {
  out: OrderIntent | null;
  blocked: boolean;
  code: number;
}

/** Reused for every block (the run copies events when it drains the outbox). */
export function createGateEvent(source: string): RiskEvent {
  return { atMs: Number.NaN, source, denial: priceMissing, intent: null };
}

export const priceMissing: RiskDenialOf<'PRICE_MISSING'> = Object.freeze({ code: 'PRICE_MISSING' });
export const equityMissing: RiskDenialOf<'EQUITY_MISSING'> = Object.freeze({ code: 'EQUITY_MISSING' });

export function passIntent(outputs: GateOutputs, intent: OrderIntent): true {
  outputs.out = intent;
  outputs.blocked = false;
  outputs.code = 0;
  return true;
}

export function blockIntent(
  event: RiskEvent,
  outputs: GateOutputs,
  ctx: StepContext,
  denial: RiskDenial,
  intent: OrderIntent,
): true {
  outputs.out = null;
  outputs.blocked = true;
  outputs.code = riskCodeNumber(denial.code);
  event.atMs = ctx.timeMs;
  event.denial = denial;
  event.intent = intent;
  const trading = ctx.feeds.trading;
  if (trading !== null && trading !== undefined) trading.outbox.pushRiskEvent(event);
  return true;
}

// The helpers below hand back objects, never numbers: a number passed to or returned from a
// call V8 does not inline is boxed, i.e. allocated (indicators/README.md). Gates do their
// arithmetic inline with what these return.

/** A cancel or a reduce-only order: it can only take exposure away. */
export function isClosing(intent: OrderIntent): boolean {
  return intent.action === 'cancel' || intent.reduceOnly;
}

/** The broker feed's position for the symbol; undefined without a broker or when flat. */
export function positionOf(feeds: Readonly<Feeds>, symbol: string): PositionState | undefined {
  const trading = feeds.trading;
  return trading === null || trading === undefined ? undefined : trading.positions.get(symbol);
}

/**
 * The signed position a gate judges an intent against: the `position` input when wired (not
 * NaN), else the broker feed's, else flat. Gates step only when an intent arrives, so the number
 * returned here costs nothing on quiet ticks.
 */
export function currentPosition(input: number, feeds: Readonly<Feeds>, symbol: string): number {
  if (input === input) return input;
  const held = positionOf(feeds, symbol);
  return held === undefined ? 0 : held.size;
}

/** The signed position after the intent fills completely. */
export function positionAfter(position: number, intent: OrderIntent): number {
  return position + (intent.side === 'buy' ? intent.quantity : -intent.quantity);
}

/** The broker feed's market (mark price, data time) for the symbol; undefined without a broker. */
export function marketOf(feeds: Readonly<Feeds>, symbol: string): MarketState | undefined {
  const trading = feeds.trading;
  return trading === null || trading === undefined ? undefined : trading.markets.get(symbol);
}
