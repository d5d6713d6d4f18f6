// Builds the legs that book one trading event: transfer ids derived from the event id and a
// leg name (so a replay of the event yields the same ids), the accounts the legs need, and a
// running view of the balances the later legs depend on (cash, margin), so that a loss or a fee
// is never booked beyond the money there is. Pure; the ledger applies the plan in one linked
// chain.
import {
  accountCodes,
  accountIdOf,
  flagsOf,
  ledgerOf,
  transferCodes,
  type AccountKind,
} from './chart-of-accounts';
import { debitBalance, transferFlags, type AccountSpec, type Transfer } from './ledger-types';
import type { MemoryLedger } from './memory-ledger';

export type TransferCodeName = keyof typeof transferCodes;

export class TransferPlan {
  readonly transfers: Transfer[] = [];
  readonly accounts: AccountSpec[] = [];
  /** What the account could not pay (loss, fee or funding beyond its cash and margin). */
  shortfallUnits = 0n;
  readonly #ledger: MemoryLedger;
  readonly #tradingAccount: string;
  readonly #currency: string;
  readonly #ledgerNumber: number;
  readonly #eventId: string;
  readonly #timestampMs: number;
  readonly #debitBalances = new Map<string, bigint>();

  constructor(ledger: MemoryLedger, tradingAccount: string, currency: string, eventId: string, atMs: number) {
    this.#ledger = ledger;
    this.#tradingAccount = tradingAccount;
    this.#currency = currency;
    this.#ledgerNumber = ledgerOf(currency);
    this.#eventId = eventId;
    // The ledger refuses transfers that go back in time; a venue timestamp that does is booked
    // at the ledger's latest time instead (deterministic: it depends only on the event order).
    this.#timestampMs = Math.max(atMs, ledger.lastTransferMs);
  }

  /** The id of an account of this trading account and currency, created with the plan if new. */
  account(kind: AccountKind, symbol?: string): string {
    const id = accountIdOf(this.#tradingAccount, this.#currency, kind, symbol);
    if (!this.#ledger.account(id) && !this.accounts.some((spec) => spec.id === id)) {
      this.accounts.push({
        id,
        ledger: this.#ledgerNumber,
        code: accountCodes[kind],
        flags: flagsOf(kind),
        timestampMs: this.#timestampMs,
      });
    }
    return id;
  }

  /** Debits minus credits of an account, including the legs planned so far. */
  debitBalanceOf(accountId: string): bigint {
    const planned = this.#debitBalances.get(accountId);
    if (planned !== undefined) return planned;
    const account = this.#ledger.account(accountId);
    return account ? debitBalance(account) : 0n;
  }

  /** Adds a leg; zero amounts are skipped (the ledger refuses them). */
  move(
    leg: string,
    debitAccountId: string,
    creditAccountId: string,
    amount: bigint,
    code: TransferCodeName,
  ): void {
    if (amount < 0n) throw new RangeError(`ledger: leg ${leg} of ${this.#eventId} has a negative amount`);
    if (amount === 0n) return;
    this.#debitBalances.set(debitAccountId, this.debitBalanceOf(debitAccountId) + amount);
    this.#debitBalances.set(creditAccountId, this.debitBalanceOf(creditAccountId) - amount);
    this.transfers.push({
      id: `${this.#eventId}/${leg}`,
      debitAccountId,
      creditAccountId,
      amount,
      ledger: this.#ledgerNumber,
      code: transferCodes[code],
      flags: transferFlags.linked,
      eventId: this.#eventId,
      timestampMs: this.#timestampMs,
    });
  }

  /**
   * Pays `amount` out of `sources` in turn (each limited to its debit balance) into `debitAccountId`;
   * the part no source covers is added to the shortfall. Returns what was paid.
   */
  pay(
    leg: string,
    debitAccountId: string,
    sources: readonly string[],
    amount: bigint,
    code: TransferCodeName,
  ): bigint {
    let remaining = amount;
    sources.forEach((source, index) => {
      const available = this.debitBalanceOf(source);
      const part = remaining < available ? remaining : available > 0n ? available : 0n;
      this.move(index === 0 ? leg : `${leg}-${index}`, debitAccountId, source, part, code);
      remaining -= part;
    });
    this.shortfallUnits += remaining;
    return amount - remaining;
  }

  /** The transfers with the last one unlinked: one all-or-nothing chain. */
  chain(): Transfer[] {
    if (this.transfers.length > 0) {
      const last = this.transfers[this.transfers.length - 1];
      this.transfers[this.transfers.length - 1] = { ...last, flags: last.flags & ~transferFlags.linked };
    }
    return this.transfers;
  }
}
