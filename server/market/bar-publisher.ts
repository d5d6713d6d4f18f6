// Bars for a venue worker: reads trades off a bus, builds OHLCV at its timeframes with one
// BarAggregator per symbol, and publishes each closed bar (as an `ohlcv` event, closed: true)
// to a target bus. A clock tick closes intervals no later trade has closed, `closeGraceMs`
// after they end, so a quiet market still gets its bar (trades a little late still count).
import type { MarketBus } from './bus/market-bus';
import { BarAggregator } from './bar-aggregator';
import type { OhlcvEvent, TradeEvent } from './events';
import type { Timeframe } from './timeframes';

export interface BarPublisherOptions {
  source: MarketBus;
  target: MarketBus;
  timeframes: readonly Timeframe[];
  /** Wait this long after an interval ends before closing it on the clock. */
  closeGraceMs?: number;
  /** How often the clock closes intervals. */
  tickMs?: number;
  now?: () => number;
}

/** Distinct venue and symbol pairs one publisher builds bars for. */
export const barSeriesMax = 2_000;

export class BarPublisher {
  private readonly aggregators = new Map<string, BarAggregator>();
  private readonly closed: OhlcvEvent[] = [];
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  barsPublished = 0;
  /** Trades of a pair past `barSeriesMax`: not aggregated. */
  seriesRefused = 0;

  constructor(private readonly options: BarPublisherOptions) {
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.source.subscribe('bar-publisher', (event) => {
      if (event.kind === 'trade') this.onTrade(event);
    });
    this.timer = setInterval(() => this.closeDue(), options.tickMs ?? 250);
    this.timer.unref();
  }

  get lateTrades(): number {
    let late = 0;
    for (const aggregator of this.aggregators.values()) late += aggregator.lateTrades;
    return late;
  }

  private onTrade(trade: TradeEvent): void {
    const key = `${trade.venue}|${trade.symbol}`;
    let aggregator = this.aggregators.get(key);
    if (!aggregator) {
      if (this.aggregators.size >= barSeriesMax) {
        this.seriesRefused++;
        return;
      }
      aggregator = new BarAggregator(trade.venue, trade.symbol, this.options.timeframes);
      this.aggregators.set(key, aggregator);
    }
    aggregator.onTrade(trade, this.closed);
    this.flush();
  }

  /** Closes every interval that ended more than the grace period ago. */
  closeDue(): void {
    const throughMs = this.now() - (this.options.closeGraceMs ?? 1_000);
    for (const aggregator of this.aggregators.values()) aggregator.closeThrough(throughMs, this.closed);
    this.flush();
  }

  private flush(): void {
    for (const bar of this.closed) this.options.target.publish(bar);
    this.barsPublished += this.closed.length;
    this.closed.length = 0;
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }
}
