// What the venue knows about a symbol, and the integer grid it trades on. Inside the venue a
// price is an integer number of ticks and a quantity an integer number of lots, so matching and
// priority compare integers and never floats; converting back goes through the step's decimals
// so 3 ticks of 0.1 print as 0.3, not 0.30000000000000004.
import type { LeverageTier } from './leverage-tiers';

export interface MarketSpec {
  /** Unified ccxt symbol, e.g. 'BTC/USDT:USDT'. */
  symbol: string;
  tickSize: number;
  /** Quantity step (Binance stepSize), in base units (contracts of one base unit). */
  lotSize: number;
  minQuantity: number;
  /** Minimum order notional in quote currency (quantity * price). */
  minNotional: number;
  makerFeeRate: number;
  takerFeeRate: number;
  /** Maintenance-margin brackets, lowest first (see leverage-tiers.ts). */
  tiers: readonly LeverageTier[];
}

/** Number of decimals of a step like 0.001 or 1e-8 (assumes a power-of-ten-ish step). */
export function stepDecimals(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) throw new Error(`market spec: bad step ${step}`);
  for (let decimals = 0; decimals <= 12; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 12;
}

/** The integer grid of one market, precomputed once per spec. */
export class MarketGrid {
  readonly priceDecimals: number;
  readonly quantityDecimals: number;
  /** A step as an integer count of 10^-decimals, and that power of ten. */
  private readonly tickUnits: number;
  private readonly priceScale: number;
  private readonly lotUnits: number;
  private readonly quantityScale: number;

  constructor(readonly spec: MarketSpec) {
    this.priceDecimals = stepDecimals(spec.tickSize);
    this.quantityDecimals = stepDecimals(spec.lotSize);
    this.priceScale = 10 ** this.priceDecimals;
    this.quantityScale = 10 ** this.quantityDecimals;
    this.tickUnits = Math.round(spec.tickSize * this.priceScale);
    this.lotUnits = Math.round(spec.lotSize * this.quantityScale);
  }

  /** Rounds a price to ticks: 'down', 'up' or 'nearest'. The small epsilon absorbs float noise (100.3 / 0.1). */
  ticks(price: number, mode: 'down' | 'up' | 'nearest'): number {
    const exact = price / this.spec.tickSize;
    const nearest = Math.round(exact);
    if (Math.abs(exact - nearest) < 1e-9 * Math.max(1, Math.abs(exact))) return nearest;
    if (mode === 'down') return Math.floor(exact);
    if (mode === 'up') return Math.ceil(exact);
    return nearest;
  }

  /** Quantity to whole lots, always rounded down (an order never grows by rounding). */
  lots(quantity: number): number {
    const exact = quantity / this.spec.lotSize;
    const nearest = Math.round(exact);
    if (Math.abs(exact - nearest) < 1e-9 * Math.max(1, exact)) return nearest;
    return Math.floor(exact);
  }

  /**
   * An integer count of 10^-decimals divided once by the power of ten: the double nearest the
   * decimal value, as parsing its decimal string would give, without the string.
   */
  price(ticks: number): number {
    return (ticks * this.tickUnits) / this.priceScale;
  }

  quantity(lots: number): number {
    return (lots * this.lotUnits) / this.quantityScale;
  }
}
