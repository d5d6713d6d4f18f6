// Entry and exit markers on the price chart, one per round-trip trade end: where, at what
// price, and which way (a long's entry and a short's exit are buys).
import type { BacktestTrade } from '@patchdesk/modules/contracts/backtest';

export interface TradeMarker {
  timeMs: number;
  price: number;
  kind: 'entry' | 'exit';
  side: 'buy' | 'sell';
  /** Index of the trade in the result, to highlight the one that is selected. */
  trade: number;
}

export function tradeMarkers(trades: readonly BacktestTrade[]): TradeMarker[] {
  const markers: TradeMarker[] = [];
  trades.forEach((trade, index) => {
    const opening = trade.side === 'long' ? 'buy' : 'sell';
    const closing = trade.side === 'long' ? 'sell' : 'buy';
    markers.push({
      timeMs: trade.entryTimeMs,
      price: trade.entryPrice,
      kind: 'entry',
      side: opening,
      trade: index,
    });
    markers.push({
      timeMs: trade.exitTimeMs,
      price: trade.exitPrice,
      kind: 'exit',
      side: closing,
      trade: index,
    });
  });
  return markers;
}
