// The ledger's data model, shaped after TigerBeetle's: accounts hold posted debits and credits
// and never change except through a transfer; a transfer moves one amount from one account to
// another on the same ledger and never changes after it is written. Differences, on purpose:
// ids are strings (a TigerBeetle adapter maps them to u128, see README), timestamps are given
// by the caller (like TigerBeetle's `imported` flag) so replays are deterministic, and there
// are no two-phase (pending) transfers yet.

/** Account flag bits, the same values as TigerBeetle's AccountFlags. */
export const accountFlags = {
  none: 0,
  linked: 1 << 0,
  /** The balance (credits - debits) may never go below zero: a credit-normal account. */
  debitsMustNotExceedCredits: 1 << 1,
  /** The balance (debits - credits) may never go below zero: a debit-normal account (cash). */
  creditsMustNotExceedDebits: 1 << 2,
} as const;

/** Transfer flag bits, the same values as TigerBeetle's TransferFlags (only `linked` is used). */
export const transferFlags = {
  none: 0,
  /** Links this transfer with the next one in the batch: the chain succeeds or fails as one. */
  linked: 1 << 0,
} as const;

const supportedTransferFlags = transferFlags.linked;
const supportedAccountFlags =
  accountFlags.linked | accountFlags.debitsMustNotExceedCredits | accountFlags.creditsMustNotExceedDebits;
export { supportedAccountFlags, supportedTransferFlags };

export interface AccountSpec {
  id: string;
  /** The currency (one ledger per currency; transfers never cross ledgers). */
  ledger: number;
  /** The kind of account in the chart of accounts. */
  code: number;
  flags: number;
  timestampMs: number;
}

export interface Account extends AccountSpec {
  debitsPosted: bigint;
  creditsPosted: bigint;
}

export interface Transfer {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  /** Minor units, > 0. */
  amount: bigint;
  ledger: number;
  /** Why the money moved (see chart-of-accounts.ts). */
  code: number;
  flags: number;
  /** The trading event this transfer books (TigerBeetle's user_data_128). */
  eventId: string;
  timestampMs: number;
}

export type CreateAccountResult =
  | 'ok'
  | 'linked_event_failed'
  | 'linked_event_chain_open'
  | 'id_must_not_be_empty'
  | 'flags_are_mutually_exclusive'
  | 'reserved_flag'
  | 'ledger_must_not_be_zero'
  | 'code_must_not_be_zero'
  | 'exists_with_different_flags'
  | 'exists_with_different_ledger'
  | 'exists_with_different_code'
  | 'exists';

export type CreateTransferResult =
  | 'ok'
  | 'linked_event_failed'
  | 'linked_event_chain_open'
  | 'id_must_not_be_empty'
  | 'reserved_flag'
  | 'debit_account_id_must_not_be_empty'
  | 'credit_account_id_must_not_be_empty'
  | 'accounts_must_be_different'
  | 'amount_must_be_positive'
  | 'ledger_must_not_be_zero'
  | 'code_must_not_be_zero'
  | 'timestamp_must_be_valid'
  | 'exists_with_different_flags'
  | 'exists_with_different_debit_account_id'
  | 'exists_with_different_credit_account_id'
  | 'exists_with_different_amount'
  | 'exists_with_different_ledger'
  | 'exists_with_different_code'
  | 'exists_with_different_event_id'
  | 'exists'
  | 'debit_account_not_found'
  | 'credit_account_not_found'
  | 'accounts_must_have_the_same_ledger'
  | 'transfer_must_have_the_same_ledger_as_accounts'
  | 'timestamp_must_not_regress'
  | 'exceeds_credits'
  | 'exceeds_debits';

/** TigerBeetle reports only the events that did not succeed; so do we. */
export interface CreateFailure<Result> {
  index: number;
  result: Result;
}

export type MaybePromise<T> = T | Promise<T>;

/**
 * What a ledger backend offers: the in-memory core (memory-ledger.ts) answers synchronously; a
 * TigerBeetle adapter would answer with promises from its client. Batches are applied in order;
 * a failed member of a linked chain undoes the whole chain.
 */
export interface LedgerBackend {
  createAccounts(accounts: readonly AccountSpec[]): MaybePromise<CreateFailure<CreateAccountResult>[]>;
  createTransfers(transfers: readonly Transfer[]): MaybePromise<CreateFailure<CreateTransferResult>[]>;
  lookupAccounts(ids: readonly string[]): MaybePromise<Account[]>;
  lookupTransfers(ids: readonly string[]): MaybePromise<Transfer[]>;
}

/** Debits minus credits: positive for a debit-normal account holding value. */
export function debitBalance(account: Pick<Account, 'debitsPosted' | 'creditsPosted'>): bigint {
  return account.debitsPosted - account.creditsPosted;
}

/** Credits minus debits: positive for a credit-normal account holding value. */
export function creditBalance(account: Pick<Account, 'debitsPosted' | 'creditsPosted'>): bigint {
  return account.creditsPosted - account.debitsPosted;
}
