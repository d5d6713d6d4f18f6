// Backtest metrics with published definitions (server/backtest/README.md), computed from the
// per-bar equity curve and the round-trip trades. Pure: numbers in, numbers out. A metric that
// is undefined for the input (a Sharpe ratio of a flat curve, a profit factor without losses)
// is NaN, which JSON shows as null.

export const dayMs = 86_400_000;
export const tradingDaysPerYear = 365;

export interface EquityCurve {
  /** Bar times, increasing, UTC milliseconds. */
  timeMs: ArrayLike<number>;
  /** Equity in quote currency at each bar's close (after that bar's fills, fees and funding). */
  equity: ArrayLike<number>;
}

export interface RoundTrip {
  /** Net profit in quote currency: price PnL - fees + funding. */
  pnl: number;
}

export interface MetricInputs {
  curve: EquityCurve;
  trades: readonly RoundTrip[];
  /** Bars that ended with an open position. */
  barsInMarket: number;
  /** Sum of |price x quantity| over all fills, quote currency. */
  tradedNotional: number;
  feesPaid: number;
  fundingPaid: number;
  fundingReceived: number;
  liquidations: number;
  /** Closes of the instrument over the same bars, for buy and hold. */
  closes: ArrayLike<number>;
}

export interface Metrics {
  totalReturn: number;
  cagr: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: number;
  maxDrawdownDurationMs: number;
  volatility: number;
  winRate: number;
  profitFactor: number;
  expectancy: number;
  averageWin: number;
  averageLoss: number;
  exposure: number;
  turnover: number;
  fees: number;
  fundingPaid: number;
  fundingReceived: number;
  liquidations: number;
  trades: number;
  buyAndHoldReturn: number;
  buyAndHoldMaxDrawdown: number;
}

export function computeMetrics(inputs: MetricInputs): Metrics {
  const { curve, trades } = inputs;
  const n = curve.equity.length;
  const first = n > 0 ? curve.equity[0] : Number.NaN;
  const last = n > 0 ? curve.equity[n - 1] : Number.NaN;
  const totalReturn = last / first - 1;
  const years = n > 1 ? (curve.timeMs[n - 1] - curve.timeMs[0]) / dayMs / tradingDaysPerYear : 0;
  const cagr = years > 0 && last > 0 ? (last / first) ** (1 / years) - 1 : Number.NaN;
  const daily = dailyReturns(curve);
  const { maxDrawdown, maxDrawdownDurationMs } = drawdown(curve.timeMs, curve.equity);
  const wins = trades.filter((t) => t.pnl > 0);
  const losses = trades.filter((t) => t.pnl < 0);
  const grossWin = sum(wins.map((t) => t.pnl));
  const grossLoss = sum(losses.map((t) => t.pnl));
  let equitySum = 0;
  for (let i = 0; i < n; i++) equitySum += curve.equity[i];
  return {
    totalReturn,
    cagr,
    sharpe: sharpeRatio(daily),
    sortino: sortinoRatio(daily),
    calmar: maxDrawdown > 0 ? cagr / maxDrawdown : Number.NaN,
    maxDrawdown,
    maxDrawdownDurationMs,
    volatility: sampleStd(daily) * Math.sqrt(tradingDaysPerYear),
    winRate: trades.length > 0 ? wins.length / trades.length : Number.NaN,
    profitFactor: losses.length > 0 ? grossWin / -grossLoss : Number.NaN,
    expectancy: trades.length > 0 ? sum(trades.map((t) => t.pnl)) / trades.length : Number.NaN,
    averageWin: wins.length > 0 ? grossWin / wins.length : Number.NaN,
    averageLoss: losses.length > 0 ? grossLoss / losses.length : Number.NaN,
    exposure: n > 0 ? inputs.barsInMarket / n : Number.NaN,
    turnover: n > 0 ? inputs.tradedNotional / (equitySum / n) : Number.NaN,
    fees: inputs.feesPaid,
    fundingPaid: inputs.fundingPaid,
    fundingReceived: inputs.fundingReceived,
    liquidations: inputs.liquidations,
    trades: trades.length,
    buyAndHoldReturn:
      inputs.closes.length > 0 ? inputs.closes[inputs.closes.length - 1] / inputs.closes[0] - 1 : Number.NaN,
    buyAndHoldMaxDrawdown: drawdown(curve.timeMs, inputs.closes).maxDrawdown,
  };
}

/**
 * Daily returns: the equity at the last bar of each UTC day, against the previous day's (the
 * first day against the first bar's equity). Days without a bar carry the last equity (a 0 return).
 */
export function dailyReturns(curve: EquityCurve): number[] {
  const n = curve.equity.length;
  if (n === 0) return [];
  const returns: number[] = [];
  let previous = curve.equity[0];
  let day = Math.floor(curve.timeMs[0] / dayMs);
  let dayClose = previous;
  for (let i = 0; i < n; i++) {
    const barDay = Math.floor(curve.timeMs[i] / dayMs);
    while (barDay > day) {
      returns.push(dayClose / previous - 1);
      previous = dayClose;
      day++;
    }
    dayClose = curve.equity[i];
  }
  returns.push(dayClose / previous - 1);
  return returns;
}

/** Mean over sample standard deviation, times sqrt(365); risk-free rate 0. */
export function sharpeRatio(daily: readonly number[]): number {
  const std = sampleStd(daily);
  return std > 0 ? (mean(daily) / std) * Math.sqrt(tradingDaysPerYear) : Number.NaN;
}

/** Mean over downside deviation (root mean square of min(r, 0) over all days), times sqrt(365). */
export function sortinoRatio(daily: readonly number[]): number {
  if (daily.length === 0) return Number.NaN;
  let squares = 0;
  for (const r of daily) if (r < 0) squares += r * r;
  const downside = Math.sqrt(squares / daily.length);
  return downside > 0 ? (mean(daily) / downside) * Math.sqrt(tradingDaysPerYear) : Number.NaN;
}

/**
 * Largest fall from a running peak, as a fraction of the peak, and the longest time spent below
 * a peak (from the bar that set it to the bar that regained it, or to the last bar).
 */
export function drawdown(
  timeMs: ArrayLike<number>,
  values: ArrayLike<number>,
): { maxDrawdown: number; maxDrawdownDurationMs: number } {
  let peak = Number.NEGATIVE_INFINITY;
  let peakTimeMs = 0;
  let maxDrawdown = 0;
  let longestMs = 0;
  let underWater = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value >= peak) {
      if (underWater) longestMs = Math.max(longestMs, timeMs[i] - peakTimeMs);
      underWater = false;
      peak = value;
      peakTimeMs = timeMs[i];
    } else {
      underWater = true;
      maxDrawdown = Math.max(maxDrawdown, (peak - value) / peak);
    }
  }
  if (underWater) longestMs = Math.max(longestMs, timeMs[values.length - 1] - peakTimeMs);
  return { maxDrawdown, maxDrawdownDurationMs: longestMs };
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? sum(values) / values.length : Number.NaN;
}

export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / (values.length - 1));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
