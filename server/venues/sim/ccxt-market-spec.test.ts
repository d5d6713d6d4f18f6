import { describe, expect, it } from 'vitest';
import { marketSpecFromCcxt } from './ccxt-market-spec';
import { flatTiers } from './testing';

// A ccxt unified linear market with the fields the sim reads (illustrative values).
const btc = {
  symbol: 'BTC/USDT:USDT',
  type: 'swap',
  linear: true,
  contractSize: 1,
  precision: { price: 0.1, amount: 0.001 },
  limits: { amount: { min: 0.001, max: 1000 }, cost: { min: 100 } },
  maker: 0.0002,
  taker: 0.0005,
};

describe('marketSpecFromCcxt', () => {
  it('maps tick, lot, minimums and fees', () => {
    expect(marketSpecFromCcxt(btc, flatTiers)).toEqual({
      symbol: 'BTC/USDT:USDT',
      tickSize: 0.1,
      lotSize: 0.001,
      minQuantity: 0.001,
      minNotional: 100,
      makerFeeRate: 0.0002,
      takerFeeRate: 0.0005,
      tiers: flatTiers,
    });
  });

  it('reads decimal-places precision and defaults missing minimums', () => {
    const spec = marketSpecFromCcxt(
      { ...btc, precision: { price: 2, amount: 3 }, limits: {} },
      flatTiers,
      'decimalPlaces',
    );
    expect(spec).toMatchObject({ tickSize: 0.01, lotSize: 0.001, minQuantity: 0.001, minNotional: 0 });
  });

  it('refuses what it cannot simulate, naming the field', () => {
    expect(() => marketSpecFromCcxt({ ...btc, precision: { price: -1, amount: 1 } }, flatTiers)).toThrow(
      /precision\.price/,
    );
    expect(() => marketSpecFromCcxt({ ...btc, linear: false }, flatTiers)).toThrow(/inverse/);
    expect(() => marketSpecFromCcxt({ ...btc, contractSize: 100 }, flatTiers)).toThrow(/contractSize 100/);
    expect(() => marketSpecFromCcxt(btc, [])).toThrow(/no leverage tiers/);
  });
});
