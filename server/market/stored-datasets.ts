// What history the market store holds, for the editor's "Recorded history" pickers: one row per
// venue, symbol and timeframe of trade-price bars, with the first and last open time and the
// count. One grouped query; at most `storedDatasetsMax` rows, sorted.
import type { BacktestStoredDataset } from '@patchdesk/modules/contracts/backtest';
import type { Store } from '../store/open-store';

export const storedDatasetsMax = 500;

export async function listStoredDatasets(store: Store): Promise<BacktestStoredDataset[]> {
  const rows = await store.db
    .selectFrom('market_bars')
    .select((eb) => [
      'venue',
      'symbol',
      'timeframe',
      eb.fn.min('open_time_ms').as('first'),
      eb.fn.max('open_time_ms').as('last'),
      eb.fn.countAll().as('count'),
    ])
    .where('price_type', '=', 'last')
    .groupBy(['venue', 'symbol', 'timeframe'])
    .orderBy('venue')
    .orderBy('symbol')
    .orderBy('timeframe')
    .limit(storedDatasetsMax)
    .execute();
  return rows.map((row) => ({
    venue: row.venue,
    symbol: row.symbol,
    timeframe: row.timeframe,
    firstMs: Number(row.first),
    lastMs: Number(row.last),
    count: Number(row.count),
  }));
}

/** How many trade-price bars of one series have an open time in [fromMs, toMs). */
export async function countStoredBars(
  store: Store,
  venue: string,
  symbol: string,
  timeframe: string,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const row = await store.db
    .selectFrom('market_bars')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('venue', '=', venue)
    .where('symbol', '=', symbol)
    .where('price_type', '=', 'last')
    .where('timeframe', '=', timeframe)
    .where('open_time_ms', '>=', BigInt(Math.ceil(fromMs)))
    .where('open_time_ms', '<', BigInt(Math.ceil(toMs)))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
