// The sim venue's public vocabulary: what a broker sends in (order requests, bars, marks,
// funding) and the past-tense events it gets back. Prices and quantities in events are floats
// already on the market's tick and lot grid; every money amount also comes as integer minor
// units (bigint, see money.ts) for the ledger.

export type OrderSide = 'buy' | 'sell';
export type OrderType =
  | 'market'
  | 'limit'
  /** Stop: a buy triggers when the price rises to the trigger, a sell when it falls to it. */
  | 'stopMarket'
  | 'stopLimit'
  /** Take-profit: a buy triggers when the price falls to the trigger, a sell when it rises to it. */
  | 'takeProfitMarket'
  | 'takeProfitLimit';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type TriggerPriceType = 'mark' | 'last';
export type Liquidity = 'maker' | 'taker';
export type MarginMode = 'isolated' | 'cross';

export interface OrderRequest {
  /** The caller's id; unique among the venue's orders (refused when reused). */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** Base quantity; rounded down to the lot size. */
  quantity: number;
  /** Limit price (limit, stopLimit, takeProfitLimit); a buy rounds down to the tick, a sell up. */
  price?: number;
  /** Trigger price (stop and take-profit types); rounded to the nearest tick. */
  triggerPrice?: number;
  /** Default: the venue's `defaultTriggerPriceType`. */
  triggerPriceType?: TriggerPriceType;
  /** Default GTC. A GTC market order's unfilled rest keeps working at the next bars' opens. */
  timeInForce?: TimeInForce;
  /** Refused if it would take liquidity on arrival. Limit orders with GTC only. */
  postOnly?: boolean;
  /** Never opens or grows a position; clipped to the position at acceptance and at each fill. */
  reduceOnly?: boolean;
}

export interface OrderChanges {
  /** New total quantity (filled part included), as ccxt's editOrder. */
  quantity?: number;
  price?: number;
  triggerPrice?: number;
}

/** A domain refusal: data with a stable code and the figures, never thrown. */
export type Refusal =
  | { code: 'INVALID_REQUEST'; field: string; message: string }
  | { code: 'INVALID_QUANTITY'; quantity: number }
  | { code: 'INVALID_PRICE'; field: 'price' | 'triggerPrice'; value: number }
  | { code: 'UNKNOWN_SYMBOL'; symbol: string }
  | { code: 'BELOW_MIN_QUANTITY'; quantity: number; minQuantity: number }
  | { code: 'BELOW_MIN_NOTIONAL'; notional: number; minNotional: number }
  | { code: 'POST_ONLY_WOULD_TAKE'; price: number; referencePrice: number }
  | { code: 'WOULD_TRIGGER_IMMEDIATELY'; triggerPrice: number; referencePrice: number }
  | { code: 'NO_REFERENCE_PRICE'; symbol: string }
  | { code: 'DUPLICATE_CLIENT_ORDER_ID'; clientOrderId: string }
  | { code: 'REDUCE_ONLY_WOULD_INCREASE'; positionQuantity: number }
  | { code: 'INSUFFICIENT_MARGIN'; required: number; available: number }
  | { code: 'LEVERAGE_EXCEEDS_TIER_MAX'; leverage: number; maxLeverage: number; notional: number }
  | { code: 'TOO_MANY_OPEN_ORDERS'; max: number }
  | { code: 'ORDER_NOT_FOUND'; orderId: string }
  | { code: 'NOT_MODIFIABLE'; orderId: string; reason: string }
  | { code: 'QUANTITY_BELOW_FILLED'; quantity: number; filledQuantity: number }
  | { code: 'POSITION_OR_ORDERS_OPEN'; symbol: string }
  | { code: 'INVALID_LEVERAGE'; leverage: number; maxLeverage: number };

export type RefusalCode = Refusal['code'];

export type CancelReason =
  | 'REQUESTED'
  | 'IOC_REMAINDER'
  | 'FOK_NOT_FILLED'
  | 'REDUCE_ONLY_NO_POSITION'
  | 'POST_ONLY_WOULD_TAKE'
  | 'LIQUIDATION';

