// History for backtests with market sources: the trades, marks (with index), funding rates,
// book tops, tickers and open interest the store holds (recorded by the recorder, or imported)
// for a run's streams, as one list of market events in the merge order of
// modules/sdk/market-event-order.ts, ready for server/engine/market-replay.ts. A book top comes
// back as a one-level snapshot (the store keeps only the top); a ticker as the fields the
// market feed keeps (last, bid, ask).
import type { MarketFeedEvent } from '@patchdesk/modules/sdk/market-feed-writer';
import { mergeMarketEvents } from '@patchdesk/modules/sdk/market-event-order';
import type { Store } from '../store/open-store';

export interface StoredStream {
  venue: string;
  symbol: string;
}

/** Events a backtest holds at once; a longer span is refused (read it in parts). */
export const storedMarketEventsMax = 2_000_000;

/**
 * Events of `streams` with exchange time in [fromMs, toMs), merged. Within one millisecond a
 * stream's trades keep the order they were received in (then their venue id), its book tops
 * their venue sequence. Throws when the span holds more than `eventsMax` events.
 */
export async function readStoredMarketEvents(
  store: Store,
  streams: readonly StoredStream[],
  fromMs: number,
  toMs: number,
  eventsMax = storedMarketEventsMax,
): Promise<MarketFeedEvent[]> {
  const lists: MarketFeedEvent[][] = [];
  let total = 0;
  const limit = eventsMax + 1;
  const keep = (list: MarketFeedEvent[]) => {
    total += list.length;
    if (total > eventsMax) {
      throw new Error(
        `readStoredMarketEvents: more than ${eventsMax} stored events in [${fromMs}, ${toMs}); read a shorter span`,
      );
    }
    lists.push(list);
  };
  const from = BigInt(Math.ceil(fromMs));
  const to = BigInt(Math.ceil(toMs));
  for (const { venue, symbol } of streams) {
    const base = { venue, symbol };
    const trades = await store.db
      .selectFrom('market_trades')
      .select(['time_ms', 'price', 'amount', 'side'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .orderBy('received_at_ms')
      .orderBy('trade_id')
      .limit(limit)
      .execute();
    keep(
      trades.map((row) => ({
        ...base,
        kind: 'trade',
        exchangeTimeMs: Number(row.time_ms),
        price: row.price,
        amount: row.amount,
        side: row.side > 0 ? 'buy' : 'sell',
      })),
    );
    const marks = await store.db
      .selectFrom('market_marks')
      .select(['time_ms', 'mark_price', 'index_price'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .limit(limit)
      .execute();
    keep(
      marks.map((row) => ({
        ...base,
        kind: 'mark',
        exchangeTimeMs: Number(row.time_ms),
        markPrice: row.mark_price,
        indexPrice: row.index_price,
      })),
    );
    const funding = await store.db
      .selectFrom('market_funding')
      .select(['time_ms', 'rate', 'next_funding_time_ms'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .limit(limit)
      .execute();
    keep(
      funding.map((row) => ({
        ...base,
        kind: 'funding',
        exchangeTimeMs: Number(row.time_ms),
        rate: row.rate,
        nextFundingTimeMs: row.next_funding_time_ms === null ? null : Number(row.next_funding_time_ms),
      })),
    );
    const tops = await store.db
      .selectFrom('market_book_tops')
      .select(['time_ms', 'sequence', 'bid', 'bid_size', 'ask', 'ask_size'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .orderBy('sequence')
      .limit(limit)
      .execute();
    keep(
      tops.map((row) => ({
        ...base,
        kind: 'book',
        exchangeTimeMs: Number(row.time_ms),
        update: 'snapshot',
        sequence: Number(row.sequence),
        bids: row.bid !== null && row.bid_size !== null ? [[row.bid, row.bid_size] as const] : [],
        asks: row.ask !== null && row.ask_size !== null ? [[row.ask, row.ask_size] as const] : [],
      })),
    );
    const tickers = await store.db
      .selectFrom('market_tickers')
      .select(['time_ms', 'last', 'bid', 'ask'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .limit(limit)
      .execute();
    keep(
      tickers.map((row) => ({
        ...base,
        kind: 'ticker',
        exchangeTimeMs: Number(row.time_ms),
        last: row.last,
        bid: row.bid,
        ask: row.ask,
      })),
    );
    const openInterest = await store.db
      .selectFrom('market_open_interest')
      .select(['time_ms', 'amount', 'value'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('time_ms', '>=', from)
      .where('time_ms', '<', to)
      .orderBy('time_ms')
      .limit(limit)
      .execute();
    keep(
      openInterest.map((row) => ({
        ...base,
        kind: 'openInterest',
        exchangeTimeMs: Number(row.time_ms),
        amount: row.amount,
        value: row.value,
      })),
    );
  }
  return mergeMarketEvents(lists);
}
