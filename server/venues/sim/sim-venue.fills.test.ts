// Fills from bars, by hand: next-open market fills, the path through a bar, gaps, slippage,
// fees, the participation cap, post-only, IOC and FOK.
import { describe, expect, it } from 'vitest';
import { bar, buy, ofKind, sell, testMarket, testVenue } from './testing';
import type { VenueEvent } from './types';

describe('market orders', () => {
  it('fill at the next bar open plus slippage, never at the bar they were decided on', () => {
    const venue = testVenue({ markets: [testMarket({ tickSize: 0.01 })], fillModel: { slippageBps: 10 } });
    venue.onBar(bar(0, 100, 101, 99, 100.5));
    const submitted: VenueEvent[] = [];
    expect(venue.submit(buy('m1', { type: 'market', quantity: 1 }), submitted)).toEqual({
      accepted: true,
      orderId: 'sim-1',
    });
    expect(submitted.map((e) => e.kind)).toEqual(['orderAccepted']);
    const events = venue.onBar(bar(1, 102, 103, 101, 102.5));
    const [fill] = ofKind(events, 'orderFilled');
    // 102 * (1 + 10 bps) = 102.102 -> up to the 0.01 tick: 102.11; taker fee 102.11 * 0.05% = 0.051055.
    expect(fill).toMatchObject({
      price: 102.11,
      quantity: 1,
      liquidity: 'taker',
      complete: true,
      timeMs: 3_600_000,
    });
    expect(fill.fee).toBeCloseTo(0.051055, 12);
    expect(fill.feeMinor).toBe(5_105_500n);
    expect(fill.positionQuantity).toBe(1);
    expect(venue.snapshot().walletMinor).toBe(100_000n * 100_000_000n - 5_105_500n);
  });

  it('a sell slips down', () => {
    const venue = testVenue({ markets: [testMarket({ tickSize: 0.01 })], fillModel: { slippageBps: 10 } });
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(sell('s1', { type: 'market', quantity: 0.5 }));
    // 102 * (1 - 10 bps) = 101.898 -> down to 101.89.
    expect(ofKind(venue.onBar(bar(1, 102, 103, 101, 102)), 'orderFilled')[0].price).toBe(101.89);
  });
});

describe('resting limit orders along the bar path', () => {
  it('fill at their own price when the path touches them, as makers', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('b1', { type: 'limit', price: 98, quantity: 1 }));
    // Path: open 99.5, high 100 (0.5 away, nearer), low 97, close 98.5; 98 is met between 100 and 97.
    const [fill] = ofKind(venue.onBar(bar(1, 99.5, 100, 97, 98.5)), 'orderFilled');
    expect(fill).toMatchObject({ price: 98, quantity: 1, liquidity: 'maker' });
    expect(fill.fee).toBeCloseTo(98 * 0.0002, 12);
  });

  it('fill at the open when the bar gaps through them (better than the limit)', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(sell('s1', { type: 'limit', price: 105, quantity: 1 }));
    venue.submit(buy('b1', { type: 'limit', price: 95, quantity: 1 }));
    const gapUp = ofKind(venue.onBar(bar(1, 107, 108, 106, 107)), 'orderFilled');
    expect(gapUp.map((f) => [f.clientOrderId, f.price, f.liquidity])).toEqual([['s1', 107, 'maker']]);
    const gapDown = ofKind(venue.onBar(bar(2, 93, 94, 92, 93)), 'orderFilled');
    expect(gapDown.map((f) => [f.clientOrderId, f.price])).toEqual([['b1', 93]]);
  });

  it('visit the extreme nearer the open first', () => {
    const run = (high: number, low: number) => {
      const venue = testVenue();
      venue.onBar(bar(0, 100, 101, 99, 100));
      venue.submit(sell('up', { type: 'limit', price: 102, quantity: 1 }));
      venue.submit(buy('down', { type: 'limit', price: 97, quantity: 1 }));
      return ofKind(venue.onBar(bar(1, 100, high, low, 100)), 'orderFilled').map((f) => f.clientOrderId);
    };
    expect(run(103, 96)).toEqual(['up', 'down']); // high 3 away, low 4: up first
    expect(run(104, 97)).toEqual(['down', 'up']); // low 3 away, high 4: down first
  });

  it('a marketable limit is a taker and fills at the next open, not at its limit', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('b1', { type: 'limit', price: 101, quantity: 1 }));
    const [fill] = ofKind(venue.onBar(bar(1, 100.5, 101, 100, 100.5)), 'orderFilled');
    expect(fill).toMatchObject({ price: 100.5, liquidity: 'taker' });
    expect(fill.fee).toBeCloseTo(100.5 * 0.0005, 12);
  });
});

