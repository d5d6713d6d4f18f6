// The in-memory ledger core: pure, synchronous, deterministic. It is the book of record inside
// a run (paper, backtest); the journal persists every account and transfer it accepts so the
// same state can be rebuilt after a restart by feeding them back in order.
import { applyLinkedBatch } from './linked-batch';
import {
  accountFlags,
  supportedAccountFlags,
  supportedTransferFlags,
  transferFlags,
  type Account,
  type AccountSpec,
  type CreateAccountResult,
  type CreateFailure,
  type CreateTransferResult,
  type LedgerBackend,
  type Transfer,
} from './ledger-types';

const bothLimits = accountFlags.debitsMustNotExceedCredits | accountFlags.creditsMustNotExceedDebits;

export class MemoryLedger implements LedgerBackend {
  readonly #accounts = new Map<string, Account>();
  readonly #transfers = new Map<string, Readonly<Transfer>>();
  /** Transfers in the order they were accepted. */
  readonly #transferLog: Readonly<Transfer>[] = [];
  #lastTransferMs = Number.NEGATIVE_INFINITY;

  get transferCount(): number {
    return this.#transferLog.length;
  }

  /** The timestamp of the newest accepted transfer (transfers never go back in time). */
  get lastTransferMs(): number {
    return this.#lastTransferMs;
  }

  get accountCount(): number {
    return this.#accounts.size;
  }

  createAccounts(accounts: readonly AccountSpec[]): CreateFailure<CreateAccountResult>[] {
    return applyLinkedBatch<AccountSpec, CreateAccountResult>(accounts, {
      apply: (spec) => this.#applyAccount(spec),
      undo: (spec) => this.#accounts.delete(spec.id),
    });
  }

  createTransfers(transfers: readonly Transfer[]): CreateFailure<CreateTransferResult>[] {
    return applyLinkedBatch<Transfer, CreateTransferResult>(transfers, {
      apply: (transfer) => this.#applyTransfer(transfer),
      undo: (transfer) => this.#undoTransfer(transfer),
    });
  }

  lookupAccounts(ids: readonly string[]): Account[] {
    const found: Account[] = [];
    for (const id of ids) {
      const account = this.#accounts.get(id);
      if (account) found.push({ ...account });
    }
    return found;
  }

  lookupTransfers(ids: readonly string[]): Transfer[] {
    const found: Transfer[] = [];
    for (const id of ids) {
      const transfer = this.#transfers.get(id);
      if (transfer) found.push(transfer);
    }
    return found;
  }

  /** One account's live figures (no copy), or undefined. */
  account(id: string): Readonly<Account> | undefined {
    return this.#accounts.get(id);
  }

  accounts(): IterableIterator<Readonly<Account>> {
    return this.#accounts.values();
  }

  /** Accepted transfers in order; immutable records. */
  transfers(): readonly Readonly<Transfer>[] {
    return this.#transferLog;
  }

