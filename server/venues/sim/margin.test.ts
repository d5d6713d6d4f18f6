import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCcxtLeverageTiers, type LeverageTier } from './leverage-tiers';
import {
  bankruptcyPrice,
  fundingCashFlow,
  initialMargin,
  liquidationPrice,
  maintenanceMargin,
  marginRatio,
  unrealisedPnl,
} from './margin';

const flat04: LeverageTier[] = [
  { tier: 1, minNotional: 0, maxNotional: 1e12, maintenanceMarginRate: 0.004, maxLeverage: 125, cum: 0 },
];
const btc = parseCcxtLeverageTiers(
  JSON.parse(readFileSync(new URL('./fixtures/binance-leverage-tiers.slice.json', import.meta.url), 'utf8')),
).get('BTC/USDT:USDT')!;

describe('liquidation price (unified formula)', () => {
  it('long 0.1 BTC at 50,000 with 1,000 margin and MMR 0.4% liquidates at 40,160.64', () => {
    // (1000 + 0 - 0.1*50000) / (0.1*0.004 - 0.1) = -4000 / -0.0996 = 40,160.6425...
    const lp = liquidationPrice({ quantity: 0.1, entryPrice: 50_000, walletBalance: 1_000, tiers: flat04 })!;
    expect(lp).toBeCloseTo(40_160.64, 2);
    // Same answer from the real BTC brackets (4,016 notional sits in tier 1, cum 0).
    expect(
      liquidationPrice({ quantity: 0.1, entryPrice: 50_000, walletBalance: 1_000, tiers: btc }),
    ).toBeCloseTo(40_160.64, 2);
    // At that price the margin balance equals the maintenance margin: 1000 + 0.1*(LP - 50000) = 0.1*LP*0.004 = 16.06.
    const balance = 1_000 + unrealisedPnl(0.1, 50_000, lp);
    expect(balance).toBeCloseTo(maintenanceMargin(flat04, 0.1, lp), 9);
    expect(balance).toBeCloseTo(16.06, 2);
    // Independent cross-check, Hyperliquid's form for a long: LP = (EP - margin/Q) / (1 - MMR).
    expect(lp).toBeCloseTo((50_000 - 1_000 / 0.1) / (1 - 0.004), 9);
  });

  it('short: s = -1 mirrors it', () => {
    // (1000 + 0.1*50000) / (0.0004 + 0.1) = 6000 / 0.1004 = 59,760.956...
    const lp = liquidationPrice({ quantity: -0.1, entryPrice: 50_000, walletBalance: 1_000, tiers: flat04 })!;
    expect(lp).toBeCloseTo(59_760.96, 2);
  });

  it('cross margin subtracts the other positions maintenance and adds their uPnL', () => {
    // Cross wallet 2,000; ETH position elsewhere with MM 50 and uPnL -150 => WB' = 1,800.
    // (1800 - 5000) / (0.0004 - 0.1) = 32,128.51...
    const lp = liquidationPrice({
      quantity: 0.1,
      entryPrice: 50_000,
      walletBalance: 2_000,
      otherMaintenanceMargin: 50,
      otherUnrealisedPnl: -150,
      tiers: flat04,
    })!;
    expect(lp).toBeCloseTo(3_200 / 0.0996, 6);
    expect(lp).toBeCloseTo(32_128.51, 2);
  });

  it('moves to the bracket the liquidation price falls in (cum included)', () => {
    // Long 20 BTC at 50,000 (1,000,000 notional: tier 3, MMR 0.65%, cum 950) with 200,000 margin.
    // In tier 3: (200000 + 950 - 1,000,000) / (20*0.0065 - 20) = 40,213.89 -> notional 804k, still tier 3.
    const lp = liquidationPrice({ quantity: 20, entryPrice: 50_000, walletBalance: 200_000, tiers: btc })!;
    expect(lp).toBeCloseTo((200_000 + 950 - 1_000_000) / (20 * 0.0065 - 20), 6);
    // Long 10 BTC at 62,000 (620k, tier 3) with 100,000 margin: tier-3 LP = (100000+950-620000)/(0.065-10)
    // = 52,244.6 -> 522k notional is tier 2, so recompute with MMR 0.5%, cum 50:
    // (100000 + 50 - 620000) / (0.05 - 10) = 52,256.28...
    const lp2 = liquidationPrice({ quantity: 10, entryPrice: 62_000, walletBalance: 100_000, tiers: btc })!;
    expect(lp2).toBeCloseTo((100_000 + 50 - 620_000) / (10 * 0.005 - 10), 6);
    expect(maintenanceMargin(btc, 10, lp2)).toBeCloseTo(100_000 + unrealisedPnl(10, 62_000, lp2), 6);
  });

  it('a long backed by more than its notional cannot be liquidated', () => {
    expect(
      liquidationPrice({ quantity: 0.1, entryPrice: 50_000, walletBalance: 6_000, tiers: flat04 }),
    ).toBeNull();
    expect(liquidationPrice({ quantity: 0, entryPrice: 0, walletBalance: 1, tiers: flat04 })).toBeNull();
  });
});

describe('bankruptcy price, funding, ratios', () => {
  it('without fee: EP - margin/Q; with fee the trader loses exactly the margin', () => {
    expect(bankruptcyPrice(0.1, 40_000, 1_000 + 0.1 * (40_000 - 50_000), 0)).toBeCloseTo(40_000, 9);
    // f = 0.5%: P = (50000 - 10000) / 0.995 = 40,201.005...; PnL -979.8995, fee 20.1005: total -1,000.
    const price = bankruptcyPrice(0.1, 40_160.64, 1_000 + 0.1 * (40_160.64 - 50_000), 0.005);
    expect(price).toBeCloseTo(40_000 / 0.995, 6);
    expect(0.1 * (price - 50_000) - 0.005 * 0.1 * price).toBeCloseTo(-1_000, 9);
    // Short 0.1 at 50,000, margin 1,000: (-50000 - 10000)/(-1 - 0.005) = 59,701.49
    const shortPrice = bankruptcyPrice(-0.1, 59_000, 1_000 - 0.1 * (59_000 - 50_000), 0.005);
    expect(shortPrice).toBeCloseTo(60_000 / 1.005, 6);
  });

  it('funding: a positive rate takes from longs and pays shorts, on notional at mark', () => {
    // 0.1 BTC * 40,000 * 0.01% = 0.4
    expect(fundingCashFlow(0.1, 40_000, 0.0001)).toBeCloseTo(-0.4, 12);
    expect(fundingCashFlow(-0.1, 40_000, 0.0001)).toBeCloseTo(0.4, 12);
    expect(fundingCashFlow(0.1, 40_000, -0.0001)).toBeCloseTo(0.4, 12);
  });

  it('initial margin and margin ratio', () => {
    expect(initialMargin(-0.1, 50_000, 5)).toBe(1_000);
    expect(marginRatio(20, 1_000)).toBe(0.02);
    expect(marginRatio(20, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
