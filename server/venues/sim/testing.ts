// Test helpers for the sim venue: a plain market, bars written as numbers, events by kind.
import type { LeverageTier } from './leverage-tiers';
import type { MarketSpec } from './market-spec';
import { SimVenue, type SimVenueConfig } from './sim-venue';
import type { OrderRequest, VenueBar, VenueEvent } from './types';

export const testSymbol = 'BTC/USDT:USDT';

/** One tier, MMR 0.4%, cum 0, up to 125x: the reference's worked example. */
export const flatTiers: LeverageTier[] = [
  { tier: 1, minNotional: 0, maxNotional: 1e12, maintenanceMarginRate: 0.004, maxLeverage: 125, cum: 0 },
];

export function testMarket(overrides: Partial<MarketSpec> = {}): MarketSpec {
  return {
    symbol: testSymbol,
    tickSize: 0.1,
    lotSize: 0.001,
    minQuantity: 0.001,
    minNotional: 5,
    makerFeeRate: 0.0002,
    takerFeeRate: 0.0005,
    tiers: flatTiers,
    ...overrides,
  };
}

export function testVenue(overrides: Partial<SimVenueConfig> = {}): SimVenue {
  return new SimVenue({
    markets: [testMarket()],
    initialWalletMinor: 100_000n * 100_000_000n,
    liquidationFeeRate: 0,
    ...overrides,
  });
}

export const hourMs = 3_600_000;

/** bar(i, open, high, low, close, volume): the i-th hourly bar of the test symbol. */
export function bar(
  index: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume = 1_000,
): VenueBar {
  return { symbol: testSymbol, timeMs: index * hourMs, open, high, low, close, volume };
}

export function ofKind<K extends VenueEvent['kind']>(
  events: VenueEvent[],
  kind: K,
): Extract<VenueEvent, { kind: K }>[] {
  return events.filter((event): event is Extract<VenueEvent, { kind: K }> => event.kind === kind);
}

type OrderFields = Omit<OrderRequest, 'clientOrderId' | 'symbol' | 'side'>;

export function buy(clientOrderId: string, fields: OrderFields): OrderRequest {
  return { clientOrderId, symbol: testSymbol, side: 'buy', ...fields };
}

export function sell(clientOrderId: string, fields: OrderFields): OrderRequest {
  return { clientOrderId, symbol: testSymbol, side: 'sell', ...fields };
}
