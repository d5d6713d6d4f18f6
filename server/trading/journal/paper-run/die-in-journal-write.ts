// Test support for the paper-resume crash test: the server process kills itself with SIGKILL
// inside its nth journal write, after the batch's rows are inserted and before the transaction
// commits. A kill sent from outside lands at a random moment and rarely inside the few
// milliseconds a write takes; this one always does, so the test knows a half-written batch
// was left behind and checks that the restart neither lost nor doubled it.
import { TransactionBuilder, type Transaction } from 'kysely';
import type { StoreSchema } from '../../../store/schema';
import { JournalStore } from '../journal-store';

export function dieInJournalWrite(writeNumber: number, announce: (fact: object) => void): void {
  if (!Number.isSafeInteger(writeNumber) || writeNumber < 1)
    throw new RangeError('dieInJournalWrite: writeNumber must be a positive integer');
  const writeBatch = JournalStore.prototype.writeBatch;
  const execute = TransactionBuilder.prototype.execute;
  let writes = 0;
  let armed = false;
  JournalStore.prototype.writeBatch = function (this: JournalStore, runId, entries) {
    // writeBatch opens its transaction synchronously, so the flag is seen by that one only
    armed = ++writes === writeNumber;
    try {
      return writeBatch.call(this, runId, entries);
    } finally {
      armed = false;
    }
  };
  type Builder = TransactionBuilder<StoreSchema>;
  TransactionBuilder.prototype.execute = function <T>(
    this: Builder,
    callback: (tx: Transaction<StoreSchema>) => Promise<T>,
  ): Promise<T> {
    if (!armed) return execute.call(this, callback) as Promise<T>;
    return execute.call(this, async (tx: Transaction<StoreSchema>): Promise<T> => {
      const result = await callback(tx);
      announce({ dying: 'mid-flush', write: writeNumber });
      process.kill(process.pid, 'SIGKILL');
      return result;
    }) as Promise<T>;
  } as Builder['execute'];
}
