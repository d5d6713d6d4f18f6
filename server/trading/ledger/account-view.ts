// What a trader sees for one trading account and currency, read from the ledger and marked at
// given prices: cash, margin, unrealised PnL, equity, and the income accounts. Pure.
import { accountIdOf } from './chart-of-accounts';
import type { Accounting } from './accounting';
import { creditBalance, debitBalance } from './ledger-types';
import { notionalMinorUnits } from './money';
import { settleCurrencyOf } from '../events';

export interface PositionView {
  symbol: string;
  quantityUnits: bigint;
  /** Signed cost basis (long > 0). */
  basisUnits: bigint;
  marginUnits: bigint;
  markPrice: number | null;
  /** quantity x mark - basis; 0 without a mark. */
  unrealisedUnits: bigint;
}

export interface AccountView {
  accountId: string;
  currency: string;
  cashUnits: bigint;
  marginUnits: bigint;
  unrealisedUnits: bigint;
  /** cash + margin + unrealised. */
  equityUnits: bigint;
  capitalUnits: bigint;
  realisedUnits: bigint;
  feesUnits: bigint;
  fundingUnits: bigint;
  positions: PositionView[];
}

export function accountView(
  accounting: Accounting,
  accountId: string,
  currency: string,
  marks: Readonly<Record<string, number>>,
): AccountView {
  const ledger = accounting.ledger;
  const debit = (kind: Parameters<typeof accountIdOf>[2], symbol?: string) => {
    const account = ledger.account(accountIdOf(accountId, currency, kind, symbol));
    return account ? debitBalance(account) : 0n;
  };
  const credit = (kind: Parameters<typeof accountIdOf>[2]) => {
    const account = ledger.account(accountIdOf(accountId, currency, kind));
    return account ? creditBalance(account) : 0n;
  };
  const positions: PositionView[] = [];
  for (const position of accounting.positions()) {
    if (position.accountId !== accountId || settleCurrencyOf(position.symbol) !== currency) continue;
    const basisUnits = debit('position', position.symbol);
    const marginUnits = debit('margin', position.symbol);
    if (position.quantityUnits === 0n && basisUnits === 0n && marginUnits === 0n) continue;
    const markPrice = marks[position.symbol] ?? null;
    const unrealisedUnits =
      markPrice === null ? 0n : notionalMinorUnits(position.quantityUnits, markPrice) - basisUnits;
    positions.push({
      symbol: position.symbol,
      quantityUnits: position.quantityUnits,
      basisUnits,
      marginUnits,
      markPrice,
      unrealisedUnits,
    });
  }
  positions.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const cashUnits = debit('cash');
  const marginUnits = positions.reduce((sum, p) => sum + p.marginUnits, 0n);
  const unrealisedUnits = positions.reduce((sum, p) => sum + p.unrealisedUnits, 0n);
  return {
    accountId,
    currency,
    cashUnits,
    marginUnits,
    unrealisedUnits,
    equityUnits: cashUnits + marginUnits + unrealisedUnits,
    capitalUnits: credit('capital'),
    realisedUnits: credit('realisedPnl'),
    feesUnits: debit('fees'),
    fundingUnits: credit('fundingPnl'),
    positions,
  };
}