interface EventBase {
  /** Venue-wide sequence number, 1, 2, 3, ... in emission order. */
  seq: number;
  /** Venue time: the open time of the bar being processed, or the mark/funding time. */
  timeMs: number;
  symbol: string;
}

interface OrderEventBase extends EventBase {
  orderId: string;
  clientOrderId: string;
}

export interface OrderAccepted extends OrderEventBase {
  kind: 'orderAccepted';
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  /** After lot rounding (and reduce-only clipping). */
  quantity: number;
  requestedQuantity: number;
  /** After tick rounding; null for market and stop-market orders. */
  price: number | null;
  triggerPrice: number | null;
  triggerPriceType: TriggerPriceType | null;
}

export interface OrderRejected extends EventBase {
  kind: 'orderRejected';
  clientOrderId: string;
  refusal: Refusal;
}

export interface OrderFilled extends OrderEventBase {
  kind: 'orderFilled';
  side: OrderSide;
  price: number;
  quantity: number;
  liquidity: Liquidity;
  /** Fee charged to the account (negative would be a rebate), quote currency. */
  fee: number;
  feeMinor: bigint;
  /** Realised PnL of the part of the fill that reduced the position (+ gain). */
  realisedPnl: number;
  realisedPnlMinor: bigint;
  filledQuantity: number;
  remainingQuantity: number;
  /** True when this fill completed the order. */
  complete: boolean;
  /** The position after the fill: signed quantity and average entry price. */
  positionQuantity: number;
  positionEntryPrice: number;
}

export interface OrderCanceled extends OrderEventBase {
  kind: 'orderCanceled';
  reason: CancelReason;
  filledQuantity: number;
  canceledQuantity: number;
}

export interface OrderModified extends OrderEventBase {
  kind: 'orderModified';
  quantity: number;
  price: number | null;
  triggerPrice: number | null;
  /** False when the change cost the order its place in the queue (new price or larger size). */
  priorityKept: boolean;
}

export interface OrderTriggered extends OrderEventBase {
  kind: 'orderTriggered';
  triggerPrice: number;
  triggerPriceType: TriggerPriceType;
  /** The price (mark or last) at which the trigger was seen. */
  observedPrice: number;
}

export interface FundingPaid extends EventBase {
  kind: 'fundingPaid';
  rate: number;
  markPrice: number;
  positionQuantity: number;
  /** Cash flow to the account: -q * mark * rate (negative = the account paid). */
  amount: number;
  amountMinor: bigint;
}

export interface PositionLiquidated extends EventBase {
  kind: 'positionLiquidated';
  marginMode: MarginMode;
  /** Signed quantity that was closed. */
  quantity: number;
  entryPrice: number;
  /** Mark price at which margin balance fell below maintenance margin. */
  markPrice: number;
  /** The unified-formula liquidation price before the event (null if none). */
  liquidationPrice: number | null;
  /** Closing price: the trader's margin share is exactly used up by PnL and fee (see margin.ts). */
  bankruptcyPrice: number;
  realisedPnl: number;
  realisedPnlMinor: bigint;
  liquidationFee: number;
  liquidationFeeMinor: bigint;
}

/** Isolated margin moved between the wallet and a position (open, reduce, funding, liquidation). */
export interface IsolatedMarginChanged extends EventBase {
  kind: 'isolatedMarginChanged';
  deltaMinor: bigint;
  isolatedMarginMinor: bigint;
}

export type VenueEvent =
  | OrderAccepted
  | OrderRejected
  | OrderFilled
  | OrderCanceled
  | OrderModified
  | OrderTriggered
  | FundingPaid
  | PositionLiquidated
  | IsolatedMarginChanged;

export type SubmitOutcome = { accepted: true; orderId: string } | { accepted: false; refusal: Refusal };
export type CommandOutcome = { ok: true } | { ok: false; refusal: Refusal };

/** A last-price bar (timeMs = open time) with an optional mark-price bar over the same span. */
export interface VenueBar {
  symbol: string;
  timeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base volume; the participation cap is a fraction of it. */
  volume: number;
  mark?: { open: number; high: number; low: number; close: number };
}
