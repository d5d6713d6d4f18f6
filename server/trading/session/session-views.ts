// The account and positions as the hubs show them: balances from the ledger (the money we
// booked), margin figures and positions from the simulated venue (its rules decide them).
import type { TradeAccount, TradePosition } from '@patchdesk/modules/contracts/trading';
import type { Accounting } from '../ledger/accounting';
import { accountView } from '../ledger/account-view';
import { minorUnitsToNumber } from '../ledger/money';
import type { SimBroker } from './sim-broker';

export interface AccountParts {
  accounting: Accounting;
  broker: SimBroker;
  accountId: string;
  currency: string;
  symbol: string;
}

export function accountOf(parts: AccountParts, markPrice: number): TradeAccount {
  const marks = Number.isNaN(markPrice) ? {} : { [parts.symbol]: markPrice };
  const view = accountView(parts.accounting, parts.accountId, parts.currency, marks);
  const venue = parts.broker.sim.snapshot();
  const n = minorUnitsToNumber;
  return {
    currency: parts.currency,
    deposits: n(view.capitalUnits),
    cash: n(view.cashUnits + view.marginUnits),
    realisedPnl: n(view.realisedUnits),
    fees: n(view.feesUnits),
    fundingPnl: n(view.fundingUnits),
    unrealisedPnl: n(view.unrealisedUnits),
    equity: n(view.equityUnits),
    freeMargin: venue.availableBalance,
    marginRatio: venue.positions.reduce((ratio, p) => Math.max(ratio, p.marginRatio), 0),
  };
}

export function positionsOf(broker: SimBroker): TradePosition[] {
  return broker.sim.snapshot().positions.map((p) => ({
    symbol: p.symbol,
    size: p.quantity,
    entryPrice: p.entryPrice,
    markPrice: p.markPrice,
    unrealisedPnl: p.unrealisedPnl,
    liquidationPrice: p.liquidationPrice,
    leverage: p.leverage,
    marginMode: p.marginMode,
  }));
}
