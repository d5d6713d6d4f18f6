// The broker: what a run's orders go through to a venue. The sim venue (backtest, paper) and
// a ccxt venue (live) implement the same interface, so switching mode never edits the patch
// and the order router, the ledger and the hubs do not know which one they talk to.
//
// Shape (NautilusTrader's execution client, ccxt's unified API):
// - commands are imperative and return an acknowledgement: the venue took the command
//   (`accepted`) or refused it with a reason (a domain refusal, data, never thrown);
// - what happens to an order afterwards arrives as past-tense events on one stream, in order,
//   each with a unique `eventId` so the ledger can apply it idempotently;
// - `fetch*` give the venue's view for reconciliation after a restart or a dropped stream;
// - an operational failure (network, venue down, rate limited) is thrown as a
//   BrokerUnavailableError, retryable or not; anything else thrown is our bug.
// Quantities and prices here are the venue's decimal numbers; the ledger converts money to
// integer minor units, in one place.
import type { OrderSide, OrderType, TimeInForce } from '@patchdesk/modules/sdk/ports';

/** Our id for an order, sent to the venue with it (ccxt `params.clientOrderId`); see client-order-id.ts. */
export type ClientOrderId = string;

/** An order ready for a venue: validated, rounded to the instrument's steps (order-request.ts). */
export interface OrderRequest {
  clientOrderId: ClientOrderId;
  symbol: string;
  side: OrderSide;
  orderType: OrderType;
  quantity: number;
  /** Limit and stop-limit only, else null. */
  limitPrice: number | null;
  /** Stop-market, stop-limit and take-profit only, else null. */
  triggerPrice: number | null;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  /** Attached exits (a bracket), placed by the venue when the entry fills; null for none. */
  stopLossPrice: number | null;
  takeProfitPrice: number | null;
  /** From the intent: which module asked, for the journal. */
  tag: string;
  /** Tick time the intent was emitted at. */
  createdAtMs: number;
}

/** What a modify may change (ccxt editOrder); null leaves a field as it is. */
export interface OrderChanges {
  quantity: number | null;
  limitPrice: number | null;
  triggerPrice: number | null;
}

/** Why a venue refused a command: a stable code, the venue's own words, never a stack trace. */
export interface BrokerRefusal {
  code:
    | 'INSUFFICIENT_MARGIN'
    | 'WOULD_TAKE' // post-only that would have matched
    | 'REDUCE_ONLY_WOULD_INCREASE'
    | 'ORDER_NOT_FOUND'
    | 'DUPLICATE_CLIENT_ORDER_ID'
    | 'INVALID_ORDER'
    | 'VENUE_REJECTED';
  message: string;
}

export type OrderAck =
  | { accepted: true; clientOrderId: ClientOrderId; venueOrderId: string | null }
  | { accepted: false; clientOrderId: ClientOrderId; refusal: BrokerRefusal };

export type OrderStatus =
  'pending' | 'open' | 'partiallyFilled' | 'filled' | 'canceled' | 'rejected' | 'expired';

/** The venue's view of one order (ccxt Order), for reconciliation. */
export interface OrderSnapshot {
  clientOrderId: ClientOrderId | null;
  venueOrderId: string;
  symbol: string;
  side: OrderSide;
  orderType: OrderType;
  status: OrderStatus;
  quantity: number;
  filledQuantity: number;
  limitPrice: number | null;
  triggerPrice: number | null;
  reduceOnly: boolean;
  updatedAtMs: number;
}

/** The venue's view of one position (ccxt Position), signed size. */
export interface PositionSnapshot {
  symbol: string;
  size: number;
  entryPrice: number | null;
  markPrice: number | null;
  unrealisedPnl: number;
  liquidationPrice: number | null;
  leverage: number | null;
  marginMode: 'cross' | 'isolated';
  updatedAtMs: number;
}

export interface BalanceSnapshot {
  /** Settlement currency, e.g. USDT. */
  currency: string;
  walletBalance: number;
  /** Available for new margin. */
  free: number;
  /** Held as margin by positions and open orders. */
  used: number;
  updatedAtMs: number;
}

interface EventBase {
  /** Unique per broker and stable across reconnects (venue trade id, funding time...): the ledger's idempotency key. */
  eventId: string;
  /** When it happened at the venue (virtual time in a backtest). */
  atMs: number;
}

/** Past-tense facts from the venue, in the order they happened. */
export type BrokerEvent =
  | (EventBase & { kind: 'orderAccepted'; clientOrderId: ClientOrderId; venueOrderId: string })
  | (EventBase & { kind: 'orderRejected'; clientOrderId: ClientOrderId; refusal: BrokerRefusal })
  | (EventBase & {
      kind: 'orderModified';
      clientOrderId: ClientOrderId;
      quantity: number;
      limitPrice: number | null;
      triggerPrice: number | null;
    })
  | (EventBase & {
      kind: 'orderTriggered';
      clientOrderId: ClientOrderId;
      triggerPrice: number;
    })
  | (EventBase & {
      kind: 'orderFilled';
      clientOrderId: ClientOrderId;
      venueOrderId: string;
      /** The venue's trade id. */
      fillId: string;
      symbol: string;
      side: OrderSide;
      quantity: number;
      price: number;
      /** Positive: paid; negative: a maker rebate. */
      fee: number;
      feeCurrency: string;
      liquidity: 'maker' | 'taker';
      /** Quantity still open after this fill (0: the order is done). */
      remainingQuantity: number;
    })
  | (EventBase & {
      kind: 'orderCanceled';
      clientOrderId: ClientOrderId;
      /** requested: we cancelled it; expired: IOC/FOK/GTD ran out; venue: the venue cancelled it (e.g. reduce-only overflow, OCO sibling filled). */
      reason: 'requested' | 'expired' | 'venue';
    })
  | (EventBase & {
      kind: 'fundingPaid';
      symbol: string;
      /** Signed position size at the funding time. */
      positionSize: number;
      rate: number;
      markPrice: number;
      /** Signed, in the settlement currency: positive received, negative paid. */
      amount: number;
      currency: string;
    })
  | (EventBase & {
      kind: 'positionLiquidated';
      symbol: string;
      /** Signed size that was closed. */
      size: number;
      /** Bankruptcy (fill) price. */
      price: number;
      fee: number;
      currency: string;
    });

export type BrokerEventKind = BrokerEvent['kind'];

export interface Broker {
  /** `sim`, `binanceusdm`, ... */
  readonly venue: string;
  submitOrder(request: OrderRequest): Promise<OrderAck>;
  modifyOrder(clientOrderId: ClientOrderId, symbol: string, changes: OrderChanges): Promise<OrderAck>;
  cancelOrder(clientOrderId: ClientOrderId, symbol: string): Promise<OrderAck>;
  fetchOpenOrders(symbol?: string): Promise<OrderSnapshot[]>;
  fetchPositions(symbols?: readonly string[]): Promise<PositionSnapshot[]>;
  fetchBalances(): Promise<BalanceSnapshot[]>;
  /** Every event from now on, in order; returns the unsubscribe function. */
  onEvent(listener: (event: BrokerEvent) => void): () => void;
  close(): Promise<void>;
}

/** An operational failure: the venue or the network, not the order. */
export class BrokerUnavailableError extends Error {
  constructor(
    message: string,
    /** True when trying again later may succeed (timeouts, 5xx, rate limits). */
    readonly retryable: boolean,
    /** Suggested wait before retrying, when the venue said (Retry-After). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'BrokerUnavailableError';
  }
}
