// Rebuilds a run's state from its journal: the ledger from the accounts and transfers in
// sequence order (every one must apply cleanly, or the journal is reported as corrupt), the
// positions and booked event ids from the trading-event records, and the open orders from the
// order records (the last record per order whose status is not final). Pure: no store access.
import { z } from 'zod';
import { Accounting, type AccountingOptions, type PositionQuantity } from '../ledger/accounting';
import { transferFlags, type Transfer } from '../ledger/ledger-types';
import { MemoryLedger } from '../ledger/memory-ledger';
import type { JournalRun } from './journal-store';
import { tradingEventPayloadSchema, type TradingEventPayload } from './ledger-journal';

export class JournalCorruptError extends Error {
  readonly code = 'JOURNAL_CORRUPT';
  constructor(
    readonly runId: string,
    readonly seq: number,
    reason: string,
  ) {
    super(`journal of run ${runId} is inconsistent at entry ${seq}: ${reason}`);
    this.name = 'JournalCorruptError';
  }
}

/** The part of an order record the journal relies on; the rest is the order module's own. */
export const orderRecordSchema = z.looseObject({ orderId: z.string().min(1), status: z.string().min(1) });
export type OrderRecord = z.infer<typeof orderRecordSchema>;

const finalOrderStatuses = new Set(['filled', 'cancelled', 'canceled', 'rejected', 'expired']);
const transfersPerBatch = 1_000;

export interface RestoredRun {
  accounting: Accounting;
  lastSeq: number;
  /** Trading events in journal order, with what their booking left. */
  tradingEvents: (TradingEventPayload & { seq: number })[];
  openOrders: Map<string, OrderRecord>;
}

export function restoreRun(run: JournalRun, options?: AccountingOptions): RestoredRun {
  const ledger = new MemoryLedger();
  for (const { seq, ...account } of run.accounts) {
    const [failure] = ledger.createAccounts([account]);
    if (failure) throw new JournalCorruptError(run.runId, seq, `account ${account.id}: ${failure.result}`);
  }
  let batch: Transfer[] = [];
  let batchSeqs: number[] = [];
  const apply = () => {
    const [failure] = ledger.createTransfers(batch);
    if (failure) {
      const transfer = batch[failure.index];
      throw new JournalCorruptError(
        run.runId,
        batchSeqs[failure.index],
        `transfer ${transfer.id}: ${failure.result}`,
      );
    }
    batch = [];
    batchSeqs = [];
  };
  for (const { seq, ...transfer } of run.transfers) {
    batch.push(transfer);
    batchSeqs.push(seq);
    // Cut batches only where a linked chain ends.
    if (batch.length >= transfersPerBatch && (transfer.flags & transferFlags.linked) === 0) apply();
  }
  if (batch.length > 0) apply();

  const positions = new Map<string, PositionQuantity>();
  const tradingEvents: RestoredRun['tradingEvents'] = [];
  const openOrders = new Map<string, OrderRecord>();
  for (const record of run.records) {
    if (record.kind === 'trading-event') {
      const parsed = tradingEventPayloadSchema.safeParse(record.payload);
      if (!parsed.success) throw new JournalCorruptError(run.runId, record.seq, 'unreadable trading event');
      tradingEvents.push({ ...parsed.data, seq: record.seq });
      for (const p of parsed.data.positions) {
        positions.set(`${p.accountId}\u0000${p.symbol}`, { ...p, quantityUnits: BigInt(p.quantityUnits) });
      }
    } else if (record.kind === 'order') {
      const parsed = orderRecordSchema.safeParse(record.payload);
      if (!parsed.success) throw new JournalCorruptError(run.runId, record.seq, 'unreadable order record');
      if (finalOrderStatuses.has(parsed.data.status)) openOrders.delete(parsed.data.orderId);
      else openOrders.set(parsed.data.orderId, parsed.data);
    }
  }
  const accounting = new Accounting(ledger, options);
  accounting.restore(
    positions.values(),
    tradingEvents.map((t) => t.event.eventId),
  );
  return { accounting, lastSeq: run.lastSeq, tradingEvents, openOrders };
}
