// Book events, journal them through the writer into the store, read the run back and rebuild:
// the rebuilt ledger, positions and open orders equal the originals. On PGlite always and on
// PostgreSQL when DATABASE_URL is set.
import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../../store/test-stores';
import type { TradingEvent } from '../events';
import { Accounting, type EventBooked } from '../ledger/accounting';
import { MemoryLedger } from '../ledger/memory-ledger';
import { JournalStore } from './journal-store';
import { JournalWriter } from './journal-writer';
import { journalEntriesForBooking } from './ledger-journal';
import { restoreRun } from './restore-run';

const targets = storeTargets('restore_run');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

const symbol = 'ETH/USDT:USDT';
const events: TradingEvent[] = [
  { kind: 'deposit', eventId: 'd1', accountId: 'a', atMs: 1, currency: 'USDT', amount: 5_000 },
  {
    kind: 'fill',
    eventId: 'f1',
    accountId: 'a',
    atMs: 2,
    orderId: 'o1',
    symbol,
    side: 'buy',
    quantity: 1.5,
    price: 2_000.5,
    fee: 1.5,
    liquidity: 'taker',
    reduceOnly: false,
  },
  {
    kind: 'funding',
    eventId: 'u1',
    accountId: 'a',
    atMs: 3,
    symbol,
    amount: -0.3,
    rate: 0.0001,
    markPrice: 2_001,
  },
  {
    kind: 'fill',
    eventId: 'f2',
    accountId: 'a',
    atMs: 4,
    orderId: 'o2',
    symbol,
    side: 'sell',
    quantity: 0.5,
    price: 2_100.25,
    fee: 0.52,
    liquidity: 'maker',
    reduceOnly: true,
  },
];

function ledgerState(accounting: Accounting) {
  return {
    accounts: [...accounting.ledger.accounts()].map((a) => ({ ...a })),
    transfers: accounting.ledger.transfers().map((t) => ({ ...t })),
    positions: accounting.positions(),
  };
}

describe.each(targets)('restoreRun from $name', (target) => {
  const run = targetRuns(target) ? it : it.skip;

  run('rebuilds ledger, positions and open orders exactly', async () => {
    const store = await target.open();
    try {
      const journal = new JournalStore(store.db);
      await journal.ensureRun('paper', 0);
      const writer = new JournalWriter(journal.sinkFor('paper'), { nextSeq: 1 });
      const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 5 });
      writer.append([
        {
          type: 'record',
          recordId: 'o1/new',
          kind: 'order',
          atMs: 2,
          payload: { orderId: 'o1', status: 'new' },
        },
      ]);
      writer.append([
        {
          type: 'record',
          recordId: 'o3/new',
          kind: 'order',
          atMs: 2,
          payload: { orderId: 'o3', status: 'new', price: 1_900 },
        },
      ]);
      for (const event of events) {
        const outcome = accounting.book(event) as EventBooked;
        expect(outcome.ok).toBe(true);
        writer.append(journalEntriesForBooking(event, outcome));
      }
      writer.append([
        {
          type: 'record',
          recordId: 'o1/filled',
          kind: 'order',
          atMs: 5,
          payload: { orderId: 'o1', status: 'filled' },
        },
      ]);
      await writer.close();

      const restored = restoreRun(await journal.readRun('paper'), { leverageOf: () => 5 });
      expect(ledgerState(restored.accounting)).toEqual(ledgerState(accounting));
      expect(restored.accounting.positionUnits('a', symbol)).toBe(100_000_000n);
      expect([...restored.openOrders.keys()]).toEqual(['o3']);
      expect(restored.openOrders.get('o3')).toMatchObject({ price: 1_900 });
      expect(restored.tradingEvents.map((t) => t.event)).toEqual(events);
      expect(restored.lastSeq).toBe(writer.durableSeq);
      // A restored run refuses to book an event twice.
      expect(restored.accounting.book(events[1])).toMatchObject({ ok: true, duplicate: true });
    } finally {
      await store.close();
    }
  });
});

describe('restoreRun on a journal that does not add up', () => {
  it('names the entry instead of rebuilding a wrong ledger', () => {
    const run = {
      runId: 'r',
      lastSeq: 2,
      records: [],
      accounts: [{ seq: 1, id: 'a/USDT/cash', ledger: 1, code: 1, flags: 4, timestampMs: 0 }],
      transfers: [
        {
          seq: 2,
          id: 't',
          debitAccountId: 'a/USDT/cash',
          creditAccountId: 'a/USDT/capital',
          amount: 5n,
          ledger: 1,
          code: 1,
          flags: 0,
          eventId: 'e',
          timestampMs: 0,
        },
      ],
    };
    expect(() => restoreRun(run)).toThrow(/entry 2: transfer t: credit_account_not_found/);
  });
});
