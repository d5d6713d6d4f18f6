// Perpetual margin through the venue, by hand: funding sign and timing, the liquidation price
// of the reference example, liquidation along the mark path (isolated and cross), stops on
// mark versus last, the margin check at submission.
import { describe, expect, it } from 'vitest';
import { bar, buy, hourMs, ofKind, sell, testMarket, testVenue } from './testing';
import type { VenueBar } from './types';

const usdt = (amount: number) => BigInt(Math.round(amount * 100)) * 1_000_000n; // whole cents -> minor units

describe('funding', () => {
  function positioned(quantity: number) {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit((quantity > 0 ? buy : sell)('open', { type: 'market', quantity: Math.abs(quantity) }));
    venue.onBar(bar(1, 100, 101, 99, 100));
    return venue;
  }

  it('a positive rate takes from longs and pays shorts, on notional at the mark', () => {
    // Long 1 at mark 100, rate 0.01%: pays 1 * 100 * 0.0001 = 0.01 USDT = 1,000,000 minor units.
    const long = positioned(1);
    const [paid] = ofKind(long.onFunding('BTC/USDT:USDT', 2 * hourMs, 0.0001), 'fundingPaid');
    expect(paid).toMatchObject({
      rate: 0.0001,
      markPrice: 100,
      positionQuantity: 1,
      amountMinor: -1_000_000n,
    });
    expect(paid.amount).toBeCloseTo(-0.01, 15);
    const short = positioned(-1);
    expect(ofKind(short.onFunding('BTC/USDT:USDT', 2 * hourMs, 0.0001), 'fundingPaid')[0].amountMinor).toBe(
      1_000_000n,
    );
    // A negative rate: longs receive.
    expect(ofKind(long.onFunding('BTC/USDT:USDT', 3 * hourMs, -0.0002), 'fundingPaid')[0].amountMinor).toBe(
      2_000_000n,
    );
  });

  it('uses the mark series when given: 1 * 120 * 0.0001 = 0.012', () => {
    const venue = positioned(1);
    venue.onMark('BTC/USDT:USDT', 2 * hourMs, 120);
    expect(ofKind(venue.onFunding('BTC/USDT:USDT', 2 * hourMs, 0.0001), 'fundingPaid')[0].amountMinor).toBe(
      -1_200_000n,
    );
  });

  it('is paid by the position held just before its time, not one opened by the bar starting then', () => {
    const venue = testVenue();
    venue.onBar(bar(7, 100, 101, 99, 100));
    venue.submit(buy('open', { type: 'market', quantity: 1 }));
    // Funding at 08:00 comes before the 08:00 bar, whose open fills the order: nothing to pay.
    expect(venue.onFunding('BTC/USDT:USDT', 8 * hourMs, 0.0001)).toEqual([]);
    venue.onBar(bar(8, 100, 101, 99, 100));
    expect(ofKind(venue.onFunding('BTC/USDT:USDT', 16 * hourMs, 0.0001), 'fundingPaid')).toHaveLength(1);
  });
});

