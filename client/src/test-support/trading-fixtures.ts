// Trading payloads as TradeHub sends them, for client tests: one paper account on BTC/USDT:USDT.
import type {
  TradeAccount,
  TradeFill,
  TradeOrder,
  TradePosition,
  TradeRiskEvent,
  TradingFrame,
  TradingSnapshot,
} from '@patchdesk/modules/contracts/trading';

export const symbol = 'BTC/USDT:USDT';

export function account(fields: Partial<TradeAccount> = {}): TradeAccount {
  return {
    currency: 'USDT',
    deposits: 10_000,
    cash: 10_000,
    realisedPnl: 0,
    fees: 0,
    fundingPnl: 0,
    unrealisedPnl: 0,
    equity: 10_000,
    freeMargin: 10_000,
    marginRatio: 0,
    ...fields,
  };
}

export function order(clientOrderId: string, fields: Partial<TradeOrder> = {}): TradeOrder {
  return {
    clientOrderId,
    venueOrderId: null,
    symbol,
    side: 'buy',
    orderType: 'market',
    timeInForce: 'GTC',
    quantity: 0.01,
    filledQuantity: 0,
    averagePrice: null,
    limitPrice: null,
    triggerPrice: null,
    reduceOnly: false,
    status: 'open',
    reason: null,
    tag: 'orders/bracket',
    createdAtMs: 1_000,
    updatedAtMs: 1_000,
    ...fields,
  };
}

export function fill(fillId: string, fields: Partial<TradeFill> = {}): TradeFill {
  return {
    fillId,
    clientOrderId: 'pdaX1',
    timeMs: 60_000,
    symbol,
    side: 'buy',
    price: 50_000,
    quantity: 0.01,
    fee: 0.25,
    liquidity: 'taker',
    liquidation: false,
    tag: 'orders/bracket',
    ...fields,
  };
}

export function position(fields: Partial<TradePosition> = {}): TradePosition {
  return {
    symbol,
    size: 0.01,
    entryPrice: 50_000,
    markPrice: 50_100,
    unrealisedPnl: 1,
    liquidationPrice: 45_454.5,
    leverage: 10,
    marginMode: 'cross',
    ...fields,
  };
}

export function riskEvent(atMs: number, fields: Partial<TradeRiskEvent> = {}): TradeRiskEvent {
  return {
    atMs,
    source: 'risk/max-position',
    code: 'POSITION_EXCEEDS_MAX',
    message: 'position 0.04 would exceed the max 0.03',
    denial: { code: 'POSITION_EXCEEDS_MAX', position: 0.04, max: 0.03 },
    ...fields,
  };
}

export function snapshot(fields: Partial<TradingSnapshot> = {}): TradingSnapshot {
  return {
    kind: 'snapshot',
    patchName: 'demo',
    mode: 'paper',
    timeMs: 60_000,
    account: account(),
    positions: [],
    orders: [],
    fills: [],
    riskEvents: [],
    equity: [{ timeMs: 60_000, equity: 10_000 }],
    killSwitch: false,
    deadMan: { armed: false, timeoutSeconds: null, deadlineAtMs: null },
    counts: { orders: 0, fills: 0, riskEvents: 0 },
    ...fields,
  };
}

export function frame(timeMs: number, fields: Partial<TradingFrame> = {}): TradingFrame {
  return {
    kind: 'frame',
    patchName: 'demo',
    timeMs,
    account: account(),
    positions: [],
    orders: [],
    fills: [],
    riskEvents: [],
    equity: { timeMs, equity: 10_000 },
    killSwitch: false,
    ...fields,
  };
}
