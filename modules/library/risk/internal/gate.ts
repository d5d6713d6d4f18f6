// What every risk gate shares: one intent in, the intent out when it passes, and on a block a
// null out, `blocked` true, the reason's number on `code` (probe-visible) and a risk event for
// the run (through the trading feed's outbox, when the run has a broker).
//
// A gate emits all its outputs together (the kernel stamps every output of a step), so every
// emission that is not a pass sets `out` to null: downstream never sees the previous intent
// again. Gates step on anything but a new intent (a price or equity input) without emitting,
// except where they have outputs of their own to update (max-drawdown).
import type { Feeds } from '../../../sdk/define-module';
import { port } from '../../../sdk/ports';
import type { OrderIntent } from '../../../sdk/ports';
import { riskCodeNumber } from '../../../sdk/risk-codes';
import type { RiskDenial, RiskDenialOf } from '../../../sdk/risk-codes';
import type { RiskEvent } from '../../../sdk/trading-feed';

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
  return { atMs: 0, source, denial: priceMissing, intent: null };
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
  feeds: Readonly<Feeds>,
  timeMs: number,
  denial: RiskDenial,
  intent: OrderIntent,
): true {
  outputs.out = null;
  outputs.blocked = true;
  outputs.code = riskCodeNumber(denial.code);
  event.atMs = timeMs;
  event.denial = denial;
  event.intent = intent;
  const trading = feeds.trading;
  if (trading !== null && trading !== undefined) trading.outbox.pushRiskEvent(event);
  return true;
}

/** Base quantity the intent adds to the position: positive for a buy. */
export function signedQuantity(intent: OrderIntent): number {
  return intent.side === 'buy' ? intent.quantity : -intent.quantity;
}

/**
 * The position a gate checks against: the input when it holds a number, else the broker
 * feed's position for the intent's symbol, else 0 (without a broker nothing fills).
 */
export function currentPosition(input: number, feeds: Readonly<Feeds>, symbol: string): number {
  if (input === input) return input;
  const trading = feeds.trading;
  if (trading === null || trading === undefined) return 0;
  const position = trading.positions.get(symbol);
  return position === undefined ? 0 : position.size;
}

/** The input when it is a price, else the feed's mark for the symbol, else NaN. */
export function referencePrice(input: number, feeds: Readonly<Feeds>, symbol: string): number {
  if (input > 0 && input < Number.POSITIVE_INFINITY) return input;
  const trading = feeds.trading;
  if (trading === null || trading === undefined) return Number.NaN;
  const market = trading.markets.get(symbol);
  return market === undefined ? Number.NaN : market.markPrice;
}

/** The price the order itself names (limit, else trigger), NaN for a market order. */
export function orderPrice(intent: OrderIntent): number {
  if (intent.limitPrice > 0) return intent.limitPrice;
  if (intent.triggerPrice > 0) return intent.triggerPrice;
  return Number.NaN;
}

/** True when filling the intent leaves the position no larger: cancels and reduce-only included. */
export function reducesExposure(intent: OrderIntent, position: number): boolean {
  if (intent.action === 'cancel' || intent.reduceOnly) return true;
  return Math.abs(position + signedQuantity(intent)) <= Math.abs(position);
}
