// Properties over random scripts of bars, orders and cancels: no look-ahead, price-time
// priority, reduce-only never grows a position, and the same inputs give the same events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bar, hourMs, ofKind, testSymbol, testVenue } from './testing';
import type { OrderRequest, OrderType, VenueBar, VenueEvent } from './types';
import type { SimVenue } from './sim-venue';

interface BarStep {
  kind: 'bar';
  /** Moves in ticks of 0.1 relative to the last close. */
  open: number;
  up: number;
  down: number;
  close: number;
  volume: number;
}
interface OrderStep {
  kind: 'order';
  buy: boolean;
  type: OrderType;
  /** Limit or trigger distance from the last close, in ticks. */
  offset: number;
  lots: number;
  reduceOnly: boolean;
  postOnly: boolean;
  timeInForce: 'GTC' | 'IOC' | 'FOK';
  triggerPriceType: 'mark' | 'last';
}
interface CancelStep {
  kind: 'cancel';
  pick: number;
}
type Step = BarStep | OrderStep | CancelStep;

const barStep = fc.record({
  kind: fc.constant('bar' as const),
  open: fc.integer({ min: -30, max: 30 }),
  up: fc.integer({ min: 0, max: 40 }),
  down: fc.integer({ min: 0, max: 40 }),
  close: fc.integer({ min: -40, max: 40 }),
  volume: fc.integer({ min: 0, max: 20 }),
});
const orderStep = fc.record({
  kind: fc.constant('order' as const),
  buy: fc.boolean(),
  type: fc.constantFrom<OrderType>(
    'market',
    'limit',
    'limit',
    'limit',
    'stopMarket',
    'takeProfitMarket',
    'stopLimit',
  ),
  offset: fc.integer({ min: 1, max: 40 }),
  lots: fc.integer({ min: 1, max: 30 }),
  reduceOnly: fc.constantFrom(false, false, true),
  postOnly: fc.boolean(),
  timeInForce: fc.constantFrom<'GTC' | 'IOC' | 'FOK'>('GTC', 'GTC', 'GTC', 'IOC', 'FOK'),
  triggerPriceType: fc.constantFrom<'mark' | 'last'>('mark', 'last'),
});
const cancelStep = fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() });
const script = fc.array(
  fc.oneof({ weight: 3, arbitrary: barStep }, { weight: 4, arbitrary: orderStep }, cancelStep),
  { minLength: 10, maxLength: 150, size: 'max' },
);

interface Run {
  events: VenueEvent[];
  /** Bar index at which each accepted order was submitted (-1: before any bar). */
  submittedAfterBar: Map<string, number>;
  bars: VenueBar[];
  reduceOnlyIds: Set<string>;
}

function run(steps: Step[], participationCap = 0.5): Run {
  const venue: SimVenue = testVenue({ fillModel: { participationCap } });
  const events: VenueEvent[] = [];
  const submittedAfterBar = new Map<string, number>();
  const reduceOnlyIds = new Set<string>();
  const bars: VenueBar[] = [];
  const ids: string[] = [];
  let close = 1000; // ticks of 0.1 => price 100.0
  venue.onBar(bar(0, 100, 100, 100, 100), events);
  bars.push(bar(0, 100, 100, 100, 100));
  steps.forEach((step, n) => {
    if (step.kind === 'bar') {
      const open = Math.max(500, close + step.open);
      const next = Math.max(500, open + step.close);
      const high = Math.max(open, next) + step.up;
      const low = Math.max(400, Math.min(open, next) - step.down);
      const b = bar(bars.length, open / 10, high / 10, low / 10, next / 10, step.volume);
      venue.onBar(b, events);
      bars.push(b);
      close = next;
    } else if (step.kind === 'cancel') {
      if (ids.length > 0) venue.cancel(ids[step.pick % ids.length], events);
    } else {
      const sign = step.buy ? -1 : 1;
      const limitSide = step.type === 'limit' ? sign : 0;
      const request: OrderRequest = {
        clientOrderId: `c${n}`,
        symbol: testSymbol,
        side: step.buy ? 'buy' : 'sell',
        type: step.type,
        quantity: step.lots / 10,
        reduceOnly: step.reduceOnly,
        postOnly: step.postOnly && step.type === 'limit' && step.timeInForce === 'GTC',
        timeInForce: step.type === 'limit' || step.type === 'market' ? step.timeInForce : 'GTC',
      };
      // Limits sit on either side (marketable ones too); stops above for buys, below for sells.
      if (step.type === 'limit') request.price = (close + limitSide * (step.offset - 10)) / 10;
      if (step.type === 'stopLimit') request.price = (close - sign * step.offset) / 10;
      if (step.type !== 'market' && step.type !== 'limit') {
        const rises = (step.type === 'stopMarket' || step.type === 'stopLimit') === step.buy;
        request.triggerPrice = (close + (rises ? 1 : -1) * step.offset) / 10;
        request.triggerPriceType = step.triggerPriceType;
      }
      const outcome = venue.submit(request, events);
      if (outcome.accepted) {
        ids.push(outcome.orderId);
        submittedAfterBar.set(outcome.orderId, bars.length - 1);
        if (step.reduceOnly) reduceOnlyIds.add(outcome.orderId);
      }
    }
  });
  return { events, submittedAfterBar, bars, reduceOnlyIds };
}

