// The most recent fills, newest first: when, side, size at price, fee, and who asked.
import type { TradeFill } from '@patchdesk/modules/contracts/trading';
import { formatBarTime, formatMoney, formatQuantity } from './format-trading';

/** Rows shown; the store keeps more and the journal keeps all. */
const fillsShownMax = 50;

export function FillsTable({ fills, total }: { fills: TradeFill[]; total: number }) {
  if (fills.length === 0) {
    return (
      <p className="trading__empty" data-testid="fills-none">
        No fills yet.
      </p>
    );
  }
  const shown = fills.slice(-fillsShownMax).reverse();
  return (
    <>
      <table className="trading-table" data-testid="fills">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Side</th>
            <th>Qty @ price</th>
            <th title="Paid; negative is a rebate">Fee</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((fill) => (
            <tr
              key={fill.fillId}
              data-testid="fill-row"
              className={fill.liquidation ? 'trading-table__liquidation' : undefined}
              title={`${fill.fillId} · ${fill.symbol} · ${fill.liquidity}${fill.liquidation ? ' · LIQUIDATION' : ''}`}
            >
              <td>{formatBarTime(fill.timeMs)}</td>
              <td className={fill.side === 'buy' ? 'trading--up' : 'trading--down'}>{fill.side}</td>
              <td>
                {formatQuantity(fill.quantity)} @ {formatQuantity(fill.price)}
              </td>
              <td>{formatMoney(fill.fee)}</td>
              <td className="trading-table__tag">{fill.tag}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > shown.length ? (
        <p className="trading__more">
          {shown.length} most recent of {total} fills.
        </p>
      ) : null}
    </>
  );
}
