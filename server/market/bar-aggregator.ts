// OHLCV bars from trades, at several timeframes at once, for one venue and symbol. Pure: no
// clock of its own; time advances with the trades and with `closeThrough` (the live clock's
// "this interval is over" call).
//
// Rules (documented in server/market/README.md):
// - An interval opens with its first trade: open = that trade's price; high/low the extremes;
//   close the last trade's price; volume the sum of trade amounts (base units).
// - An interval without trades gives no bar (the venues' recorded klines in our fixtures have
//   none either); a consumer that needs a continuous series carries the last close forward.
// - A bar is emitted once, when it closes: when a trade arrives in a later interval, or when
//   `closeThrough(timeMs)` is called with a time at or past the interval's end.
// - A trade older than the open interval (late delivery) cannot change a bar already emitted:
//   it is dropped and counted in `lateTrades`.
import type { OhlcvEvent, TradeEvent } from './events';
import type { Timeframe } from './timeframes';
import { timeframeMs } from './timeframes';

interface OpenBar {
  timeframe: Timeframe;
  lengthMs: number;
  /** Open time of the interval being built; NaN while none is open. */
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  lastTradeMs: number;
  lastReceivedMs: number;
}

export class BarAggregator {
  private readonly bars: OpenBar[];
  /** Trades that arrived after their interval had closed. */
  lateTrades = 0;

  constructor(
    readonly venue: string,
    readonly symbol: string,
    timeframeList: readonly Timeframe[],
  ) {
    this.bars = timeframeList.map((timeframe) => ({
      timeframe,
      lengthMs: timeframeMs[timeframe],
      openTimeMs: Number.NaN,
      open: 0,
      high: 0,
      low: 0,
      close: 0,
      volume: 0,
      lastTradeMs: 0,
      lastReceivedMs: 0,
    }));
  }

  /** Adds one trade; bars it closes are pushed to `closed` (shortest timeframe first). */
  onTrade(trade: TradeEvent, closed: OhlcvEvent[]): void {
    // Late for any timeframe means dropped for all, so longer bars always aggregate shorter ones.
    for (const bar of this.bars) {
      if (trade.exchangeTimeMs < bar.openTimeMs) {
        this.lateTrades++;
        return;
      }
    }
    for (const bar of this.bars) {
      const start = Math.floor(trade.exchangeTimeMs / bar.lengthMs) * bar.lengthMs;
      if (bar.openTimeMs === bar.openTimeMs && start > bar.openTimeMs) closed.push(this.emit(bar));
      if (bar.openTimeMs !== start) {
        bar.openTimeMs = start;
        bar.open = trade.price;
        bar.high = trade.price;
        bar.low = trade.price;
        bar.volume = 0;
      } else {
        if (trade.price > bar.high) bar.high = trade.price;
        if (trade.price < bar.low) bar.low = trade.price;
      }
      bar.close = trade.price;
      bar.volume += trade.amount;
      bar.lastTradeMs = trade.exchangeTimeMs;
      bar.lastReceivedMs = trade.receivedAtMs;
    }
  }

  /** Closes every open bar whose interval ends at or before `timeMs`. */
  closeThrough(timeMs: number, closed: OhlcvEvent[]): void {
    for (const bar of this.bars) {
      if (bar.openTimeMs === bar.openTimeMs && bar.openTimeMs + bar.lengthMs <= timeMs) {
        closed.push(this.emit(bar));
      }
    }
  }

  private emit(bar: OpenBar): OhlcvEvent {
    const event: OhlcvEvent = {
      kind: 'ohlcv',
      venue: this.venue,
      symbol: this.symbol,
      exchangeTimeMs: bar.lastTradeMs,
      receivedAtMs: bar.lastReceivedMs,
      timeframe: bar.timeframe,
      openTimeMs: bar.openTimeMs,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      closed: true,
    };
    bar.openTimeMs = Number.NaN;
    return event;
  }
}
