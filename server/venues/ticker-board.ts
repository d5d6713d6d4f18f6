// The newest ticker per venue and symbol, for MarketHub. Bounded: past `keysMax` distinct
// keys new ones are refused (a venue flooding symbols cannot grow it without limit). Each
// change bumps a version, so a stream sends a frame only when something it shows changed.
import type { TickerEvent } from '../market/events';

export class TickerBoard {
  static readonly keysMax = 10_000;
  private readonly latest = new Map<string, TickerEvent>();
  private readonly listeners = new Set<() => void>();
  version = 0;
  refused = 0;

  update(event: TickerEvent): void {
    const key = `${event.venue}|${event.symbol}`;
    if (!this.latest.has(key) && this.latest.size >= TickerBoard.keysMax) {
      this.refused++;
      return;
    }
    this.latest.set(key, event);
    this.version++;
    for (const listener of this.listeners) listener();
  }

  tickers(): IterableIterator<TickerEvent> {
    return this.latest.values();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