  #applyAccount(spec: AccountSpec): CreateAccountResult {
    if (!spec.id) return 'id_must_not_be_empty';
    if ((spec.flags & ~supportedAccountFlags) !== 0) return 'reserved_flag';
    if ((spec.flags & bothLimits) === bothLimits) return 'flags_are_mutually_exclusive';
    if (!spec.ledger) return 'ledger_must_not_be_zero';
    if (!spec.code) return 'code_must_not_be_zero';
    const existing = this.#accounts.get(spec.id);
    if (existing) {
      // The linked bit is about the batch, not the account; compare the rest.
      if ((existing.flags & ~accountFlags.linked) !== (spec.flags & ~accountFlags.linked))
        return 'exists_with_different_flags';
      if (existing.ledger !== spec.ledger) return 'exists_with_different_ledger';
      if (existing.code !== spec.code) return 'exists_with_different_code';
      return 'exists';
    }
    this.#accounts.set(spec.id, {
      id: spec.id,
      ledger: spec.ledger,
      code: spec.code,
      flags: spec.flags & ~accountFlags.linked,
      timestampMs: spec.timestampMs,
      debitsPosted: 0n,
      creditsPosted: 0n,
    });
    return 'ok';
  }

  #applyTransfer(transfer: Transfer): CreateTransferResult {
    const result = this.#checkTransfer(transfer);
    if (result !== 'ok') return result;
    const debit = this.#accounts.get(transfer.debitAccountId)!;
    const credit = this.#accounts.get(transfer.creditAccountId)!;
    debit.debitsPosted += transfer.amount;
    credit.creditsPosted += transfer.amount;
    const record: Readonly<Transfer> = Object.freeze({ ...transfer });
    this.#transfers.set(record.id, record);
    this.#transferLog.push(record);
    this.#lastTransferMs = transfer.timestampMs;
    return 'ok';
  }

  #checkTransfer(transfer: Transfer): CreateTransferResult {
    if (!transfer.id) return 'id_must_not_be_empty';
    if ((transfer.flags & ~supportedTransferFlags) !== 0) return 'reserved_flag';
    if (!transfer.debitAccountId) return 'debit_account_id_must_not_be_empty';
    if (!transfer.creditAccountId) return 'credit_account_id_must_not_be_empty';
    if (transfer.debitAccountId === transfer.creditAccountId) return 'accounts_must_be_different';
    if (typeof transfer.amount !== 'bigint' || transfer.amount <= 0n) return 'amount_must_be_positive';
    if (!transfer.ledger) return 'ledger_must_not_be_zero';
    if (!transfer.code) return 'code_must_not_be_zero';
    if (!Number.isSafeInteger(transfer.timestampMs)) return 'timestamp_must_be_valid';
    const existing = this.#transfers.get(transfer.id);
    if (existing) return compareExisting(existing, transfer);
    const debit = this.#accounts.get(transfer.debitAccountId);
    if (!debit) return 'debit_account_not_found';
    const credit = this.#accounts.get(transfer.creditAccountId);
    if (!credit) return 'credit_account_not_found';
    if (debit.ledger !== credit.ledger) return 'accounts_must_have_the_same_ledger';
    if (transfer.ledger !== debit.ledger) return 'transfer_must_have_the_same_ledger_as_accounts';
    if (transfer.timestampMs < this.#lastTransferMs) return 'timestamp_must_not_regress';
    if (
      (debit.flags & accountFlags.debitsMustNotExceedCredits) !== 0 &&
      debit.debitsPosted + transfer.amount > debit.creditsPosted
    )
      return 'exceeds_credits';
    if (
      (credit.flags & accountFlags.creditsMustNotExceedDebits) !== 0 &&
      credit.creditsPosted + transfer.amount > credit.debitsPosted
    )
      return 'exceeds_debits';
    return 'ok';
  }

  #undoTransfer(transfer: Transfer): void {
    const record = this.#transfers.get(transfer.id);
    // Only undo what this batch applied: the newest log entry must be this very transfer.
    if (!record || this.#transferLog[this.#transferLog.length - 1] !== record) {
      throw new Error(`ledger: undo of transfer ${transfer.id} that is not the newest`);
    }
    this.#transferLog.pop();
    this.#transfers.delete(record.id);
    this.#accounts.get(record.debitAccountId)!.debitsPosted -= record.amount;
    this.#accounts.get(record.creditAccountId)!.creditsPosted -= record.amount;
    // Timestamps never regress, so the newest remaining transfer holds the latest one.
    this.#lastTransferMs = this.#transferLog.at(-1)?.timestampMs ?? Number.NEGATIVE_INFINITY;
  }
}

function compareExisting(existing: Transfer, transfer: Transfer): CreateTransferResult {
  if ((existing.flags & ~transferFlags.linked) !== (transfer.flags & ~transferFlags.linked))
    return 'exists_with_different_flags';
  if (existing.debitAccountId !== transfer.debitAccountId) return 'exists_with_different_debit_account_id';
  if (existing.creditAccountId !== transfer.creditAccountId) return 'exists_with_different_credit_account_id';
  if (existing.amount !== transfer.amount) return 'exists_with_different_amount';
  if (existing.ledger !== transfer.ledger) return 'exists_with_different_ledger';
  if (existing.code !== transfer.code) return 'exists_with_different_code';
  if (existing.eventId !== transfer.eventId) return 'exists_with_different_event_id';
  return 'exists';
}
