// Binance USD-M's leverage brackets for the paper run's default markets, copied from
// server/venues/sim/fixtures/binance-leverage-tiers.slice.json (a snapshot of 2024-10; see its
// README) as [minNotional, maxNotional, maintenanceMarginRate, maxLeverage, cum]. Bundled as
// code so the compiled server needs no data file beside it.
import type { LeverageTier } from '../../venues/sim/leverage-tiers';

type TierRow = readonly [number, number, number, number, number];

const rows: Record<string, readonly TierRow[]> = {
  'BTC/USDT:USDT': [
    [0, 50000, 0.004, 125, 0],
    [50000, 600000, 0.005, 100, 50],
    [600000, 3000000, 0.0065, 75, 950],
    [3000000, 12000000, 0.01, 50, 11450],
    [12000000, 70000000, 0.02, 25, 131450],
    [70000000, 100000000, 0.025, 20, 481450],
    [100000000, 230000000, 0.05, 10, 2981450],
    [230000000, 480000000, 0.1, 5, 14481450],
    [480000000, 600000000, 0.125, 4, 26481450],
    [600000000, 800000000, 0.15, 3, 41481450],
    [800000000, 1200000000, 0.25, 2, 121481450],
    [1200000000, 1800000000, 0.5, 1, 421481450],
  ],
  'ETH/USDT:USDT': [
    [0, 50000, 0.004, 125, 0],
    [50000, 600000, 0.005, 100, 50],
    [600000, 3000000, 0.0065, 75, 950],
    [3000000, 12000000, 0.01, 50, 11450],
    [12000000, 50000000, 0.02, 25, 131450],
    [50000000, 65000000, 0.025, 20, 381450],
    [65000000, 150000000, 0.05, 10, 2006450],
    [150000000, 320000000, 0.1, 5, 9506450],
    [320000000, 400000000, 0.125, 4, 17506450],
    [400000000, 530000000, 0.15, 3, 27506450],
    [530000000, 800000000, 0.25, 2, 80506450],
    [800000000, 1200000000, 0.5, 1, 280506450],
  ],
};

/** The tiers of a default market, or undefined for a symbol without a bundled table. */
export function bundledLeverageTiers(symbol: string): LeverageTier[] | undefined {
  return rows[symbol]?.map(([minNotional, maxNotional, maintenanceMarginRate, maxLeverage, cum], index) => ({
    tier: index + 1,
    minNotional,
    maxNotional,
    maintenanceMarginRate,
    maxLeverage,
    cum,
  }));
}
