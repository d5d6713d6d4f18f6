// The Trading panel's view of one paper run, as pure functions: a TradeHub snapshot starts it,
// then each frame is folded in. Orders are kept by client order id (a changed order replaces
// its row in place), fills, equity points and risk events are appended, and every list has a
// bound, so a run of days never grows the page.
import type {
  DeadManStatus,
  EquityPoint,
  TradeAccount,
  TradeFill,
  TradeOrder,
  TradePosition,
  TradeRiskEvent,
  TradingFrame,
  TradingSnapshot,
} from '@patchdesk/modules/contracts/trading';

/** Fills listed; the journal keeps them all. */
export const fillsMax = 200;
/** Equity points plotted: a day of one-minute bars and then some. */
export const equityPointsMax = 2000;
export const riskEventsMax = 200;
/** Finished orders kept under the working ones (working orders are never dropped). */
export const finishedOrdersMax = 100;

export interface TradingView {
  patchName: string;
  timeMs: number | null;
  account: TradeAccount;
  positions: TradePosition[];
  /** In the order first seen; a changed order keeps its place. */
  orders: TradeOrder[];
  fills: TradeFill[];
  riskEvents: TradeRiskEvent[];
  equity: EquityPoint[];
  killSwitch: boolean;
  deadMan: DeadManStatus;
  /** Totals over the run, including what the bounds let fall off. */
  counts: { orders: number; fills: number; riskEvents: number };
}

const workingStatuses: ReadonlySet<TradeOrder['status']> = new Set([
  'pending',
  'open',
  'triggered',
  'partiallyFilled',
]);

export function isWorkingOrder(order: TradeOrder): boolean {
  return workingStatuses.has(order.status);
}

/** Keeps every working order and the newest `finishedOrdersMax` finished ones, in their order. */
export function boundOrders(orders: readonly TradeOrder[]): TradeOrder[] {
  let finished = orders.filter((order) => !isWorkingOrder(order)).length;
  if (finished <= finishedOrdersMax) return [...orders];
  const kept: TradeOrder[] = [];
  for (const order of orders) {
    // Finished orders are dropped from the oldest until the bound holds.
    if (!isWorkingOrder(order) && finished > finishedOrdersMax) {
      finished -= 1;
      continue;
    }
    kept.push(order);
  }
  return kept;
}

export function viewFromSnapshot(snapshot: TradingSnapshot): TradingView {
  return {
    patchName: snapshot.patchName,
    timeMs: snapshot.timeMs,
    account: snapshot.account,
    positions: snapshot.positions,
    orders: boundOrders(snapshot.orders),
    fills: snapshot.fills.slice(-fillsMax),
    riskEvents: snapshot.riskEvents.slice(-riskEventsMax),
    equity: snapshot.equity.slice(-equityPointsMax),
    killSwitch: snapshot.killSwitch,
    deadMan: snapshot.deadMan,
    counts: { ...snapshot.counts },
  };
}

/** Replaces orders by client order id where known, appends the new ones. */
function mergeOrders(
  current: readonly TradeOrder[],
  changed: readonly TradeOrder[],
): {
  orders: TradeOrder[];
  added: number;
} {
  if (changed.length === 0) return { orders: current as TradeOrder[], added: 0 };
  const index = new Map(current.map((order, position) => [order.clientOrderId, position]));
  const orders = [...current];
  let added = 0;
  for (const order of changed) {
    const position = index.get(order.clientOrderId);
    if (position === undefined) {
      index.set(order.clientOrderId, orders.length);
      orders.push(order);
      added += 1;
    } else orders[position] = order;
  }
  return { orders: boundOrders(orders), added };
}

/** New fills, without those already listed (a frame repeated after a reconnect adds nothing). */
function newFills(current: readonly TradeFill[], incoming: readonly TradeFill[]): TradeFill[] {
  if (incoming.length === 0) return [];
  const known = new Set(current.map((fill) => fill.fillId));
  return incoming.filter((fill) => !known.has(fill.fillId));
}

function appendBounded<T>(list: readonly T[], items: readonly T[], max: number): T[] {
  if (items.length === 0) return list as T[];
  return [...list, ...items].slice(-max);
}

/**
 * Folds one frame into the view. A frame of another patch, or one older than the view (a late
 * frame of a previous subscription), changes nothing and returns the same object.
 */
export function applyTradingFrame(view: TradingView, frame: TradingFrame): TradingView {
  if (frame.patchName !== view.patchName) return view;
  if (view.timeMs !== null && frame.timeMs < view.timeMs) return view;
  const { orders, added } = mergeOrders(view.orders, frame.orders);
  const fills = newFills(view.fills, frame.fills);
  const lastEquity = view.equity.at(-1);
  // One point per bar time: a repeated time replaces the last point rather than adding one.
  let equity = view.equity;
  if (frame.equity !== null) {
    equity =
      lastEquity !== undefined && lastEquity.timeMs === frame.equity.timeMs
        ? [...view.equity.slice(0, -1), frame.equity]
        : appendBounded(view.equity, [frame.equity], equityPointsMax);
  }
  return {
    ...view,
    timeMs: frame.timeMs,
    account: frame.account,
    positions: frame.positions,
    orders,
    fills: appendBounded(view.fills, fills, fillsMax),
    riskEvents: appendBounded(view.riskEvents, frame.riskEvents, riskEventsMax),
    equity,
    killSwitch: frame.killSwitch,
    counts: {
      orders: view.counts.orders + added,
      fills: view.counts.fills + fills.length,
      riskEvents: view.counts.riskEvents + frame.riskEvents.length,
    },
  };
}

/** An order the panel changed by a call (cancel, flatten) before the next frame says so. */
export function applyOrderUpdate(view: TradingView, order: TradeOrder): TradingView {
  const { orders, added } = mergeOrders(view.orders, [order]);
  return { ...view, orders, counts: { ...view.counts, orders: view.counts.orders + added } };
}

export function workingOrders(view: TradingView | null): TradeOrder[] {
  return view ? view.orders.filter(isWorkingOrder) : [];
}
