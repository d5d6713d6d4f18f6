// History for backtests: the bars the store holds (recorded, imported or fetched) as the
// columnar bars the engine runs on (bar-columns.ts).
import type { Store } from '../store/open-store';
import { BarColumnsBuilder, type BarColumns } from './bar-columns';

/** Rows read per query: the columns grow as they come, the result set never holds them all. */
const pageRows = 50_000;

/**
 * The trade-price ('last') bars of `venue` `symbol` at `timeframe` (a ccxt name such as "1m")
 * whose open time is in [fromMs, toMs), oldest first, as columns (`timeMs` is the open time,
 * UTC epoch ms). Empty columns when none are stored. Pass `priceType: 'mark'` for the venue's
 * mark-price bars (their volume is 0).
 */
export async function readStoredBars(
  store: Store,
  venue: string,
  symbol: string,
  timeframe: string,
  fromMs: number,
  toMs: number,
  priceType: 'last' | 'mark' = 'last',
): Promise<BarColumns> {
  const builder = new BarColumnsBuilder(1_024);
  let after = Math.ceil(fromMs) - 1;
  for (;;) {
    const rows = await store.db
      .selectFrom('market_bars')
      .select(['open_time_ms', 'open', 'high', 'low', 'close', 'volume'])
      .where('venue', '=', venue)
      .where('symbol', '=', symbol)
      .where('price_type', '=', priceType)
      .where('timeframe', '=', timeframe)
      .where('open_time_ms', '>', BigInt(after))
      .where('open_time_ms', '<', BigInt(Math.ceil(toMs)))
      .orderBy('open_time_ms')
      .limit(pageRows)
      .execute();
    for (const row of rows) {
      builder.push(Number(row.open_time_ms), row.open, row.high, row.low, row.close, row.volume);
    }
    if (rows.length < pageRows) break;
    after = Number(rows[rows.length - 1].open_time_ms);
  }
  return builder.take();
}

/** Open time of the newest stored bar (or null): where a backfill resumes. */
export async function lastStoredBarMs(
  store: Store,
  venue: string,
  symbol: string,
  timeframe: string,
  priceType: 'last' | 'mark',
): Promise<number | null> {
  const row = await store.db
    .selectFrom('market_bars')
    .select((eb) => eb.fn.max('open_time_ms').as('last'))
    .where('venue', '=', venue)
    .where('symbol', '=', symbol)
    .where('price_type', '=', priceType)
    .where('timeframe', '=', timeframe)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}

/** Time of the newest stored funding rate (or null). */
export async function lastStoredFundingMs(
  store: Store,
  venue: string,
  symbol: string,
): Promise<number | null> {
  const row = await store.db
    .selectFrom('market_funding')
    .select((eb) => eb.fn.max('time_ms').as('last'))
    .where('venue', '=', venue)
    .where('symbol', '=', symbol)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
}
