// Order management by hand: cancel, modify and queue priority, reduce-only clipping, and bad
// input refused with a reason instead of a throw.
import { describe, expect, it } from 'vitest';
import { bar, buy, ofKind, sell, testVenue } from './testing';
import type { OrderRequest, VenueEvent } from './types';

function venueAt100(cap = Number.POSITIVE_INFINITY) {
  const venue = testVenue({ fillModel: { participationCap: cap } });
  venue.onBar(bar(0, 100, 101, 99.5, 100));
  return venue;
}

describe('cancel', () => {
  it('removes a resting order; it never fills; a second cancel is refused', () => {
    const venue = venueAt100();
    const { orderId } = venue.submit(buy('b1', { type: 'limit', price: 99, quantity: 1 })) as {
      orderId: string;
    };
    const out: VenueEvent[] = [];
    expect(venue.cancel(orderId, out)).toEqual({ ok: true });
    expect(out[0]).toMatchObject({
      kind: 'orderCanceled',
      reason: 'REQUESTED',
      canceledQuantity: 1,
      filledQuantity: 0,
    });
    expect(ofKind(venue.onBar(bar(1, 100, 100, 98, 99)), 'orderFilled')).toEqual([]);
    expect(venue.cancel(orderId)).toEqual({ ok: false, refusal: { code: 'ORDER_NOT_FOUND', orderId } });
    expect(venue.orderIdOf('b1')).toBeUndefined();
  });
});

describe('modify and priority', () => {
  // Budget: cap 0.1 of volume 10 = 1 lot of 1.0 per bar, so only the first in the queue fills.
  function queue() {
    const venue = venueAt100(0.1);
    const a = venue.submit(buy('a', { type: 'limit', price: 99, quantity: 2 })) as { orderId: string };
    venue.submit(buy('b', { type: 'limit', price: 99, quantity: 1 }));
    return { venue, a: a.orderId };
  }
  const firstFill = (events: VenueEvent[]) => ofKind(events, 'orderFilled')[0]?.clientOrderId;

  it('time priority at one price: the earlier order fills first', () => {
    const { venue } = queue();
    expect(firstFill(venue.onBar(bar(1, 100, 100, 98, 99, 10)))).toBe('a');
  });

  it('a smaller quantity keeps the place in the queue', () => {
    const { venue, a } = queue();
    const out: VenueEvent[] = [];
    expect(venue.modify(a, { quantity: 1 }, out)).toEqual({ ok: true });
    expect(out[0]).toMatchObject({ kind: 'orderModified', quantity: 1, price: 99, priorityKept: true });
    expect(firstFill(venue.onBar(bar(1, 100, 100, 98, 99, 10)))).toBe('a');
  });

  it('a larger quantity or a new price goes to the back', () => {
    const larger = queue();
    larger.venue.modify(larger.a, { quantity: 3 });
    expect(firstFill(larger.venue.onBar(bar(1, 100, 100, 98, 99, 10)))).toBe('b');
    const repriced = queue();
    const out: VenueEvent[] = [];
    repriced.venue.modify(repriced.a, { price: 98.9 }, out);
    expect(out[0]).toMatchObject({ price: 98.9, priorityKept: false });
    repriced.venue.modify(repriced.a, { price: 99 });
    expect(firstFill(repriced.venue.onBar(bar(1, 100, 100, 98, 99, 10)))).toBe('b');
  });

  it('refuses a quantity at or below what has filled, and post-only prices that would take', () => {
    const venue = venueAt100(0.1);
    const { orderId } = venue.submit(buy('a', { type: 'limit', price: 99, quantity: 2, postOnly: true })) as {
      orderId: string;
    };
    venue.onBar(bar(1, 100, 100, 98, 99, 10)); // fills 1 of 2
    expect(venue.modify(orderId, { quantity: 1 })).toEqual({
      ok: false,
      refusal: { code: 'QUANTITY_BELOW_FILLED', quantity: 1, filledQuantity: 1 },
    });
    expect(venue.modify(orderId, { price: 100 })).toMatchObject({
      ok: false,
      refusal: { code: 'POST_ONLY_WOULD_TAKE' },
    });
    expect(venue.modify(orderId, { price: Number.NaN })).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_PRICE' },
    });
  });
});

