import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { binanceBtc, okxBtc, testMarket, writeTick } from './internal/test-market';
import { trades } from './trades';

describe('sources/trades', () => {
  it("gives the newest trade and the sums of the tick's trades, once per tick with trades", () => {
    const market = testMarket();
    const harness = createModuleHarness(trades, { stream: 0 });
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [
      { kind: 'trade', price: 100, amount: 1.5, side: 'buy' },
      { kind: 'trade', price: 101, amount: 0.5, side: 'sell' },
    ]);
    const first = harness.step({}, { market });
    expect(first.emitted).toBe(true);
    // vwap = (100 * 1.5 + 101 * 0.5) / 2 = 200.5 / 2
    expect(first.outputs).toEqual({
      price: 101,
      amount: 0.5,
      side: -1,
      count: 2,
      volume: 2,
      buyVolume: 1.5,
      sellVolume: 0.5,
      vwap: 100.25,
    });
    expect(harness.step({}, { market }).emitted).toBe(false);
    // Another stream's trades and this stream's mark are not this module's.
    writeTick(market, binanceBtc, [{ kind: 'trade', price: 7, amount: 1, side: 'buy' }]);
    writeTick(market, okxBtc, [{ kind: 'mark', markPrice: 100, indexPrice: 99 }]);
    expect(harness.step({}, { market }).emitted).toBe(false);
    writeTick(market, okxBtc, [{ kind: 'trade', price: 102, amount: 0, side: 'buy' }]);
    const zero = harness.step({}, { market });
    expect(zero.outputs).toMatchObject({ price: 102, count: 1, volume: 0, buyVolume: 0 });
    expect(zero.outputs.vwap).toBeNaN();
  });

  it('never emits without a market feed or past its streams', () => {
    expect(createModuleHarness(trades).step({}).emitted).toBe(false);
    expect(createModuleHarness(trades, { stream: 9 }).step({}, { market: testMarket() }).emitted).toBe(false);
  });
});
