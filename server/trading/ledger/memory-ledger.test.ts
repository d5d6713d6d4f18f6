import { describe, expect, it } from 'vitest';
import { accountFlags, transferFlags, type AccountSpec, type Transfer } from './ledger-types';
import { MemoryLedger } from './memory-ledger';

const usdt = 1;

function account(id: string, flags: number = accountFlags.none): AccountSpec {
  return { id, ledger: usdt, code: 1, flags, timestampMs: 0 };
}

function transfer(
  id: string,
  debit: string,
  credit: string,
  amount: bigint,
  extra: Partial<Transfer> = {},
): Transfer {
  return {
    id,
    debitAccountId: debit,
    creditAccountId: credit,
    amount,
    ledger: usdt,
    code: 7,
    flags: transferFlags.none,
    eventId: `event-${id}`,
    timestampMs: 1_000,
    ...extra,
  };
}

function ledgerWithCash(): MemoryLedger {
  const ledger = new MemoryLedger();
  expect(
    ledger.createAccounts([
      account('capital'),
      account('cash', accountFlags.creditsMustNotExceedDebits),
      account('margin', accountFlags.creditsMustNotExceedDebits),
      account('owed', accountFlags.debitsMustNotExceedCredits),
    ]),
  ).toEqual([]);
  expect(ledger.createTransfers([transfer('deposit', 'cash', 'capital', 1_000n)])).toEqual([]);
  return ledger;
}

function balances(ledger: MemoryLedger): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const a of ledger.accounts()) out[a.id] = a.debitsPosted - a.creditsPosted;
  return out;
}

describe('MemoryLedger accounts', () => {
  it('creates accounts once and reports exists / exists_with_different_*', () => {
    const ledger = new MemoryLedger();
    expect(ledger.createAccounts([account('a')])).toEqual([]);
    expect(ledger.createAccounts([account('a')])).toEqual([{ index: 0, result: 'exists' }]);
    expect(ledger.createAccounts([{ ...account('a'), code: 2 }])).toEqual([
      { index: 0, result: 'exists_with_different_code' },
    ]);
    expect(ledger.createAccounts([{ ...account('a'), ledger: 2 }])).toEqual([
      { index: 0, result: 'exists_with_different_ledger' },
    ]);
    expect(ledger.createAccounts([account('a', accountFlags.creditsMustNotExceedDebits)])).toEqual([
      { index: 0, result: 'exists_with_different_flags' },
    ]);
  });

  it('refuses both balance limits at once, a zero ledger or code, an empty id', () => {
    const ledger = new MemoryLedger();
    expect(
      ledger.createAccounts([
        account('x', accountFlags.creditsMustNotExceedDebits | accountFlags.debitsMustNotExceedCredits),
        { ...account('y'), ledger: 0 },
        { ...account('z'), code: 0 },
        account(''),
        { ...account('w'), flags: 1 << 9 },
      ]),
    ).toEqual([
      { index: 0, result: 'flags_are_mutually_exclusive' },
      { index: 1, result: 'ledger_must_not_be_zero' },
      { index: 2, result: 'code_must_not_be_zero' },
      { index: 3, result: 'id_must_not_be_empty' },
      { index: 4, result: 'reserved_flag' },
    ]);
    expect(ledger.accountCount).toBe(0);
  });
});