describe('reduce-only', () => {
  function longOf(quantity: number) {
    const venue = venueAt100();
    venue.submit(buy('open', { type: 'market', quantity }));
    venue.onBar(bar(1, 100, 101, 99.5, 100));
    return venue;
  }

  it('is clipped to the position at acceptance', () => {
    const venue = longOf(0.3);
    const out: VenueEvent[] = [];
    venue.submit(sell('r', { type: 'limit', price: 102, quantity: 0.5, reduceOnly: true }), out);
    expect(ofKind(out, 'orderAccepted')[0]).toMatchObject({ quantity: 0.3, requestedQuantity: 0.5 });
  });

  it('is refused when it would open or grow a position', () => {
    const venue = longOf(0.3);
    expect(venue.submit(buy('r', { type: 'market', quantity: 0.1, reduceOnly: true }))).toEqual({
      accepted: false,
      refusal: { code: 'REDUCE_ONLY_WOULD_INCREASE', positionQuantity: 0.3 },
    });
    const flat = venueAt100();
    expect(flat.submit(sell('r', { type: 'market', quantity: 0.1, reduceOnly: true }))).toMatchObject({
      refusal: { code: 'REDUCE_ONLY_WOULD_INCREASE', positionQuantity: 0 },
    });
  });

  it('is clipped again at fill time: two reduce-only sells never flip a long', () => {
    const venue = longOf(0.3);
    venue.submit(sell('r1', { type: 'limit', price: 101, quantity: 0.2, reduceOnly: true }));
    venue.submit(sell('r2', { type: 'limit', price: 101, quantity: 0.2, reduceOnly: true }));
    const events = venue.onBar(bar(2, 100, 102, 99.5, 101));
    expect(
      ofKind(events, 'orderFilled').map((f) => [f.clientOrderId, f.quantity, f.positionQuantity]),
    ).toEqual([
      ['r1', 0.2, 0.1],
      ['r2', 0.1, 0],
    ]);
    expect(
      ofKind(events, 'orderCanceled').map((c) => [c.clientOrderId, c.reason, c.canceledQuantity]),
    ).toEqual([['r2', 'REDUCE_ONLY_NO_POSITION', 0.1]]);
  });
});

describe('bad input is refused with a reason, never a crash', () => {
  const cases: [string, unknown, string][] = [
    ['zero quantity', buy('x', { type: 'market', quantity: 0 }), 'INVALID_QUANTITY'],
    ['negative quantity', buy('x', { type: 'market', quantity: -1 }), 'INVALID_QUANTITY'],
    ['NaN quantity', buy('x', { type: 'market', quantity: Number.NaN }), 'INVALID_QUANTITY'],
    ['NaN price', buy('x', { type: 'limit', quantity: 1, price: Number.NaN }), 'INVALID_PRICE'],
    ['missing price', buy('x', { type: 'limit', quantity: 1 }), 'INVALID_PRICE'],
    [
      'infinite trigger',
      sell('x', { type: 'stopMarket', quantity: 1, triggerPrice: Infinity }),
      'INVALID_PRICE',
    ],
    [
      'unknown symbol',
      { ...buy('x', { type: 'market', quantity: 1 }), symbol: 'NOPE/USDT:USDT' },
      'UNKNOWN_SYMBOL',
    ],
    ['below minimum size', buy('x', { type: 'market', quantity: 0.0001 }), 'BELOW_MIN_QUANTITY'],
    ['not an object', null, 'INVALID_REQUEST'],
    ['a string', 'buy 1 BTC', 'INVALID_REQUEST'],
    ['bad side', { ...buy('x', { type: 'market', quantity: 1 }), side: 'long' }, 'INVALID_REQUEST'],
    ['bad type', { ...buy('x', { type: 'market', quantity: 1 }), type: 'iceberg' }, 'INVALID_REQUEST'],
    ['empty client id', buy('', { type: 'market', quantity: 1 }), 'INVALID_REQUEST'],
    ['post-only market', buy('x', { type: 'market', quantity: 1, postOnly: true }), 'INVALID_REQUEST'],
    [
      'IOC stop',
      buy('x', { type: 'stopMarket', quantity: 1, triggerPrice: 110, timeInForce: 'IOC' }),
      'INVALID_REQUEST',
    ],
    [
      'stop that fires at once',
      buy('x', { type: 'stopMarket', quantity: 1, triggerPrice: 95 }),
      'WOULD_TRIGGER_IMMEDIATELY',
    ],
    ['more than the account holds', buy('x', { type: 'market', quantity: 100_000 }), 'INSUFFICIENT_MARGIN'],
  ];

  it.each(cases)('%s', (_name, request, code) => {
    const venue = venueAt100();
    const out: VenueEvent[] = [];
    const outcome = venue.submit(request as OrderRequest, out);
    expect(outcome).toMatchObject({ accepted: false, refusal: { code } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'orderRejected', refusal: { code } });
    // The venue carries on: a valid order after the bad one fills.
    venue.submit(buy('ok', { type: 'market', quantity: 0.1 }));
    expect(ofKind(venue.onBar(bar(1, 100, 101, 99.5, 100)), 'orderFilled')).toHaveLength(1);
  });

  it('refuses a reused client order id while the first is open, and any order before a price exists', () => {
    const venue = venueAt100();
    venue.submit(buy('same', { type: 'limit', price: 90, quantity: 1 }));
    expect(venue.submit(buy('same', { type: 'limit', price: 91, quantity: 1 }))).toMatchObject({
      refusal: { code: 'DUPLICATE_CLIENT_ORDER_ID', clientOrderId: 'same' },
    });
    expect(testVenue().submit(buy('first', { type: 'market', quantity: 1 }))).toMatchObject({
      refusal: { code: 'NO_REFERENCE_PRICE' },
    });
  });

  it('bounds the number of open orders', () => {
    const venue = testVenue({ maxOpenOrders: 2 });
    venue.onBar(bar(0, 100, 101, 99.5, 100));
    venue.submit(buy('1', { type: 'limit', price: 90, quantity: 0.1 }));
    venue.submit(buy('2', { type: 'limit', price: 90, quantity: 0.1 }));
    expect(venue.submit(buy('3', { type: 'limit', price: 90, quantity: 0.1 }))).toMatchObject({
      refusal: { code: 'TOO_MANY_OPEN_ORDERS', max: 2 },
    });
  });
});
