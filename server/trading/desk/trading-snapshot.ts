// The whole visible state of a paper run's trading side in one object: what TradeHub sends
// first on a stream (frames with the changes follow) and answers to `snapshot`.
import type { DeadManStatus, TradingSnapshot } from '@patchdesk/modules/contracts/trading';
import type { TradingSession } from '../session/trading-session';

export function tradingSnapshotOf(
  session: TradingSession,
  patchName: string,
  deadMan: DeadManStatus,
): TradingSnapshot {
  return {
    kind: 'snapshot',
    patchName,
    mode: 'paper',
    timeMs: session.timeMs,
    account: session.account(),
    positions: session.positions(),
    orders: session.records.orders(),
    fills: session.records.fills(),
    riskEvents: session.riskEvents(),
    equity: session.equityPoints(),
    killSwitch: session.feed.killSwitch,
    deadMan,
    counts: {
      orders: session.records.orderCount,
      fills: session.records.fillCount,
      riskEvents: session.riskEventCount,
    },
  };
}
