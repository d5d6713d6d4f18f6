// The chart of accounts (see README.md for the worked example). One TigerBeetle-style ledger per
// settle currency; the account `code` is the kind of account; the transfer `code` says why the
// money moved. Per trading account and currency:
//
//   kind             normal side  flags                          holds
//   cash             debit        credits_must_not_exceed_debits free wallet balance (>= 0)
//   margin:<sym>     debit        credits_must_not_exceed_debits initial margin locked for <sym> (>= 0)
//   position:<sym>   debit        -                              signed cost basis of <sym> (long > 0)
//   contra:<sym>     credit       -                              the venue's side of that basis (memo)
//   fees             debit        -                              fees paid (rebates reduce it)
//   realised-pnl     credit       -                              realised profit (loss < 0)
//   funding-pnl      credit       -                              funding received (paid < 0)
//   capital          credit       -                              deposits minus withdrawals
//
// Invariants: position:<sym> + contra:<sym> = 0, and
//   cash + margin = capital + realised - fees + funding.
import { accountFlags } from './ledger-types';

/** TigerBeetle `ledger` numbers: one per settle currency. */
export const currencyLedgers: Readonly<Record<string, number>> = Object.freeze({
  USDT: 1,
  USDC: 2,
  USD: 3,
  BUSD: 4,
  FDUSD: 5,
});

export function ledgerOf(currency: string): number {
  const ledger = currencyLedgers[currency];
  if (!ledger) throw new RangeError(`ledger: no ledger for currency ${currency}`);
  return ledger;
}

export const accountCodes = {
  cash: 1,
  margin: 2,
  position: 3,
  positionContra: 4,
  fees: 5,
  realisedPnl: 6,
  fundingPnl: 7,
  capital: 8,
} as const;

export type AccountKind = keyof typeof accountCodes;

export const transferCodes = {
  deposit: 1,
  withdrawal: 2,
  positionOpened: 10,
  positionClosed: 11,
  marginLocked: 20,
  marginReleased: 21,
  tradingFee: 30,
  liquidationFee: 31,
  realisedPnl: 40,
  fundingPayment: 50,
} as const;

const kindSlugs: Record<AccountKind, string> = {
  cash: 'cash',
  margin: 'margin',
  position: 'position',
  positionContra: 'contra',
  fees: 'fees',
  realisedPnl: 'realised-pnl',
  fundingPnl: 'funding-pnl',
  capital: 'capital',
};

const kindFlags: Record<AccountKind, number> = {
  cash: accountFlags.creditsMustNotExceedDebits,
  margin: accountFlags.creditsMustNotExceedDebits,
  position: accountFlags.none,
  positionContra: accountFlags.none,
  fees: accountFlags.none,
  realisedPnl: accountFlags.none,
  fundingPnl: accountFlags.none,
  capital: accountFlags.none,
};

export function flagsOf(kind: AccountKind): number {
  return kindFlags[kind];
}

/** "<trading account>/<currency>/<kind>[/<symbol>]", e.g. "paper-1/USDT/margin/BTC/USDT:USDT". */
export function accountIdOf(
  tradingAccount: string,
  currency: string,
  kind: AccountKind,
  symbol?: string,
): string {
  const base = `${tradingAccount}/${currency}/${kindSlugs[kind]}`;
  return symbol ? `${base}/${symbol}` : base;
}