describe('participation cap', () => {
  it('fills at most cap * bar volume per bar; the rest keeps working on later bars', () => {
    const venue = testVenue({ fillModel: { participationCap: 0.1 } });
    venue.onBar(bar(0, 100, 101, 99.5, 100));
    venue.submit(buy('b1', { type: 'limit', price: 99, quantity: 1 }));
    // Volumes 5, 3 and 10 allow 0.5, 0.3 and 1.0: fills of 0.5, 0.3, then the last 0.2.
    const fills = [
      venue.onBar(bar(1, 100, 100, 98, 99, 5)),
      venue.onBar(bar(2, 99, 100, 98.5, 99.5, 3)),
      venue.onBar(bar(3, 99.5, 100, 98, 99, 10)),
    ].map((events) => ofKind(events, 'orderFilled').map((f) => [f.quantity, f.filledQuantity, f.complete]));
    expect(fills).toEqual([[[0.5, 0.5, false]], [[0.3, 0.8, false]], [[0.2, 1, true]]]);
  });

  it('market orders carry their rest to the next opens', () => {
    const venue = testVenue({ fillModel: { participationCap: 0.1 } });
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('m1', { type: 'market', quantity: 0.7 }));
    const first = ofKind(venue.onBar(bar(1, 101, 102, 100, 101, 4)), 'orderFilled');
    const second = ofKind(venue.onBar(bar(2, 103, 104, 102, 103, 4)), 'orderFilled');
    expect(first.map((f) => [f.price, f.quantity])).toEqual([[101, 0.4]]);
    expect(second.map((f) => [f.price, f.quantity, f.complete])).toEqual([[103, 0.3, true]]);
  });
});

describe('post-only, IOC, FOK', () => {
  it('post-only is refused when it would take, accepted as a maker otherwise', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    const out: VenueEvent[] = [];
    const refused = venue.submit(buy('p1', { type: 'limit', price: 100, quantity: 1, postOnly: true }), out);
    expect(refused).toEqual({
      accepted: false,
      refusal: { code: 'POST_ONLY_WOULD_TAKE', price: 100, referencePrice: 100 },
    });
    expect(out[0]).toMatchObject({ kind: 'orderRejected', clientOrderId: 'p1' });
    expect(
      venue.submit(buy('p2', { type: 'limit', price: 99.9, quantity: 1, postOnly: true })).accepted,
    ).toBe(true);
    expect(ofKind(venue.onBar(bar(1, 100, 100.2, 99.5, 100)), 'orderFilled')[0].liquidity).toBe('maker');
  });

  it('FOK is killed when the bar cannot fill all of it, and fills whole when it can', () => {
    const venue = testVenue({ fillModel: { participationCap: 0.1 } });
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('f1', { type: 'market', quantity: 1, timeInForce: 'FOK' }));
    venue.submit(buy('f2', { type: 'limit', price: 99, quantity: 0.1, timeInForce: 'FOK' }));
    // Budget 0.5 < 1: f1 killed. f2 is not marketable at the open of 100: killed too.
    const events = venue.onBar(bar(1, 100, 101, 98, 100, 5));
    expect(ofKind(events, 'orderFilled')).toEqual([]);
    expect(
      ofKind(events, 'orderCanceled').map((c) => [c.clientOrderId, c.reason, c.canceledQuantity]),
    ).toEqual([
      ['f1', 'FOK_NOT_FILLED', 1],
      ['f2', 'FOK_NOT_FILLED', 0.1],
    ]);
    venue.submit(buy('f3', { type: 'market', quantity: 0.4, timeInForce: 'FOK' }));
    expect(ofKind(venue.onBar(bar(2, 100, 101, 99, 100, 5)), 'orderFilled')[0]).toMatchObject({
      quantity: 0.4,
      complete: true,
    });
  });

  it('IOC fills what the open allows and cancels the rest', () => {
    const venue = testVenue({ fillModel: { participationCap: 0.1 } });
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('i1', { type: 'limit', price: 101, quantity: 1, timeInForce: 'IOC' }));
    const events = venue.onBar(bar(1, 100.5, 101, 100, 100.5, 5));
    expect(events.filter((e) => e.kind !== 'isolatedMarginChanged').map((e) => e.kind)).toEqual([
      'orderFilled',
      'orderCanceled',
    ]);
    expect(ofKind(events, 'orderFilled')[0]).toMatchObject({
      price: 100.5,
      quantity: 0.5,
      liquidity: 'taker',
    });
    expect(ofKind(events, 'orderCanceled')[0]).toMatchObject({
      reason: 'IOC_REMAINDER',
      filledQuantity: 0.5,
      canceledQuantity: 0.5,
    });
    expect(venue.openOrders()).toEqual([]);
  });
});

