// The trading session by hand: one order at a time through the outbox, fills at the next bar
// under the sim venue's rules, and every figure of the ledger computed here from the
// conventions (server/venues/sim/README.md, server/trading/README.md).
import { describe, expect, it } from 'vitest';
import { createOrderIntent, type OrderIntent, type OrderSlot } from '@patchdesk/modules/sdk/ports';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { TradingSession } from './trading-session';
import { venueModelOf } from './paper-config';

const minute = 60_000;
const t0 = Date.UTC(2022, 0, 1);
const symbol = 'BTC/USDT:USDT';

function bar(index: number, open: number, high: number, low: number, close: number): Bar {
  return { timeMs: t0 + index * minute, open, high, low, close, volume: 1_000 };
}

/** The tick that delivers bar i is its close time. */
function deliver(session: TradingSession, b: Bar, intents: OrderIntent[] = []): void {
  const tick = b.timeMs + minute;
  session.beforeTick(tick, b);
  for (const intent of intents) session.feed.outbox.pushIntent(intent);
  session.afterTick(tick);
}

function session(overrides: Parameters<typeof venueModelOf>[0] = {}): TradingSession {
  return new TradingSession({
    model: venueModelOf({ slippageBps: 0, takerFee: 0.0005, makerFee: 0.0002, leverage: 10, ...overrides }),
    runKey: 'test',
  });
}

const slot = (owner: string): OrderSlot => ({ owner });

