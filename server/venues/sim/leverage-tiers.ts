// Tiered maintenance margin, read from ccxt's fetchLeverageTiers shape (Binance's brackets).
// A position of notional N sits in the first tier whose maxNotional >= N; its maintenance
// margin is N * MMR - cum, where cum (Binance's "maintenance amount") makes the margin
// continuous across bracket edges: cum_n = floor_n * (MMR_n - MMR_(n-1)) + cum_(n-1).
import { z } from 'zod';

export interface LeverageTier {
  tier: number;
  minNotional: number;
  maxNotional: number;
  maintenanceMarginRate: number;
  maxLeverage: number;
  /** Maintenance amount subtracted from notional * MMR, in quote currency. */
  cum: number;
}

const ccxtTierSchema = z.object({
  tier: z.number(),
  minNotional: z.number().nonnegative(),
  maxNotional: z.number().positive(),
  maintenanceMarginRate: z.number().min(0).max(1),
  maxLeverage: z.number().positive(),
  info: z
    .object({ cum: z.union([z.string(), z.number()]).optional() })
    .loose()
    .optional(),
});

const ccxtTiersBySymbolSchema = z.record(z.string(), z.array(ccxtTierSchema).min(1));

/** The cum of each tier computed from the brackets alone (the formula above). */
export function cumFromBrackets(
  tiers: readonly Pick<LeverageTier, 'minNotional' | 'maintenanceMarginRate'>[],
): number[] {
  const cums: number[] = [];
  for (let i = 0; i < tiers.length; i++) {
    const previousRate = i === 0 ? 0 : tiers[i - 1].maintenanceMarginRate;
    const previousCum = i === 0 ? 0 : cums[i - 1];
    cums.push(tiers[i].minNotional * (tiers[i].maintenanceMarginRate - previousRate) + previousCum);
  }
  return cums;
}

/**
 * Parses `{ symbol: ccxtTier[] }` (the fetchLeverageTiers result). `cum` comes from the venue's
 * `info.cum` when present, else from the bracket formula. Throws a message naming the symbol
 * and field on bad input.
 */
export function parseCcxtLeverageTiers(raw: unknown): Map<string, LeverageTier[]> {
  const parsed = ccxtTiersBySymbolSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`leverage tiers: ${issue.path.join('.')}: ${issue.message}`);
  }
  const bySymbol = new Map<string, LeverageTier[]>();
  for (const [symbol, rows] of Object.entries(parsed.data)) {
    const sorted = [...rows].sort((a, b) => a.minNotional - b.minNotional);
    const computed = cumFromBrackets(sorted);
    const tiers = sorted.map((row, i) => {
      const venueCum = row.info?.cum === undefined ? Number.NaN : Number(row.info.cum);
      return {
        tier: row.tier,
        minNotional: row.minNotional,
        maxNotional: row.maxNotional,
        maintenanceMarginRate: row.maintenanceMarginRate,
        maxLeverage: row.maxLeverage,
        cum: Number.isFinite(venueCum) ? venueCum : computed[i],
      };
    });
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i].minNotional !== tiers[i - 1].maxNotional) {
        throw new Error(
          `leverage tiers: ${symbol}: tier ${tiers[i].tier} does not start where the last ended`,
        );
      }
    }
    bySymbol.set(symbol, tiers);
  }
  return bySymbol;
}

/** The tier holding a position of this absolute notional; past the last tier, the last one. */
export function tierForNotional(tiers: readonly LeverageTier[], notional: number): LeverageTier {
  const absolute = Math.abs(notional);
  for (const tier of tiers) if (absolute <= tier.maxNotional) return tier;
  return tiers[tiers.length - 1];
}

/** Maintenance margin of a position of this notional: |N| * MMR - cum of its tier. */
export function maintenanceMarginFor(tiers: readonly LeverageTier[], notional: number): number {
  const tier = tierForNotional(tiers, notional);
  return Math.abs(notional) * tier.maintenanceMarginRate - tier.cum;
}
