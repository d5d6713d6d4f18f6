// Round-trip trades, sortable by any column; a click on a row selects the trade (the charts
// zoom to it). Long lists show the first rows in the chosen order.
import { useMemo, useState } from 'react';
import type { BacktestTrade } from '@patchdesk/modules/contracts/backtest';
import {
  formatBarTime,
  formatMoney,
  formatQuantity,
  formatSignedMoney,
  signClass,
} from '../trading/format-trading';
import { formatDuration } from './format-backtest';
import { defaultTradeSort, nextTradeSort, sortedTradeIndices, type TradeSortKey } from './trade-sort';

/** Rows drawn at once; the sort still runs over every trade. */
export const tradeRowsMax = 500;

const columns: { key: TradeSortKey; label: string; title: string }[] = [
  { key: 'entryTimeMs', label: 'Entry (UTC)', title: 'Time of the first fill that opened the position' },
  { key: 'side', label: 'Side', title: 'Long or short' },
  { key: 'quantity', label: 'Qty', title: 'The largest size the position reached' },
  { key: 'entryPrice', label: 'Entry', title: 'Quantity-weighted average entry price' },
  { key: 'exitPrice', label: 'Exit', title: 'Quantity-weighted average exit price' },
  { key: 'pnl', label: 'PnL', title: 'Price PnL − fees + funding' },
  { key: 'fees', label: 'Fees', title: 'Fees of every fill of the trade' },
  { key: 'durationMs', label: 'Held', title: 'Exit time − entry time' },
  { key: 'mae', label: 'MAE', title: 'Worst unrealised PnL while open' },
  { key: 'mfe', label: 'MFE', title: 'Best unrealised PnL while open' },
];

export function TradesTable({
  trades,
  total,
  selected,
  onSelect,
}: {
  trades: BacktestTrade[];
  total: number;
  selected: number | null;
  onSelect: (index: number) => void;
}) {
  const [sort, setSort] = useState(defaultTradeSort);
  const order = useMemo(() => sortedTradeIndices(trades, sort), [trades, sort]);
  if (trades.length === 0) return <p className="trading__empty">No round trips closed.</p>;
  const shown = order.slice(0, tradeRowsMax);
  return (
    <>
      <table className="trading-table backtest-trades" data-testid="backtest-trades">
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                title={column.title}
                data-testid={`trades-sort-${column.key}`}
                aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                onClick={() => setSort(nextTradeSort(sort, column.key))}
              >
                {column.label}
                {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((index) => {
            const trade = trades[index];
            return (
              <tr
                key={index}
                data-testid="trade-row"
                data-trade={index}
                className={`${index === selected ? 'backtest-trades__selected' : ''}${trade.liquidated ? ' trading-table__liquidation' : ''}`}
                onClick={() => onSelect(index)}
              >
                <td>{formatBarTime(trade.entryTimeMs)}</td>
                <td className={trade.side === 'long' ? 'trading--up' : 'trading--down'}>{trade.side}</td>
                <td>{formatQuantity(trade.quantity)}</td>
                <td>{formatQuantity(trade.entryPrice)}</td>
                <td>{formatQuantity(trade.exitPrice)}</td>
                <td
                  className={`trading--${signClass(trade.pnl)}`}
                  data-testid="trade-pnl"
                  data-value={trade.pnl}
                >
                  {formatSignedMoney(trade.pnl)}
                </td>
                <td>{formatMoney(trade.fees)}</td>
                <td>{formatDuration(trade.durationMs)}</td>
                <td>{formatMoney(trade.mae)}</td>
                <td>{formatMoney(trade.mfe)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total > shown.length ? (
        <p className="trading__more">
          {shown.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} trades shown
          {total > trades.length ? ' (the result keeps the first 100,000)' : ''}.
        </p>
      ) : null}
    </>
  );
}