describe('isolated liquidation along the mark path', () => {
  // Long 0.1 at 50,000 with 5x isolated: margin 1,000; MMR 0.4% => LP 40,160.64.
  function isolatedLong(liquidationFeeRate: number) {
    const venue = testVenue({ initialWalletMinor: usdt(10_000), liquidationFeeRate });
    expect(venue.setMarginMode('BTC/USDT:USDT', 'isolated')).toEqual({ ok: true });
    expect(venue.setLeverage('BTC/USDT:USDT', 5)).toEqual({ ok: true });
    venue.onBar(bar(0, 50_000, 50_100, 49_900, 50_000));
    venue.submit(buy('open', { type: 'market', quantity: 0.1 }));
    const opened = venue.onBar(bar(1, 50_000, 50_050, 49_950, 50_000));
    expect(ofKind(opened, 'isolatedMarginChanged')[0]).toMatchObject({
      deltaMinor: usdt(1_000),
      isolatedMarginMinor: usdt(1_000),
    });
    return venue;
  }

  it('reports the unified-formula liquidation price: 40,160.64', () => {
    const [position] = isolatedLong(0).snapshot().positions;
    expect(position.liquidationPrice).toBeCloseTo(40_160.64, 2);
    expect(position).toMatchObject({
      marginMode: 'isolated',
      leverage: 5,
      quantity: 0.1,
      entryPrice: 50_000,
    });
  });

  it('survives a low above it and is closed at the bankruptcy price when the mark crosses it', () => {
    const venue = isolatedLong(0);
    // At 40,200: balance 1000 - 980 = 20 > maintenance 0.1 * 40,200 * 0.4% = 16.08.
    expect(ofKind(venue.onBar(bar(2, 45_000, 45_100, 40_200, 41_000)), 'positionLiquidated')).toEqual([]);
    venue.submit(sell('tp', { type: 'limit', price: 60_000, quantity: 0.1, reduceOnly: true }));
    // Path 41,000 -> 41,100 -> 40,100 -> 40,500: at 40,100 balance 10 < 16.04.
    const events = venue.onBar(bar(3, 41_000, 41_100, 40_100, 40_500));
    const [liquidated] = ofKind(events, 'positionLiquidated');
    // No fee: closes at EP - margin/Q = 50,000 - 10,000 = 40,000 and loses exactly the margin.
    expect(liquidated).toMatchObject({
      marginMode: 'isolated',
      quantity: 0.1,
      markPrice: 40_100,
      liquidationFeeMinor: 0n,
    });
    expect(liquidated.bankruptcyPrice).toBeCloseTo(40_000, 9);
    expect(liquidated.liquidationPrice).toBeCloseTo(40_160.64, 2);
    expect(liquidated.realisedPnlMinor).toBe(-usdt(1_000));
    expect(ofKind(events, 'orderCanceled')).toMatchObject([{ clientOrderId: 'tp', reason: 'LIQUIDATION' }]);
    // Wallet: 10,000 - 2.5 taker fee on the open (5,000 * 0.05%) - 1,000 margin.
    expect(venue.snapshot()).toMatchObject({ walletMinor: usdt(8_997.5), positions: [] });
  });

  it('with a 0.3% fee the closing price leaves room for the fee: still exactly the margin lost', () => {
    const venue = isolatedLong(0.003);
    const [liquidated] = ofKind(venue.onBar(bar(2, 41_000, 41_100, 40_100, 40_500)), 'positionLiquidated');
    // P = (50,000 - 1,000/0.1) / (1 - 0.003) = 40,120.361...; fee = 0.1 * P * 0.3% = 12.03610832.
    expect(liquidated.bankruptcyPrice).toBeCloseTo(40_000 / 0.997, 6);
    expect(liquidated.liquidationFeeMinor).toBe(1_203_610_832n);
    expect(liquidated.realisedPnlMinor - liquidated.liquidationFeeMinor).toBe(-usdt(1_000));
    expect(venue.snapshot().walletMinor).toBe(usdt(8_997.5));
  });

  it('follows the mark path, not the last price', () => {
    const venue = isolatedLong(0);
    const lastDipsMarkHolds: VenueBar = {
      ...bar(2, 41_000, 41_100, 40_100, 40_500),
      mark: { open: 41_000, high: 41_100, low: 40_300, close: 40_500 },
    };
    expect(ofKind(venue.onBar(lastDipsMarkHolds), 'positionLiquidated')).toEqual([]);
    const markDips: VenueBar = {
      ...bar(3, 41_000, 41_100, 40_500, 40_600),
      mark: { open: 41_000, high: 41_100, low: 40_150, close: 40_600 },
    };
    expect(ofKind(venue.onBar(markDips), 'positionLiquidated')[0].markPrice).toBe(40_150);
  });
});

describe('cross liquidation', () => {
  it('uses the whole cross wallet: LP = (1,997.5 - 5,000) / (0.0004 - 0.1), the wallet ends at zero', () => {
    const venue = testVenue({ initialWalletMinor: usdt(2_000), liquidationFeeRate: 0.003 });
    venue.onBar(bar(0, 50_000, 50_100, 49_900, 50_000));
    venue.submit(buy('open', { type: 'market', quantity: 0.1 }));
    venue.onBar(bar(1, 50_000, 50_050, 49_950, 50_000)); // fee 2.5 => wallet 1,997.5
    const [position] = venue.snapshot().positions;
    expect(position.liquidationPrice).toBeCloseTo(-3_002.5 / -0.0996, 6); // 30,145.58
    expect(ofKind(venue.onBar(bar(2, 35_000, 35_100, 30_200, 31_000)), 'positionLiquidated')).toEqual([]);
    const [liquidated] = ofKind(venue.onBar(bar(3, 31_000, 31_100, 30_100, 30_500)), 'positionLiquidated');
    // P = (50,000 - 1,997.5/0.1) / (1 - 0.003) = 30,115.346...; fee = 0.1 * P * 0.3% = 9.03460381.
    expect(liquidated).toMatchObject({
      marginMode: 'cross',
      markPrice: 30_100,
      liquidationFeeMinor: 903_460_381n,
    });
    expect(liquidated.bankruptcyPrice).toBeCloseTo(30_025 / 0.997, 6);
    expect(venue.snapshot().walletMinor).toBe(0n);
  });
});

