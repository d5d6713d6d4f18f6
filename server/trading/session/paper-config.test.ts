import { describe, expect, it } from 'vitest';
import { paperSymbols, venueModelOf, venueModelSchema } from './paper-config';

describe('venueModelOf', () => {
  it('has a bundled market for every symbol the schema admits', () => {
    for (const symbol of paperSymbols) {
      expect(venueModelSchema.safeParse({ symbol }).success).toBe(true);
      expect(venueModelOf({ symbol }).market.symbol).toBe(symbol);
    }
    expect(venueModelSchema.safeParse({ symbol: 'DOGE/USDT:USDT' }).success).toBe(false);
  });

  it('fills every field the config leaves out with the defaults', () => {
    const model = venueModelOf({ leverage: 5 });
    expect(model).toMatchObject({
      startingBalance: 10_000,
      slippageBps: 1,
      participationCap: 1,
      leverage: 5,
    });
    expect(model.market).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      makerFeeRate: 0.0002,
      takerFeeRate: 0.0005,
    });
  });
});
