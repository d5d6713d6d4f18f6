import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cumFromBrackets,
  maintenanceMarginFor,
  parseCcxtLeverageTiers,
  tierForNotional,
} from './leverage-tiers';

const fixture: unknown = JSON.parse(
  readFileSync(new URL('./fixtures/binance-leverage-tiers.slice.json', import.meta.url), 'utf8'),
);
const tiers = parseCcxtLeverageTiers(fixture);
const btc = tiers.get('BTC/USDT:USDT')!;

describe('leverage tiers (Binance brackets, ccxt shape)', () => {
  it('reads the BTC brackets of the reference: 0.4% .. 50%, 12 tiers', () => {
    expect(btc).toHaveLength(12);
    expect(btc.map((t) => t.maintenanceMarginRate)).toEqual([
      0.004, 0.005, 0.0065, 0.01, 0.02, 0.025, 0.05, 0.1, 0.125, 0.15, 0.25, 0.5,
    ]);
    expect(btc[2]).toMatchObject({ minNotional: 600_000, maxNotional: 3_000_000, maxLeverage: 75, cum: 950 });
  });

  it("the venue's cum matches cum_n = floor_n * (MMR_n - MMR_n-1) + cum_n-1 on every shipped tier", () => {
    // By hand for BTC: 50,000*0.001 = 50; 50 + 600,000*0.0015 = 950; 950 + 3,000,000*0.0035 = 11,450.
    expect(btc.slice(0, 4).map((t) => t.cum)).toEqual([0, 50, 950, 11_450]);
    for (const [, rows] of tiers) {
      const computed = cumFromBrackets(rows);
      rows.forEach((row, i) => expect(row.cum).toBeCloseTo(computed[i], 6));
    }
  });

  it('looks up the tier by notional (edges belong to the lower tier) and subtracts cum', () => {
    expect(tierForNotional(btc, 50_000).tier).toBe(1);
    expect(tierForNotional(btc, 50_000.01).tier).toBe(2);
    expect(tierForNotional(btc, -1_000_000).tier).toBe(3);
    // 1,000,000 * 0.65% - 950 = 5,550; continuous at the 600,000 edge: 600,000*0.5% - 50 = 2,950 = 600,000*0.65% - 950.
    expect(maintenanceMarginFor(btc, 1_000_000)).toBeCloseTo(5_550, 9);
    expect(maintenanceMarginFor(btc, 600_000)).toBeCloseTo(2_950, 9);
    expect(maintenanceMarginFor(btc, 600_000.000001)).toBeCloseTo(2_950, 4);
    // 5,000 notional in tier 1: 5,000 * 0.4% = 20.
    expect(maintenanceMarginFor(btc, 5_000)).toBeCloseTo(20, 12);
    expect(tierForNotional(btc, 5e12).tier).toBe(12);
  });

  it('refuses a malformed table with the symbol and field named', () => {
    expect(() => parseCcxtLeverageTiers({ 'X/USDT:USDT': [{ tier: 1, minNotional: -1 }] })).toThrow(
      /X\/USDT:USDT\.0\.minNotional/,
    );
    expect(() =>
      parseCcxtLeverageTiers({
        'X/USDT:USDT': [
          { tier: 1, minNotional: 0, maxNotional: 10, maintenanceMarginRate: 0.01, maxLeverage: 50 },
          { tier: 2, minNotional: 20, maxNotional: 30, maintenanceMarginRate: 0.02, maxLeverage: 25 },
        ],
      }),
    ).toThrow(/tier 2 does not start/);
  });
});
