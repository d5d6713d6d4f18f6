import { describe, expect, it } from 'vitest';
import { MarketGrid, stepDecimals } from './market-spec';

const grid = new MarketGrid({
  symbol: 'T/USDT:USDT',
  tickSize: 0.1,
  lotSize: 0.001,
  minQuantity: 0.001,
  minNotional: 5,
  makerFeeRate: 0.0002,
  takerFeeRate: 0.0005,
  tiers: [],
});

describe('MarketGrid', () => {
  it('counts decimals of steps', () => {
    expect([1, 0.1, 0.001, 1e-8, 0.5, 0.25].map(stepDecimals)).toEqual([0, 1, 3, 8, 1, 2]);
  });

  it('rounds prices to ticks in the asked direction, exact values untouched by float noise', () => {
    expect(grid.ticks(100.3, 'down')).toBe(1003);
    expect(grid.ticks(100.3, 'up')).toBe(1003);
    expect(grid.ticks(100.34, 'down')).toBe(1003);
    expect(grid.ticks(100.34, 'up')).toBe(1004);
    expect(grid.ticks(100.36, 'nearest')).toBe(1004);
    expect(grid.price(3)).toBe(0.3);
    expect(grid.price(1004)).toBe(100.4);
  });

  it('rounds quantities down to lots', () => {
    expect(grid.lots(0.1)).toBe(100);
    expect(grid.lots(0.0019)).toBe(1);
    expect(grid.lots(0.0009)).toBe(0);
    expect(grid.quantity(7)).toBe(0.007);
  });
});

describe('MarketGrid back to decimals', () => {
  it('gives the same double as parsing the decimal string, for many steps and counts', () => {
    for (const step of [0.1, 0.01, 0.001, 0.0001, 1e-8, 0.5, 0.25, 1, 10]) {
      const g = new MarketGrid({ ...grid.spec, tickSize: step, lotSize: step });
      for (let n = 0; n < 20_000; n += 7) {
        const expected = Number((n * step).toFixed(g.priceDecimals));
        expect(g.price(n)).toBe(expected);
        expect(g.quantity(n)).toBe(expected);
      }
    }
  });
});