describe('cross liquidation with two positions', () => {
  it('shares the cross balance by maintenance margin and leaves the wallet at exactly zero', () => {
    const eth = 'ETH/USDT:USDT';
    const venue = testVenue({
      markets: [testMarket(), testMarket({ symbol: eth })],
      initialWalletMinor: usdt(1_004),
      liquidationFeeRate: 0,
    });
    const ethBar = (i: number, price: number) => ({ ...bar(i, price, price, price, price), symbol: eth });
    venue.onBar(bar(0, 50_000, 50_000, 50_000, 50_000));
    venue.onBar(ethBar(0, 3_000));
    venue.submit(buy('btc', { type: 'market', quantity: 0.1 }));
    venue.submit({ clientOrderId: 'eth', symbol: eth, side: 'sell', type: 'market', quantity: 1 });
    venue.onBar(bar(1, 50_000, 50_000, 50_000, 50_000));
    venue.onBar(ethBar(1, 3_000)); // fees 2.5 + 1.5: cross wallet 1,000
    // BTC falls to 40,200: balance 1000 + 0.1 * (40,200 - 50,000) = 20 < MM 16.08 (BTC) + 12 (ETH).
    const liquidated = ofKind(venue.onBar(bar(2, 45_000, 45_100, 40_200, 41_000)), 'positionLiquidated');
    expect(liquidated.map((l) => [l.symbol, l.marginMode, l.quantity, l.markPrice])).toEqual([
      ['BTC/USDT:USDT', 'cross', 0.1, 40_200],
      [eth, 'cross', -1, 3_000],
    ]);
    // Shares 20 * 16.08/28.08 and 20 * 12/28.08; BTC closes at 40,200 - share/0.1, ETH at 3,000 + share.
    expect(liquidated[0].bankruptcyPrice).toBeCloseTo(40_200 - (20 * 16.08) / 28.08 / 0.1, 6);
    expect(liquidated[1].bankruptcyPrice).toBeCloseTo(3_000 + (20 * 12) / 28.08, 6);
    expect(liquidated[0].realisedPnlMinor + liquidated[1].realisedPnlMinor).toBe(-usdt(1_000));
    expect(venue.snapshot()).toMatchObject({ walletMinor: 0n, positions: [] });
  });
});

describe('stops on mark versus last', () => {
  function longWithStop(triggerPriceType: 'mark' | 'last') {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('open', { type: 'market', quantity: 1 }));
    venue.onBar(bar(1, 100, 101, 99, 100));
    venue.submit(
      sell('stop', { type: 'stopMarket', triggerPrice: 95, triggerPriceType, quantity: 1, reduceOnly: true }),
    );
    return venue;
  }
  // Last dips to 94 while the mark only reaches 96.
  const lastDips: VenueBar = {
    ...bar(2, 100, 101, 94, 97),
    mark: { open: 100, high: 101, low: 96, close: 97 },
  };
  // Mark dips to 94 while last only reaches 96: paths 100 -> 101 -> 96|94 -> 98|97.
  const markDips: VenueBar = {
    ...bar(2, 100, 101, 96, 98),
    mark: { open: 100, high: 101, low: 94, close: 97 },
  };

  it('a last-price stop fires on the last path and fills at its trigger', () => {
    const events = longWithStop('last').onBar(lastDips);
    expect(ofKind(events, 'orderTriggered')[0]).toMatchObject({
      triggerPriceType: 'last',
      observedPrice: 95,
    });
    expect(ofKind(events, 'orderFilled')[0]).toMatchObject({
      price: 95,
      liquidity: 'taker',
      positionQuantity: 0,
    });
    expect(ofKind(longWithStop('last').onBar(markDips), 'orderTriggered')).toEqual([]);
  });

  it('a mark-price stop fires on the mark path and fills at the last price of that moment', () => {
    const events = longWithStop('mark').onBar(markDips);
    expect(ofKind(events, 'orderTriggered')[0]).toMatchObject({
      triggerPriceType: 'mark',
      observedPrice: 94,
    });
    expect(ofKind(events, 'orderFilled')[0]).toMatchObject({ price: 96, liquidity: 'taker' });
    expect(ofKind(longWithStop('mark').onBar(lastDips), 'orderTriggered')).toEqual([]);
  });

  it('take-profit and stop-limit: a sell TP fires on the way up, a marketable stop-limit fills at the trigger', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('open', { type: 'market', quantity: 2 }));
    venue.onBar(bar(1, 100, 101, 99, 100));
    venue.submit(sell('tp', { type: 'takeProfitMarket', triggerPrice: 104, quantity: 1, reduceOnly: true }));
    venue.submit(
      sell('sl', { type: 'stopLimit', triggerPrice: 98, price: 97, quantity: 1, reduceOnly: true }),
    );
    // Path 100 -> 104 (4 away, nearer than 95) -> 95 -> 99: the TP fires at 104 and fills there;
    // the stop fires at 98, where its sell limit of 97 is marketable, so it fills at 98.
    const events = venue.onBar(bar(2, 100, 104, 95, 99));
    expect(ofKind(events, 'orderFilled').map((f) => [f.clientOrderId, f.price])).toEqual([
      ['tp', 104],
      ['sl', 98],
    ]);
  });
});

