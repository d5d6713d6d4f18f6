// Ledger transfers per second in memory: the MemoryLedger applying linked chains of four
// transfers (the shape of a fill), against a baseline run alongside that only pushes the same
// transfer objects into an array and a Map (the cheapest possible "store" of them). Also
// trading events booked per second by Accounting (fills through the chart of accounts).
import { Accounting } from '../server/trading/ledger/accounting';
import { accountFlags, transferFlags, type Transfer } from '../server/trading/ledger/ledger-types';
import { MemoryLedger } from '../server/trading/ledger/memory-ledger';
import type { TradingEvent } from '../server/trading/events';
import type { Bench, BenchResult } from './types';

const transferCount = 400_000;
const chainLength = 4;
const accountCount = 64;
const eventCount = 100_000;

function transfers(): Transfer[] {
  const list: Transfer[] = [];
  for (let i = 0; i < transferCount; i++) {
    const debit = i % accountCount;
    list.push({
      id: `t${i}`,
      debitAccountId: `a${debit}`,
      creditAccountId: `a${(debit + 1) % accountCount}`,
      amount: BigInt(1 + (i % 1000)),
      ledger: 1,
      code: 1,
      flags: i % chainLength === chainLength - 1 ? transferFlags.none : transferFlags.linked,
      eventId: `e${Math.floor(i / chainLength)}`,
      timestampMs: i,
    });
  }
  return list;
}

function ledgerRate(list: Transfer[]): number {
  const ledger = new MemoryLedger();
  ledger.createAccounts(
    Array.from({ length: accountCount }, (_, i) => ({
      id: `a${i}`,
      ledger: 1,
      code: 1,
      flags: accountFlags.none,
      timestampMs: 0,
    })),
  );
  const start = performance.now();
  for (let i = 0; i < list.length; i += chainLength) {
    const failures = ledger.createTransfers(list.slice(i, i + chainLength));
    if (failures.length > 0) throw new Error(`bench: transfer refused: ${failures[0].result}`);
  }
  return list.length / ((performance.now() - start) / 1000);
}

function pushRate(list: Transfer[]): number {
  const array: Transfer[] = [];
  const byId = new Map<string, Transfer>();
  const start = performance.now();
  for (let i = 0; i < list.length; i += chainLength) {
    for (const transfer of list.slice(i, i + chainLength)) {
      array.push(transfer);
      byId.set(transfer.id, transfer);
    }
  }
  if (array.length !== byId.size) throw new Error('bench: baseline lost transfers');
  return list.length / ((performance.now() - start) / 1000);
}

function fills(): TradingEvent[] {
  const events: TradingEvent[] = [
    { kind: 'deposit', eventId: 'd', accountId: 'b', atMs: 0, currency: 'USDT', amount: 1e9 },
  ];
  for (let i = 1; i < eventCount; i++) {
    events.push({
      kind: 'fill',
      eventId: `f${i}`,
      accountId: 'b',
      atMs: i,
      orderId: `o${i}`,
      symbol: 'BTC/USDT:USDT',
      side: i % 3 === 0 ? 'sell' : 'buy',
      quantity: 0.001 * (1 + (i % 7)),
      price: 60_000 + (i % 100) * 0.5,
      fee: 0.01,
      liquidity: 'taker',
      reduceOnly: false,
    });
  }
  return events;
}

function bookingRate(events: TradingEvent[]): { eventsPerSecond: number; transfers: number } {
  const accounting = new Accounting(new MemoryLedger(), { leverageOf: () => 10 });
  const start = performance.now();
  for (const event of events) {
    if (!accounting.book(event).ok) throw new Error(`bench: ${event.eventId} refused`);
  }
  return {
    eventsPerSecond: events.length / ((performance.now() - start) / 1000),
    transfers: accounting.ledger.transferCount,
  };
}

const bench: Bench = {
  name: 'ledger',
  async run(): Promise<BenchResult[]> {
    const list = transfers();
    ledgerRate(list.slice(0, 40_000)); // warm-up
    pushRate(list.slice(0, 40_000));
    const ledger = ledgerRate(list);
    const baseline = pushRate(list);
    const events = fills();
    bookingRate(events.slice(0, 10_000));
    const booking = bookingRate(events);
    return [
      {
        name: 'transfers/s in memory',
        value: ledger,
        unit: 'transfers/s',
        baselineName: 'array+Map push',
        baselineValue: baseline,
        ratio: ledger / baseline,
        goal: '>= 1M transfers/s; the ratio shows the cost of validation, limits and chains',
        notes: `${transferCount} transfers in linked chains of ${chainLength}, ${accountCount} accounts`,
      },
      {
        name: 'fills booked/s (Accounting)',
        value: booking.eventsPerSecond,
        unit: 'events/s',
        baselineName: 'ledger transfers/s',
        baselineValue: ledger,
        ratio: booking.eventsPerSecond / ledger,
        goal: '>= 100k fills/s (far above any venue fill rate)',
        notes: `${eventCount} fills -> ${booking.transfers} transfers`,
      },
    ];
  },
};

export default bench;
