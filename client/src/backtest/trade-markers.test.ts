import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '@patchdesk/modules/contracts/backtest';
import { tradeMarkers } from './trade-markers';

describe('tradeMarkers', () => {
  it('marks each trade’s entry and exit with the side of its fill', () => {
    const short = {
      side: 'short',
      entryTimeMs: 10,
      exitTimeMs: 20,
      entryPrice: 105,
      exitPrice: 100,
    } as BacktestTrade;
    expect(tradeMarkers([short])).toEqual([
      { timeMs: 10, price: 105, kind: 'entry', side: 'sell', trade: 0 },
      { timeMs: 20, price: 100, kind: 'exit', side: 'buy', trade: 0 },
    ]);
  });
});
