// The trades table's order: by any column, either way, ties kept in time order (a stable sort
// over the trades as the server lists them), so a click on a header is predictable.
import type { BacktestTrade } from '@patchdesk/modules/contracts/backtest';

export type TradeSortKey =
  | 'entryTimeMs'
  | 'side'
  | 'entryPrice'
  | 'exitPrice'
  | 'quantity'
  | 'pnl'
  | 'fees'
  | 'durationMs'
  | 'mae'
  | 'mfe';
export interface TradeSort {
  key: TradeSortKey;
  descending: boolean;
}

export const defaultTradeSort: TradeSort = { key: 'entryTimeMs', descending: false };

/** Indices into `trades` in display order (the index is the trade's identity for a click). */
export function sortedTradeIndices(trades: readonly BacktestTrade[], sort: TradeSort): number[] {
  const sign = sort.descending ? -1 : 1;
  const indices = trades.map((_trade, index) => index);
  return indices.sort((a, b) => {
    const x = trades[a][sort.key];
    const y = trades[b][sort.key];
    const order = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return order !== 0 ? sign * order : a - b;
  });
}

/** A header click: the same column flips direction, another column starts ascending. */
export function nextTradeSort(current: TradeSort, key: TradeSortKey): TradeSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}