describe('a stop-limit that is not marketable where it fires', () => {
  it('rests at its limit and fills there later as a maker', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('open', { type: 'market', quantity: 1 }));
    venue.onBar(bar(1, 100, 101, 99, 100));
    venue.submit(
      sell('sl', { type: 'stopLimit', triggerPrice: 98, price: 99, quantity: 1, reduceOnly: true }),
    );
    // Path 100 -> 101 -> 96 -> 99.5: fires at 98 (a sell limit of 99 is above 98: rests), fills at 99 on the way up.
    const events = venue.onBar(bar(2, 100, 101, 96, 99.5));
    expect(ofKind(events, 'orderTriggered')[0]).toMatchObject({ observedPrice: 98 });
    expect(ofKind(events, 'orderFilled')[0]).toMatchObject({
      price: 99,
      liquidity: 'maker',
      positionQuantity: 0,
    });
  });
});

describe('margin at submission', () => {
  it('refuses an order whose initial margin exceeds the available balance', () => {
    const venue = testVenue({ initialWalletMinor: usdt(100) });
    venue.onBar(bar(0, 50_000, 50_100, 49_900, 50_000));
    // 0.1 * 50,000 / 10x = 500 > 100.
    expect(venue.submit(buy('big', { type: 'market', quantity: 0.1 }))).toEqual({
      accepted: false,
      refusal: { code: 'INSUFFICIENT_MARGIN', required: 500, available: 100 },
    });
    // An open order holds margin too: 0.01 * 49,000 / 10x = 49.
    venue.submit(buy('a', { type: 'limit', price: 49_000, quantity: 0.01 }));
    expect(venue.availableBalance()).toBeCloseTo(100 - 49, 9);
  });

  it('refuses leverage above the tier of the resulting notional', () => {
    const venue = testVenue({
      markets: [
        testMarket({
          tiers: [
            {
              tier: 1,
              minNotional: 0,
              maxNotional: 50_000,
              maintenanceMarginRate: 0.004,
              maxLeverage: 125,
              cum: 0,
            },
            {
              tier: 2,
              minNotional: 50_000,
              maxNotional: 1e9,
              maintenanceMarginRate: 0.005,
              maxLeverage: 100,
              cum: 50,
            },
          ],
        }),
      ],
    });
    venue.setLeverage('BTC/USDT:USDT', 125);
    venue.onBar(bar(0, 50_000, 50_100, 49_900, 50_000));
    expect(venue.submit(buy('ok', { type: 'market', quantity: 1 })).accepted).toBe(true);
    expect(venue.submit(buy('big', { type: 'market', quantity: 2 }))).toMatchObject({
      refusal: { code: 'LEVERAGE_EXCEEDS_TIER_MAX', leverage: 125, maxLeverage: 100, notional: 100_000 },
    });
  });
});

describe('inputs between bars and broken inputs', () => {
  it('a mark point between bars fires a mark stop; it fills at the next open', () => {
    const venue = testVenue();
    venue.onBar(bar(0, 100, 101, 99, 100));
    venue.submit(buy('open', { type: 'market', quantity: 1 }));
    venue.onBar(bar(1, 100, 101, 99, 100));
    venue.submit(
      sell('stop', { type: 'stopMarket', triggerPrice: 95, triggerPriceType: 'mark', quantity: 1 }),
    );
    const marked = venue.onMark('BTC/USDT:USDT', 2 * hourMs, 94.5);
    expect(marked.map((e) => e.kind)).toEqual(['orderTriggered']);
    expect(ofKind(venue.onBar(bar(2, 96, 97, 95.5, 96.5)), 'orderFilled')[0]).toMatchObject({
      price: 96,
      liquidity: 'taker',
    });
  });

  it('throws, naming the input, on a broken bar or time going backwards (our bug, not a refusal)', () => {
    const venue = testVenue();
    venue.onBar(bar(5, 100, 101, 99, 100));
    expect(() => venue.onBar(bar(6, 100, 99, 101, 100))).toThrow(/not a valid OHLCV bar/);
    expect(() => venue.onBar(bar(7, Number.NaN, 101, 99, 100))).toThrow(/not a valid OHLCV bar/);
    expect(() => venue.onBar(bar(4, 100, 101, 99, 100))).toThrow(/is not after the last/);
    expect(() => venue.onMark('BTC/USDT:USDT', 0, 100)).toThrow(/before venue time/);
    expect(() => venue.onFunding('BTC/USDT:USDT', 6 * hourMs, Number.NaN)).toThrow(/funding rate/);
    expect(() => venue.onMark('NOPE', 6 * hourMs, 100)).toThrow(/unknown symbol NOPE/);
  });
});
