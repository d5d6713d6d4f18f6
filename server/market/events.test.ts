import { describe, expect, it } from 'vitest';
import { checkMarketEvent, futureToleranceMs } from './events';

const nowMs = 1_700_000_000_000;
const trade = {
  kind: 'trade',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  exchangeTimeMs: nowMs - 10,
  receivedAtMs: nowMs,
  tradeId: '1',
  price: 50_000,
  amount: 0.1,
  side: 'buy',
  sideFrom: 'venue',
};

describe('checkMarketEvent', () => {
  it('accepts a well-formed trade', () => {
    expect(checkMarketEvent(trade, nowMs)).toEqual({ ok: true, event: trade });
  });

  it.each([
    ['a missing field', { ...trade, price: undefined }, 'price'],
    ['a string where a number belongs', { ...trade, amount: '0.1' }, 'amount'],
    ['a negative size', { ...trade, amount: -1 }, 'amount: must not be negative'],
    ['a zero price', { ...trade, price: 0 }, 'price: must be above zero'],
    ['an unknown kind', { ...trade, kind: 'liquidation' }, 'kind'],
    ['an extra field', { ...trade, extra: 1 }, 'event'],
  ])('refuses %s and names the field', (_what, input, reason) => {
    const result = checkMarketEvent(input, nowMs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses a time far in the future, accepts small clock skew', () => {
    expect(checkMarketEvent({ ...trade, exchangeTimeMs: nowMs + futureToleranceMs }, nowMs).ok).toBe(true);
    const far = checkMarketEvent({ ...trade, exchangeTimeMs: nowMs + 86_400_000 }, nowMs);
    expect(far).toEqual({ ok: false, reason: 'exchangeTimeMs: 86400000 ms in the future' });
  });

  it('refuses an OHLCV bar whose high and low do not bound open and close', () => {
    const bar = {
      kind: 'ohlcv',
      venue: 'v',
      symbol: 's',
      exchangeTimeMs: nowMs,
      receivedAtMs: nowMs,
      timeframe: '1m',
      openTimeMs: nowMs - 60_000,
      open: 10,
      high: 11,
      low: 9,
      close: 12,
      volume: 1,
      closed: true,
    };
    expect(checkMarketEvent(bar, nowMs)).toEqual({
      ok: false,
      reason: 'ohlcv: low/high do not bound open and close',
    });
    expect(checkMarketEvent({ ...bar, close: 10.5 }, nowMs).ok).toBe(true);
  });
});
