// Checks on the venue's market-data inputs. A broken bar is a bug upstream (bad data or a
// broken feed), so it throws with the symbol and time, never half-applies.
import type { BookSnapshot } from './book-walk';
import type { VenueBar } from './types';

export function checkBar(bar: VenueBar): void {
  const numbers = [bar.open, bar.high, bar.low, bar.close];
  const ok =
    numbers.every((n) => Number.isFinite(n) && n > 0) &&
    bar.low <= Math.min(bar.open, bar.close) &&
    bar.high >= Math.max(bar.open, bar.close) &&
    Number.isFinite(bar.volume) &&
    bar.volume >= 0;
  if (!ok) throw new Error(`sim venue: ${bar.symbol} bar at ${bar.timeMs} is not a valid OHLCV bar`);
  if (bar.mark) {
    const m = bar.mark;
    if (
      ![m.open, m.high, m.low, m.close].every((n) => Number.isFinite(n) && n > 0) ||
      m.low > Math.min(m.open, m.close) ||
      m.high < Math.max(m.open, m.close)
    )
      throw new Error(`sim venue: ${bar.symbol} mark bar at ${bar.timeMs} is not a valid OHLC bar`);
  }
}

export function checkBook(book: BookSnapshot): void {
  for (const side of [book.bids, book.asks])
    for (const [price, amount] of side)
      if (!(Number.isFinite(price) && price > 0 && Number.isFinite(amount) && amount >= 0))
        throw new Error(
          `sim venue: ${book.symbol} book at ${book.timeMs} has a bad level [${price}, ${amount}]`,
        );
}
