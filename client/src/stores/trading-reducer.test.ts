import { afterEach, describe, expect, it } from 'vitest';
import { account, fill, frame, order, position, riskEvent, snapshot } from '../test-support/trading-fixtures';
import {
  applyOrderUpdate,
  applyTradingFrame,
  boundOrders,
  equityPointsMax,
  fillsMax,
  finishedOrdersMax,
  riskEventsMax,
  viewFromSnapshot,
  workingOrders,
} from './trading-reducer';
import { useTradingStore } from './trading-store';

describe('trading reducer', () => {
  it('starts from the snapshot', () => {
    const view = viewFromSnapshot(
      snapshot({
        orders: [order('a'), order('b', { status: 'filled' })],
        fills: [fill('f1')],
        positions: [position()],
        counts: { orders: 7, fills: 3, riskEvents: 0 },
      }),
    );
    expect(view.orders.map((o) => o.clientOrderId)).toEqual(['a', 'b']);
    expect(view.fills.map((f) => f.fillId)).toEqual(['f1']);
    expect(view.positions[0].size).toBe(0.01);
    expect(view.counts).toEqual({ orders: 7, fills: 3, riskEvents: 0 });
    expect(workingOrders(view).map((o) => o.clientOrderId)).toEqual(['a']);
  });

  it('replaces a changed order in place and appends new ones', () => {
    let view = viewFromSnapshot(
      snapshot({ orders: [order('a'), order('b')], counts: { orders: 2, fills: 0, riskEvents: 0 } }),
    );
    view = applyTradingFrame(
      view,
      frame(120_000, {
        orders: [
          order('a', { status: 'filled', filledQuantity: 0.01, averagePrice: 50_010 }),
          order('c', { orderType: 'stop-market', triggerPrice: 49_500 }),
        ],
      }),
    );
    expect(view.orders.map((o) => `${o.clientOrderId}:${o.status}`)).toEqual([
      'a:filled',
      'b:open',
      'c:open',
    ]);
    expect(view.orders[0].averagePrice).toBe(50_010);
    expect(view.counts.orders).toBe(3);
    expect(workingOrders(view).map((o) => o.clientOrderId)).toEqual(['b', 'c']);
  });

  it('appends fills once each, takes the frame account and positions, and keeps the kill switch state', () => {
    let view = viewFromSnapshot(
      snapshot({ fills: [fill('f1')], counts: { orders: 1, fills: 1, riskEvents: 0 } }),
    );
    const next = frame(120_000, {
      fills: [fill('f1'), fill('f2', { side: 'sell', price: 50_500 })],
      account: account({ cash: 10_004.5, realisedPnl: 5, fees: 0.5, equity: 10_004.5 }),
      positions: [position({ size: -0.01 })],
      killSwitch: true,
    });
    view = applyTradingFrame(view, next);
    expect(view.fills.map((f) => f.fillId)).toEqual(['f1', 'f2']);
    expect(view.counts.fills).toBe(2);
    expect(view.account.equity).toBe(10_004.5);
    expect(view.positions[0].size).toBe(-0.01);
    expect(view.killSwitch).toBe(true);
    // The same frame again (a reconnect repeats it) adds no fill.
    view = applyTradingFrame(view, next);
    expect(view.fills.map((f) => f.fillId)).toEqual(['f1', 'f2']);
    expect(view.counts.fills).toBe(2);
  });

  it('ignores frames of another patch or older than the view', () => {
    const view = viewFromSnapshot(snapshot({ timeMs: 120_000 }));
    expect(applyTradingFrame(view, frame(180_000, { patchName: 'other' }))).toBe(view);
    expect(applyTradingFrame(view, frame(60_000))).toBe(view);
  });

  it('adds one equity point per bar time and replaces a repeated time', () => {
    let view = viewFromSnapshot(snapshot({ equity: [{ timeMs: 60_000, equity: 10_000 }] }));
    view = applyTradingFrame(view, frame(120_000, { equity: { timeMs: 120_000, equity: 10_010 } }));
    view = applyTradingFrame(view, frame(120_000, { equity: { timeMs: 120_000, equity: 10_020 } }));
    view = applyTradingFrame(view, frame(180_000, { equity: null }));
    expect(view.equity).toEqual([
      { timeMs: 60_000, equity: 10_000 },
      { timeMs: 120_000, equity: 10_020 },
    ]);
  });

  it('bounds fills, equity points and risk events, keeping the newest', () => {
    let view = viewFromSnapshot(snapshot({ equity: [] }));
    for (let tick = 1; tick <= equityPointsMax + 50; tick += 1) {
      view = applyTradingFrame(
        view,
        frame(tick * 60_000, {
          fills: [fill(`f${tick}`, { timeMs: tick * 60_000 })],
          riskEvents: [riskEvent(tick * 60_000)],
        }),
      );
    }
    const last = equityPointsMax + 50;
    expect(view.fills).toHaveLength(fillsMax);
    expect(view.fills.at(-1)!.fillId).toBe(`f${last}`);
    expect(view.fills[0].fillId).toBe(`f${last - fillsMax + 1}`);
    expect(view.riskEvents).toHaveLength(riskEventsMax);
    expect(view.riskEvents.at(-1)!.atMs).toBe(last * 60_000);
    expect(view.equity).toHaveLength(equityPointsMax);
    expect(view.equity[0].timeMs).toBe(51 * 60_000);
    // The totals count what fell off.
    expect(view.counts.fills).toBe(last);
    expect(view.counts.riskEvents).toBe(last);
  });

  it('drops the oldest finished orders past the bound and never a working one', () => {
    const orders = [
      order('w0'),
      ...Array.from({ length: finishedOrdersMax + 5 }, (_, i) => order(`x${i}`, { status: 'canceled' })),
      order('w1', { status: 'partiallyFilled' }),
    ];
    const kept = boundOrders(orders);
    expect(kept).toHaveLength(finishedOrdersMax + 2);
    expect(kept[0].clientOrderId).toBe('w0');
    expect(kept[1].clientOrderId).toBe('x5');
    expect(kept.at(-1)!.clientOrderId).toBe('w1');
  });

  it('applies the order a cancel call returned', () => {
    const view = viewFromSnapshot(
      snapshot({ orders: [order('a')], counts: { orders: 1, fills: 0, riskEvents: 0 } }),
    );
    const canceled = applyOrderUpdate(
      view,
      order('a', { status: 'canceled', reason: 'canceled by the user' }),
    );
    expect(canceled.orders).toHaveLength(1);
    expect(canceled.orders[0].status).toBe('canceled');
    expect(workingOrders(canceled)).toEqual([]);
    const flatten = applyOrderUpdate(canceled, order('k', { reduceOnly: true, tag: 'manual' }));
    expect(flatten.orders.map((o) => o.clientOrderId)).toEqual(['a', 'k']);
    expect(flatten.counts.orders).toBe(2);
  });
});

describe('trading store', () => {
  afterEach(() => useTradingStore.getState().clear());

  it('applies a snapshot, then frames, and ignores a frame before any snapshot', () => {
    const store = useTradingStore.getState;
    store().applyMessage(frame(60_000, { orders: [order('a')] }));
    expect(store().view).toBeNull();
    store().applyMessage(snapshot());
    expect(store().live).toBe(true);
    store().applyMessage(frame(120_000, { orders: [order('a')], fills: [fill('f1')] }));
    expect(store().view!.orders).toHaveLength(1);
    expect(store().view!.fills).toHaveLength(1);
    store().setKillSwitch(true);
    expect(store().view!.killSwitch).toBe(true);
    // A new snapshot (a new run or a resubscription) starts over.
    store().applyMessage(snapshot({ timeMs: 30_000 }));
    expect(store().view!.fills).toHaveLength(0);
    expect(store().view!.killSwitch).toBe(false);
  });
});
