import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '@patchdesk/modules/contracts/backtest';
import { nextTradeSort, sortedTradeIndices } from './trade-sort';

const trade = (entryTimeMs: number, pnl: number, side: 'long' | 'short' = 'long'): BacktestTrade => ({
  side,
  entryTimeMs,
  exitTimeMs: entryTimeMs + 60_000,
  entryPrice: 100,
  exitPrice: 101,
  quantity: 1,
  grossPnl: pnl,
  fees: 0,
  funding: 0,
  pnl,
  durationMs: 60_000,
  mae: 0,
  mfe: 0,
  liquidated: false,
});

describe('sortedTradeIndices', () => {
  it('sorts by PnL either way, ties in time order', () => {
    const trades = [trade(0, 5), trade(1, -2), trade(2, 5), trade(3, 1)];
    expect(sortedTradeIndices(trades, { key: 'pnl', descending: false })).toEqual([1, 3, 0, 2]);
    expect(sortedTradeIndices(trades, { key: 'pnl', descending: true })).toEqual([0, 2, 3, 1]);
    expect(sortedTradeIndices(trades, { key: 'side', descending: false })).toEqual([0, 1, 2, 3]);
  });

  it('sorts strings: longs before shorts', () => {
    const trades = [trade(0, 1, 'short'), trade(1, 1, 'long')];
    expect(sortedTradeIndices(trades, { key: 'side', descending: false })).toEqual([1, 0]);
  });

  it('is a permutation in order, for any trades', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }),
        fc.boolean(),
        (pnls, descending) => {
          const trades = pnls.map((pnl, i) => trade(i, pnl));
          const order = sortedTradeIndices(trades, { key: 'pnl', descending });
          expect([...order].sort((a, b) => a - b)).toEqual(trades.map((_t, i) => i));
          for (let i = 1; i < order.length; i++) {
            const step = (trades[order[i]].pnl - trades[order[i - 1]].pnl) * (descending ? -1 : 1);
            expect(step).toBeGreaterThanOrEqual(0);
            if (step === 0) expect(order[i]).toBeGreaterThan(order[i - 1]);
          }
        },
      ),
    );
  });
});

describe('nextTradeSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(nextTradeSort({ key: 'pnl', descending: false }, 'pnl')).toEqual({ key: 'pnl', descending: true });
    expect(nextTradeSort({ key: 'pnl', descending: true }, 'mae')).toEqual({ key: 'mae', descending: false });
  });
});
