// The metrics of metrics.ts computed bar by bar, for runs too long to hold their equity curve:
// the same definitions and the same arithmetic in the same order (the test checks equality
// with computeMetrics on whole curves), holding one number per UTC day, not one per bar.
import { dayMs, sampleStd, sharpeRatio, sortinoRatio, tradingDaysPerYear, type Metrics } from './metrics';

/** A running peak and the deepest fall from it, as drawdown() in metrics.ts computes them. */
export class RunningDrawdown {
  peak = Number.NEGATIVE_INFINITY;
  peakTimeMs = 0;
  maxDrawdown = 0;
  longestMs = 0;
  underWater = false;
  lastTimeMs = 0;

  /** Adds one value; returns the drawdown at it (a fraction of the running peak, >= 0). */
  add(timeMs: number, value: number): number {
    this.lastTimeMs = timeMs;
    if (value >= this.peak) {
      if (this.underWater) this.longestMs = Math.max(this.longestMs, timeMs - this.peakTimeMs);
      this.underWater = false;
      this.peak = value;
      this.peakTimeMs = timeMs;
      return 0;
    }
    this.underWater = true;
    const fall = (this.peak - value) / this.peak;
    this.maxDrawdown = Math.max(this.maxDrawdown, fall);
    return fall;
  }

  longestDurationMs(): number {
    return this.underWater ? Math.max(this.longestMs, this.lastTimeMs - this.peakTimeMs) : this.longestMs;
  }
}

export interface FlowTotals {
  tradedNotional: number;
  feesPaid: number;
  fundingPaid: number;
  fundingReceived: number;
  liquidations: number;
}

export class MetricsStream {
  #bars = 0;
  #firstTimeMs = 0;
  #lastTimeMs = 0;
  #firstEquity = Number.NaN;
  #lastEquity = Number.NaN;
  #equitySum = 0;
  #barsInMarket = 0;
  readonly #daily: number[] = [];
  #day = 0;
  #previousDayClose = 0;
  #dayClose = 0;
  readonly equityDrawdown = new RunningDrawdown();
  readonly #closeDrawdown = new RunningDrawdown();
  #firstClose = Number.NaN;
  #lastClose = Number.NaN;
  #trades = 0;
  #wins = 0;
  #losses = 0;
  #grossWin = 0;
  #grossLoss = 0;
  #pnlSum = 0;

  /** One bar: its time, the equity at its close, its close price, whether a position was open at its close. Returns the equity drawdown. */
  bar(timeMs: number, equity: number, close: number, inMarket: boolean): number {
    if (this.#bars === 0) {
      this.#firstTimeMs = timeMs;
      this.#firstEquity = equity;
      this.#firstClose = close;
      this.#day = Math.floor(timeMs / dayMs);
      this.#previousDayClose = equity;
      this.#dayClose = equity;
    }
    const barDay = Math.floor(timeMs / dayMs);
    while (barDay > this.#day) {
      this.#daily.push(this.#dayClose / this.#previousDayClose - 1);
      this.#previousDayClose = this.#dayClose;
      this.#day++;
    }
    this.#dayClose = equity;
    this.#bars++;
    this.#lastTimeMs = timeMs;
    this.#lastEquity = equity;
    this.#lastClose = close;
    this.#equitySum += equity;
    if (inMarket) this.#barsInMarket++;
    this.#closeDrawdown.add(timeMs, close);
    return this.equityDrawdown.add(timeMs, equity);
  }

  trade(pnl: number): void {
    this.#trades++;
    this.#pnlSum += pnl;
    if (pnl > 0) {
      this.#wins++;
      this.#grossWin += pnl;
    } else if (pnl < 0) {
      this.#losses++;
      this.#grossLoss += pnl;
    }
  }

  get bars(): number {
    return this.#bars;
  }

  finish(flows: FlowTotals): Metrics {
    const n = this.#bars;
    const first = this.#firstEquity;
    const last = this.#lastEquity;
    const totalReturn = last / first - 1;
    const years = n > 1 ? (this.#lastTimeMs - this.#firstTimeMs) / dayMs / tradingDaysPerYear : 0;
    const cagr = years > 0 && last > 0 ? (last / first) ** (1 / years) - 1 : Number.NaN;
    const daily = n > 0 ? [...this.#daily, this.#dayClose / this.#previousDayClose - 1] : [];
    const maxDrawdown = this.equityDrawdown.maxDrawdown;
    const trades = this.#trades;
    return {
      totalReturn,
      cagr,
      sharpe: sharpeRatio(daily),
      sortino: sortinoRatio(daily),
      calmar: maxDrawdown > 0 ? cagr / maxDrawdown : Number.NaN,
      maxDrawdown,
      maxDrawdownDurationMs: this.equityDrawdown.longestDurationMs(),
      volatility: sampleStd(daily) * Math.sqrt(tradingDaysPerYear),
      winRate: trades > 0 ? this.#wins / trades : Number.NaN,
      profitFactor: this.#losses > 0 ? this.#grossWin / -this.#grossLoss : Number.NaN,
      expectancy: trades > 0 ? this.#pnlSum / trades : Number.NaN,
      averageWin: this.#wins > 0 ? this.#grossWin / this.#wins : Number.NaN,
      averageLoss: this.#losses > 0 ? this.#grossLoss / this.#losses : Number.NaN,
      exposure: n > 0 ? this.#barsInMarket / n : Number.NaN,
      turnover: n > 0 ? flows.tradedNotional / (this.#equitySum / n) : Number.NaN,
      fees: flows.feesPaid,
      fundingPaid: flows.fundingPaid,
      fundingReceived: flows.fundingReceived,
      liquidations: flows.liquidations,
      trades,
      buyAndHoldReturn: n > 0 ? this.#lastClose / this.#firstClose - 1 : Number.NaN,
      buyAndHoldMaxDrawdown: this.#closeDrawdown.maxDrawdown,
    };
  }
}