describe('trading session', () => {
  it('fills a market order at the next bar open, never the bar it was decided on, and books it', () => {
    const s = session();
    const entry = slot('orders/market');
    deliver(s, bar(0, 100, 110, 90, 100)); // warm-up: the first price
    deliver(s, bar(1, 40_000, 40_100, 39_900, 40_050), [
      createOrderIntent(entry, {
        symbol,
        side: 'buy',
        orderType: 'market',
        quantity: 0.1,
        tag: 'orders/market',
      }),
    ]);
    expect(s.records.fillCount).toBe(0); // decided on bar 1: not filled at its prices
    expect(s.feed.workingSlots.has(entry)).toBe(true);
    deliver(s, bar(2, 40_200, 40_300, 40_100, 40_250));
    const [fill] = s.records.fills();
    // next open 40,200, no slippage; taker fee 0.1 x 40,200 x 0.0005 = 2.01
    expect(fill).toMatchObject({ price: 40_200, quantity: 0.1, liquidity: 'taker', side: 'buy' });
    expect(fill.fee).toBeCloseTo(2.01, 12);
    expect(s.feed.workingSlots.has(entry)).toBe(false);
    const account = s.account();
    // marked at the close 40,250: unrealised 0.1 x (40,250 - 40,200) = 5
    expect(account).toMatchObject({ deposits: 10_000, fees: 2.01, realisedPnl: 0, unrealisedPnl: 5 });
    expect(account.cash).toBe(10_000 - 2.01);
    expect(account.equity).toBe(10_000 - 2.01 + 5);
    expect(s.feed.positions.get(symbol)?.size).toBe(0.1);
    expect(s.ledgerRefusals).toBe(0);
  });

  it('a round trip realises exit - entry less both fees; ledger and venue wallet agree to the minor unit', () => {
    const s = session({ slippageBps: 10 });
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000));
    deliver(s, bar(1, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(slot('a'), { symbol, side: 'buy', quantity: 0.25 }),
    ]);
    deliver(s, bar(2, 41_000, 41_500, 40_900, 41_200), [
      createOrderIntent(slot('b'), { symbol, side: 'sell', quantity: 0.25, reduceOnly: true }),
    ]);
    deliver(s, bar(3, 42_000, 42_100, 41_900, 42_000));
    const [buy, sell] = s.records.fills();
    // 10 bps of slippage: buy 41,000 x 1.001 = 41,041 (up to the 0.1 tick), sell 42,000 x 0.999 = 41,958
    expect(buy.price).toBe(41_041);
    expect(sell.price).toBe(41_958);
    const fees = 0.25 * 41_041 * 0.0005 + 0.25 * 41_958 * 0.0005; // 5.130125 + 5.24475
    const realised = 0.25 * (41_958 - 41_041); // 229.25
    const account = s.account();
    expect(account.realisedPnl).toBeCloseTo(realised, 8);
    expect(account.fees).toBeCloseTo(fees, 8);
    expect(account.cash).toBeCloseTo(10_000 + realised - fees, 8);
    expect(account.unrealisedPnl).toBe(0);
    // The venue's own wallet (its minor units) is the ledger's cash + margin, exactly.
    expect(s.broker.sim.snapshot().walletMinor).toBe(BigInt(Math.round(account.cash * 1e8)));
    expect(s.feed.positions.get(symbol)?.size).toBe(0);
  });

  it('refuses bad intents with a reason and keeps going', () => {
    const s = session();
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(slot('a'), { symbol, side: 'buy', quantity: -1 }),
      createOrderIntent(slot('b'), { symbol: 'DOGE/USDT:USDT', side: 'buy', quantity: 1 }),
      createOrderIntent(slot('c'), { symbol, side: 'buy', quantity: 0.0001 }),
      createOrderIntent(slot('d'), {
        symbol,
        side: 'buy',
        orderType: 'limit',
        quantity: 0.01,
        limitPrice: Number.NaN,
      }),
      createOrderIntent(slot('e'), { symbol, side: 'buy', quantity: 0.001 }), // 40 USDT < 100 minimum notional
      createOrderIntent(slot('g'), { symbol, side: 'buy', quantity: 10 }), // 400,000 at 10x needs 40,000
      createOrderIntent(slot('f'), { symbol, action: 'modify', quantity: 0.01, limitPrice: 39_000 }),
    ]);
    const codes = s.riskEvents().map((e) => e.code);
    expect(codes).toEqual([
      'QUANTITY_NOT_POSITIVE',
      'SYMBOL_UNKNOWN',
      'QUANTITY_BELOW_MIN',
      'PRICE_NOT_FINITE',
      'NOTIONAL_BELOW_MIN',
      'ORDER_NOT_WORKING',
    ]);
    // The margin is the venue's rule: refused there, with its figures.
    const rejected = s.records.orders().find((o) => o.status === 'rejected');
    expect(rejected?.reason).toMatch(/^INSUFFICIENT_MARGIN: required \d+/);
    expect(s.riskEvents()[0].message).toMatch(/quantity -1 is not above 0/);
    deliver(s, bar(1, 40_000, 40_000, 40_000, 40_000));
    expect(s.records.fillCount).toBe(0);
  });

  it('a limit order rests, is re-priced (losing nothing filled), and fills when the path touches it as maker', () => {
    const s = session();
    const limitSlot = slot('orders/limit');
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(limitSlot, {
        symbol,
        side: 'buy',
        orderType: 'limit',
        quantity: 0.01,
        limitPrice: 39_000,
      }),
    ]);
    deliver(s, bar(1, 40_000, 40_100, 39_500, 39_800), [
      createOrderIntent(limitSlot, {
        symbol,
        action: 'modify',
        side: 'buy',
        orderType: 'limit',
        quantity: 0.01,
        limitPrice: 39_600,
      }),
    ]);
    expect(s.records.fillCount).toBe(0);
    deliver(s, bar(2, 39_800, 39_900, 39_550, 39_700));
    const [fill] = s.records.fills();
    expect(fill).toMatchObject({ price: 39_600, liquidity: 'maker' });
    expect(fill.fee).toBeCloseTo(0.01 * 39_600 * 0.0002, 10); // 0.0792
  });

  it('a bracket entry places its stop-loss and take-profit when filled; one cancels the other', () => {
    const s = session();
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(slot('orders/bracket'), {
        symbol,
        side: 'buy',
        quantity: 0.01,
        stopLossPrice: 39_000,
        takeProfitPrice: 41_000,
      }),
    ]);
    deliver(s, bar(1, 40_000, 40_200, 39_900, 40_100));
    const working = s.records.workingOrders();
    expect(working.map((o) => [o.orderType, o.side, o.quantity, o.triggerPrice, o.reduceOnly])).toEqual([
      ['stop-market', 'sell', 0.01, 39_000, true],
      ['take-profit', 'sell', 0.01, 41_000, true],
    ]);
    deliver(s, bar(2, 40_100, 41_200, 40_050, 41_100)); // reaches the take-profit
    expect(s.records.workingOrders()).toEqual([]);
    const statuses = s.records.orders().map((o) => `${o.tag}:${o.status}`);
    expect(statuses).toContain('orders/bracket take-profit:filled');
    expect(statuses).toContain('orders/bracket stop-loss:canceled');
    expect(s.feed.positions.get(symbol)?.size).toBe(0);
  });

  it('pays funding at its time on the position held just before it, at the mark', () => {
    const fundingAt = t0 + 3 * minute;
    const s = new TradingSession({
      model: venueModelOf({ slippageBps: 0 }),
      runKey: 'fund',
      funding: [{ timeMs: fundingAt, rate: 0.0001 }],
      marks: [
        { timeMs: t0, price: 40_000 },
        { timeMs: fundingAt, price: 40_500 },
      ],
    });
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(slot('a'), { symbol, side: 'sell', quantity: 0.2 }),
    ]);
    deliver(s, bar(1, 40_000, 40_000, 40_000, 40_000));
    deliver(s, bar(2, 40_000, 40_000, 40_000, 40_000));
    deliver(s, bar(3, 40_500, 40_500, 40_500, 40_500)); // funding at its open
    // a short of 0.2 receives 0.2 x 40,500 x 0.0001 = 0.81
    expect(s.account().fundingPnl).toBeCloseTo(0.81, 10);
  });

  it('the kill switch cancels working orders, flattens, and sets the feed flag', () => {
    const s = session();
    deliver(s, bar(0, 40_000, 40_000, 40_000, 40_000), [
      createOrderIntent(slot('a'), { symbol, side: 'buy', quantity: 0.05 }),
      createOrderIntent(slot('b'), {
        symbol,
        side: 'buy',
        orderType: 'limit',
        quantity: 0.05,
        limitPrice: 35_000,
      }),
    ]);
    deliver(s, bar(1, 40_000, 40_000, 40_000, 40_000));
    expect(s.feed.positions.get(symbol)?.size).toBe(0.05);
    const report = s.kill({ flatten: true, source: 'risk hub' });
    expect(report).toEqual({ canceledOrders: 1, flattenOrders: 1 });
    expect(s.feed.killSwitch).toBe(true);
    deliver(s, bar(2, 40_100, 40_100, 40_100, 40_100));
    expect(s.feed.positions.get(symbol)?.size).toBe(0);
    expect(s.riskEvents().at(-1)?.code).toBe('KILL_SWITCH_ON');

    // with the switch on, a new entry is refused at the order boundary even without a gate
    deliver(s, bar(3, 40_100, 40_100, 40_100, 40_100), [
      createOrderIntent(slot('c'), { symbol, side: 'buy', quantity: 0.05 }),
    ]);
    deliver(s, bar(4, 40_100, 40_100, 40_100, 40_100));
    expect(s.feed.positions.get(symbol)?.size).toBe(0);
    expect(s.riskEvents().at(-1)).toMatchObject({ code: 'KILL_SWITCH_ON', source: 'broker' });
    // released, the same intent goes through
    s.resetKillSwitch();
    deliver(s, bar(5, 40_100, 40_100, 40_100, 40_100), [
      createOrderIntent(slot('c'), { symbol, side: 'buy', quantity: 0.05 }),
    ]);
    deliver(s, bar(6, 40_100, 40_100, 40_100, 40_100));
    expect(s.feed.positions.get(symbol)?.size).toBe(0.05);
  });
});
