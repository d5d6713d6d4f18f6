// Open positions with their risk: size, entry, mark, unrealised PnL, liquidation price, and a
// Flatten button that sends a reduce-only market order for the whole position.
import type { TradePosition } from '@patchdesk/modules/contracts/trading';
import { useEditor } from '../session/editor';
import { formatQuantity, formatSignedMoney, signClass } from './format-trading';

export function PositionsTable({ positions, live }: { positions: TradePosition[]; live: boolean }) {
  const { trading } = useEditor();
  const open = positions.filter((position) => position.size !== 0);
  if (open.length === 0) {
    return (
      <p className="trading__empty" data-testid="positions-flat">
        Flat: no open position.
      </p>
    );
  }
  return (
    <table className="trading-table" data-testid="positions">
      <thead>
        <tr>
          <th>Symbol</th>
          <th title="Signed: long is positive">Size</th>
          <th>Entry</th>
          <th>Mark</th>
          <th>uPnL</th>
          <th title="Liquidation price">Liq.</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {open.map((position) => (
          <tr
            key={position.symbol}
            data-testid="position-row"
            data-symbol={position.symbol}
            data-size={position.size}
          >
            <td title={`${position.marginMode}, ${position.leverage}x`}>{position.symbol}</td>
            <td className={position.size > 0 ? 'trading--up' : 'trading--down'}>
              {formatQuantity(position.size)}
            </td>
            <td>{formatQuantity(position.entryPrice)}</td>
            <td>{formatQuantity(position.markPrice)}</td>
            <td className={`trading--${signClass(position.unrealisedPnl)}`}>
              {formatSignedMoney(position.unrealisedPnl)}
            </td>
            <td>{formatQuantity(position.liquidationPrice)}</td>
            <td>
              <button
                type="button"
                className="trading-table__action"
                data-testid={`flatten-${position.symbol}`}
                disabled={!live}
                title="Close the whole position at market (reduce-only)"
                onClick={() => void trading.flatten(position.symbol)}
              >
                Flatten
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
