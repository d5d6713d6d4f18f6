import { describe, expect, it } from 'vitest';
import type { TradeOrder, TradingFrame } from '@patchdesk/modules/contracts/trading';
import { mergeFrames } from './frame-merge';

const account = (equity: number) => ({
  currency: 'USDT',
  deposits: 100,
  cash: equity,
  realisedPnl: 0,
  fees: 0,
  fundingPnl: 0,
  unrealisedPnl: 0,
  equity,
  freeMargin: equity,
  marginRatio: 0,
});
const order = (id: string, status: TradeOrder['status']) => ({ clientOrderId: id, status }) as TradeOrder;
const frame = (timeMs: number, parts: Partial<TradingFrame>): TradingFrame => ({
  kind: 'frame',
  patchName: 'p',
  timeMs,
  account: account(100 + timeMs),
  positions: [],
  orders: [],
  fills: [],
  riskEvents: [],
  equity: null,
  killSwitch: false,
  ...parts,
});

describe('mergeFrames', () => {
  it('keeps the newest account and every fill, each order in its last state', () => {
    const a = frame(1, {
      orders: [order('x', 'open'), order('y', 'open')],
      fills: [{ fillId: 'f1' } as never],
      equity: { timeMs: 1, equity: 101 },
    });
    const b = frame(2, {
      orders: [order('x', 'filled')],
      fills: [{ fillId: 'f2' } as never],
      killSwitch: true,
    });
    const merged = mergeFrames(a, b);
    expect(merged.timeMs).toBe(2);
    expect(merged.account.equity).toBe(102);
    expect(merged.orders.map((o) => [o.clientOrderId, o.status])).toEqual([
      ['x', 'filled'],
      ['y', 'open'],
    ]);
    expect(merged.fills.map((f) => f.fillId)).toEqual(['f1', 'f2']);
    expect(merged.equity).toEqual({ timeMs: 1, equity: 101 }); // b had no new point
    expect(merged.killSwitch).toBe(true);
  });
});