describe('MemoryLedger transfers', () => {
  it('posts a debit and a credit of the same amount', () => {
    const ledger = ledgerWithCash();
    expect(ledger.createTransfers([transfer('lock', 'margin', 'cash', 300n)])).toEqual([]);
    expect(balances(ledger)).toEqual({ capital: -1_000n, cash: 700n, margin: 300n, owed: 0n });
  });

  it('is idempotent by id: same fields -> exists, different fields -> exists_with_different_*', () => {
    const ledger = ledgerWithCash();
    const lock = transfer('lock', 'margin', 'cash', 300n);
    expect(ledger.createTransfers([lock])).toEqual([]);
    expect(ledger.createTransfers([lock])).toEqual([{ index: 0, result: 'exists' }]);
    expect(ledger.createTransfers([{ ...lock, amount: 301n }])).toEqual([
      { index: 0, result: 'exists_with_different_amount' },
    ]);
    expect(ledger.createTransfers([{ ...lock, debitAccountId: 'capital' }])).toEqual([
      { index: 0, result: 'exists_with_different_debit_account_id' },
    ]);
    expect(ledger.createTransfers([{ ...lock, creditAccountId: 'capital' }])).toEqual([
      { index: 0, result: 'exists_with_different_credit_account_id' },
    ]);
    expect(ledger.createTransfers([{ ...lock, code: 8 }])).toEqual([
      { index: 0, result: 'exists_with_different_code' },
    ]);
    expect(ledger.createTransfers([{ ...lock, eventId: 'other' }])).toEqual([
      { index: 0, result: 'exists_with_different_event_id' },
    ]);
    expect(balances(ledger).margin).toBe(300n);
    expect(ledger.transferCount).toBe(2);
  });

  it('enforces balance limits: cash cannot go below zero, a credit-normal limit likewise', () => {
    const ledger = ledgerWithCash();
    expect(ledger.createTransfers([transfer('big', 'margin', 'cash', 1_001n)])).toEqual([
      { index: 0, result: 'exceeds_debits' },
    ]);
    expect(ledger.createTransfers([transfer('all', 'margin', 'cash', 1_000n)])).toEqual([]);
    expect(ledger.createTransfers([transfer('neg', 'owed', 'capital', 1n)])).toEqual([
      { index: 0, result: 'exceeds_credits' },
    ]);
  });

  it('refuses malformed transfers with their own codes', () => {
    const ledger = ledgerWithCash();
    expect(
      ledger.createTransfers([
        transfer('', 'margin', 'cash', 1n),
        transfer('a', 'cash', 'cash', 1n),
        transfer('b', 'margin', 'cash', 0n),
        transfer('c', 'nowhere', 'cash', 1n),
        transfer('d', 'margin', 'nowhere', 1n),
        transfer('e', 'margin', 'cash', 1n, { ledger: 2 }),
        transfer('f', 'margin', 'cash', 1n, { code: 0 }),
        transfer('g', 'margin', 'cash', 1n, { timestampMs: 999 }),
        transfer('h', 'margin', 'cash', 1n, { flags: 1 << 3 }),
      ]),
    ).toEqual([
      { index: 0, result: 'id_must_not_be_empty' },
      { index: 1, result: 'accounts_must_be_different' },
      { index: 2, result: 'amount_must_be_positive' },
      { index: 3, result: 'debit_account_not_found' },
      { index: 4, result: 'credit_account_not_found' },
      { index: 5, result: 'transfer_must_have_the_same_ledger_as_accounts' },
      { index: 6, result: 'code_must_not_be_zero' },
      { index: 7, result: 'timestamp_must_not_regress' },
      { index: 8, result: 'reserved_flag' },
    ]);
    expect(ledger.transferCount).toBe(1);
  });

  it('refuses a transfer between accounts of different ledgers', () => {
    const ledger = ledgerWithCash();
    ledger.createAccounts([{ ...account('usdc'), ledger: 2 }]);
    expect(ledger.createTransfers([transfer('x', 'usdc', 'cash', 1n)])).toEqual([
      { index: 0, result: 'accounts_must_have_the_same_ledger' },
    ]);
  });

  it('applies a linked chain all or nothing and names the failing member', () => {
    const ledger = ledgerWithCash();
    const linked = { flags: transferFlags.linked };
    const failures = ledger.createTransfers([
      transfer('before', 'margin', 'cash', 100n),
      transfer('one', 'margin', 'cash', 400n, { ...linked, timestampMs: 2_000 }),
      transfer('two', 'margin', 'cash', 400n, { ...linked, timestampMs: 3_000 }),
      transfer('three', 'margin', 'cash', 400n, { timestampMs: 3_000 }), // cash 1000-100-400-400 = 100 < 400
      transfer('after', 'cash', 'margin', 50n, { timestampMs: 1_500 }),
    ]);
    expect(failures).toEqual([
      { index: 1, result: 'linked_event_failed' },
      { index: 2, result: 'linked_event_failed' },
      { index: 3, result: 'exceeds_debits' },
    ]);
    // The chain left nothing behind, including its later timestamps: 'after' at 1500 is fine.
    expect(balances(ledger)).toEqual({ capital: -1_000n, cash: 950n, margin: 50n, owed: 0n });
    expect(ledger.lookupTransfers(['one', 'two', 'three'])).toEqual([]);
    expect(ledger.transfers().map((t) => t.id)).toEqual(['deposit', 'before', 'after']);
  });

  it('fails a chain left open at the end of the batch', () => {
    const ledger = ledgerWithCash();
    expect(
      ledger.createTransfers([
        transfer('one', 'margin', 'cash', 1n, { flags: transferFlags.linked }),
        transfer('two', 'margin', 'cash', 1n, { flags: transferFlags.linked }),
      ]),
    ).toEqual([
      { index: 0, result: 'linked_event_failed' },
      { index: 1, result: 'linked_event_chain_open' },
    ]);
    expect(ledger.transferCount).toBe(1);
  });

  it('keeps written transfers immutable', () => {
    const ledger = ledgerWithCash();
    const [written] = ledger.lookupTransfers(['deposit']);
    expect(Object.isFrozen(written)).toBe(true);
    expect(() => {
      (written as { amount: bigint }).amount = 5n;
    }).toThrow();
  });
});