describe('sim venue properties', () => {
  it('the random scripts reach what the properties are about', () => {
    const kinds = new Map<string, number>();
    let reduceOnlyFills = 0;
    for (const steps of fc.sample(script, { numRuns: 200, seed: 7 })) {
      const { events, reduceOnlyIds } = run(steps);
      for (const event of events) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
      reduceOnlyFills += ofKind(events, 'orderFilled').filter((fill) =>
        reduceOnlyIds.has(fill.orderId),
      ).length;
    }
    for (const kind of ['orderFilled', 'orderCanceled', 'orderTriggered', 'orderRejected'])
      expect(kinds.get(kind) ?? 0).toBeGreaterThan(20);
    expect(reduceOnlyFills).toBeGreaterThan(20);
  });

  it('no look-ahead: an order decided after bar t fills only in a later bar, inside that bar’s range', () => {
    fc.assert(
      fc.property(script, (steps) => {
        const { events, submittedAfterBar, bars } = run(steps);
        for (const fill of ofKind(events, 'orderFilled')) {
          const fillBar = fill.timeMs / hourMs;
          expect(fillBar).toBeGreaterThan(submittedAfterBar.get(fill.orderId)!);
          const { low, high } = bars[fillBar];
          expect(fill.price).toBeGreaterThanOrEqual(low);
          expect(fill.price).toBeLessThanOrEqual(high);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no look-ahead: cutting the future off does not change the past', () => {
    fc.assert(
      fc.property(script, fc.nat(), (steps, cut) => {
        const prefix = steps.slice(0, steps.length === 0 ? 0 : cut % steps.length);
        const full = run(steps).events;
        const truncated = run(prefix).events;
        expect(full.slice(0, truncated.length)).toEqual(truncated);
      }),
      { numRuns: 100 },
    );
  });

  it('determinism: the same script gives the same events, bigints included', () => {
    fc.assert(
      fc.property(script, (steps) => {
        expect(run(steps).events).toEqual(run(steps).events);
      }),
      { numRuns: 100 },
    );
  });

  it('reduce-only fills never grow or flip a position', () => {
    fc.assert(
      fc.property(script, (steps) => {
        const { events, reduceOnlyIds } = run(steps);
        let position = 0;
        for (const event of events) {
          if (event.kind === 'positionLiquidated') position = 0;
          if (event.kind !== 'orderFilled') continue;
          const before = position;
          position = event.positionQuantity;
          if (!reduceOnlyIds.has(event.orderId)) continue;
          expect(Math.abs(position)).toBeLessThan(Math.abs(before));
          expect(position === 0 || Math.sign(position) === Math.sign(before)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('price-time priority: resting buys fill best price first, then in arrival order', () => {
    const buys = fc.array(
      fc.record({ offset: fc.integer({ min: 1, max: 8 }), lots: fc.integer({ min: 1, max: 5 }) }),
      {
        minLength: 1,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(
        buys,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 60 }),
        (orders, depth, volume) => {
          const venue = testVenue({ fillModel: { participationCap: 0.5 } });
          venue.onBar(bar(0, 100, 100, 100, 100));
          const placed = orders.map((order, i) => {
            const price = 100 - order.offset / 10;
            venue.submit({
              clientOrderId: `b${i}`,
              symbol: testSymbol,
              side: 'buy',
              type: 'limit',
              price,
              quantity: order.lots / 10,
            });
            return { id: `b${i}`, price, i };
          });
          const low = 100 - depth / 10;
          const fills = ofKind(venue.onBar(bar(1, 100, 100, low, 100, volume / 10)), 'orderFilled');
          const expected = placed
            .filter((order) => order.price >= low)
            .sort((a, b) => b.price - a.price || a.i - b.i)
            .map((order) => order.id);
          const filledIds = fills.map((fill) => fill.clientOrderId);
          // The fills are the queue's head, in order (the budget may stop it early).
          expect(filledIds).toEqual(expected.slice(0, filledIds.length));
          // Bar volume volume/10 at a 50% cap: volume * 0.05 in whole lots of 0.001.
          const budget = (volume * 50) / 1000;
          const totalFilled = fills.reduce((sum, fill) => sum + fill.quantity, 0);
          const wanted = placed
            .filter((o) => o.price >= low)
            .reduce((sum, o) => sum + orders[o.i].lots / 10, 0);
          expect(totalFilled).toBeCloseTo(Math.min(budget, wanted), 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