describe('the order boundary rounds once', () => {
  it('prices to the tick (never worse than asked) and quantities down to the lot', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    const out: VenueEvent[] = [];
    venue.submit(buy('b', { type: 'limit', price: 99.97, quantity: 0.0519 }), out);
    venue.submit(sell('s', { type: 'limit', price: 100.01, quantity: 0.05 }), out);
    expect(ofKind(out, 'orderAccepted').map((a) => [a.price, a.quantity, a.requestedQuantity])).toEqual([
      [99.9, 0.051, 0.0519],
      [100.1, 0.05, 0.05],
    ]);
  });

  it('refuses sizes under the minimum quantity or notional', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    expect(venue.submit(buy('q', { type: 'market', quantity: 0.0004 }))).toEqual({
      accepted: false,
      refusal: { code: 'BELOW_MIN_QUANTITY', quantity: 0, minQuantity: 0.001 },
    });
    // 0.04 * 100 = 4 < 5.
    const notional = venue.submit(buy('n', { type: 'limit', price: 100, quantity: 0.04 }));
    expect(notional).toMatchObject({
      accepted: false,
      refusal: { code: 'BELOW_MIN_NOTIONAL', minNotional: 5 },
    });
  });
});

describe('with a book snapshot, market orders walk the book', () => {
  const book = (timeMs: number) => ({
    symbol: 'BTC/USDT:USDT',
    timeMs,
    bids: [
      [99.9, 0.5],
      [99.8, 1],
    ] as [number, number][],
    asks: [
      [100.1, 0.3],
      [100.2, 0.4],
      [100.5, 5],
    ] as [number, number][],
  });

  it('takes each level at its price; depth taken by one order is gone for the next', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('m1', { type: 'market', quantity: 0.5 }));
    venue.submit(buy('m2', { type: 'market', quantity: 0.5 }));
    const fills = ofKind(venue.onBook(book(3_600_000)), 'orderFilled');
    // m1: 0.3 at 100.1, 0.2 at 100.2; m2: the 0.2 left at 100.2, then 0.3 at 100.5.
    expect(fills.map((f) => [f.clientOrderId, f.price, f.quantity, f.liquidity])).toEqual([
      ['m1', 100.1, 0.3, 'taker'],
      ['m1', 100.2, 0.2, 'taker'],
      ['m2', 100.2, 0.2, 'taker'],
      ['m2', 100.5, 0.3, 'taker'],
    ]);
    expect(fills[1].positionEntryPrice).toBeCloseTo((0.3 * 100.1 + 0.2 * 100.2) / 0.5, 9);
  });

  it('IOC limits stop at their price; FOK needs the whole quantity within its limit', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(sell('ioc', { type: 'limit', price: 99.85, quantity: 1, timeInForce: 'IOC' }));
    venue.submit(sell('fok', { type: 'limit', price: 99.7, quantity: 2, timeInForce: 'FOK' }));
    const events = venue.onBook(book(3_600_000));
    expect(ofKind(events, 'orderFilled').map((f) => [f.clientOrderId, f.price, f.quantity])).toEqual([
      ['ioc', 99.9, 0.5],
    ]);
    expect(
      ofKind(events, 'orderCanceled').map((c) => [c.clientOrderId, c.reason, c.canceledQuantity]),
    ).toEqual([
      ['ioc', 'IOC_REMAINDER', 0.5],
      ['fok', 'FOK_NOT_FILLED', 2],
    ]);
  });
});
