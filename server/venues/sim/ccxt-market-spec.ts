// A sim market from what a real venue publishes: ccxt's unified market (loadMarkets) and its
// leverage tiers (fetchLeverageTiers), so a paper or backtest run trades on the live venue's
// tick, lot, minimums and fees. Pure: the caller fetches, this only maps and checks.
import { z } from 'zod';
import type { LeverageTier } from './leverage-tiers';
import type { MarketSpec } from './market-spec';

const positive = z.number().positive();

const ccxtMarketSchema = z
  .object({
    symbol: z.string().min(1),
    linear: z.boolean().nullish(),
    contractSize: z.number().positive().nullish(),
    precision: z.object({ price: positive, amount: positive }).loose(),
    limits: z
      .object({
        amount: z.object({ min: z.number().nonnegative().nullish() }).loose().optional(),
        cost: z.object({ min: z.number().nonnegative().nullish() }).loose().optional(),
      })
      .loose(),
    maker: z.number(),
    taker: z.number(),
  })
  .loose();

/**
 * Maps a ccxt unified linear market to a MarketSpec. `precisionMode` says how the venue's
 * `precision` reads: step sizes ('tickSize', ccxt's TICK_SIZE, e.g. binanceusdm) or a number of
 * decimals ('decimalPlaces'). Throws a message naming the field when the market does not fit
 * (inverse contracts or a contract size other than 1 are not simulated).
 */
export function marketSpecFromCcxt(
  raw: unknown,
  tiers: readonly LeverageTier[],
  precisionMode: 'tickSize' | 'decimalPlaces' = 'tickSize',
): MarketSpec {
  const parsed = ccxtMarketSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ccxt market: ${issue.path.join('.')}: ${issue.message}`);
  }
  const market = parsed.data;
  if (market.linear === false)
    throw new Error(`ccxt market: ${market.symbol}: inverse contracts are not simulated`);
  if ((market.contractSize ?? 1) !== 1)
    throw new Error(
      `ccxt market: ${market.symbol}: contractSize ${market.contractSize} is not simulated (only 1)`,
    );
  if (tiers.length === 0) throw new Error(`ccxt market: ${market.symbol}: no leverage tiers`);
  const step = (value: number) => (precisionMode === 'tickSize' ? value : 10 ** -value);
  const lotSize = step(market.precision.amount);
  return {
    symbol: market.symbol,
    tickSize: step(market.precision.price),
    lotSize,
    minQuantity: market.limits.amount?.min ?? lotSize,
    minNotional: market.limits.cost?.min ?? 0,
    makerFeeRate: market.maker,
    takerFeeRate: market.taker,
    tiers,
  };
}
