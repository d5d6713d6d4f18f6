// The newest ticker, mark price and funding per venue and symbol, for MarketHub. A row is one
// venue and symbol: its ticker, and the newest mark (with index) and funding events merged in,
// since the market panel shows them side by side although venues send them on separate
// streams. Bounded: past `keysMax` distinct keys new ones are refused (a venue flooding symbols
// cannot grow it without limit). Each change bumps a version, so a stream sends a frame only
// when something it shows changed.
import type { FundingEvent, MarkEvent, TickerEvent } from '../market/events';

export interface TickerRow {
  venue: string;
  symbol: string;
  ticker: TickerEvent | null;
  mark: MarkEvent | null;
  funding: FundingEvent | null;
}

export type BoardEvent = TickerEvent | MarkEvent | FundingEvent;

export class TickerBoard {
  static readonly keysMax = 10_000;
  private readonly latest = new Map<string, TickerRow>();
  private readonly listeners = new Set<() => void>();
  version = 0;
  refused = 0;

  update(event: BoardEvent): void {
    const key = `${event.venue}|${event.symbol}`;
    let row = this.latest.get(key);
    if (!row) {
      if (this.latest.size >= TickerBoard.keysMax) {
        this.refused++;
        return;
      }
      row = { venue: event.venue, symbol: event.symbol, ticker: null, mark: null, funding: null };
      this.latest.set(key, row);
    }
    if (event.kind === 'ticker') row.ticker = event;
    else if (event.kind === 'mark') row.mark = event;
    else row.funding = event;
    this.version++;
    for (const listener of this.listeners) listener();
  }

  row(venue: string, symbol: string): TickerRow | undefined {
    return this.latest.get(`${venue}|${symbol}`);
  }

  rows(): IterableIterator<TickerRow> {
    return this.latest.values();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
