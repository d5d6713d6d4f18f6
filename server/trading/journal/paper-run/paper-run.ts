// A resumable paper run for the crash test: restore ledger and positions from the journal,
// skip the deterministic stream to where the journal ends, then book events as fast as the
// journal takes them. Booking is in memory; the journal group of an event is appended right
// after it is booked; an event counts as acknowledged once its group is durable.
// When the full paper mode lands, the crash test can point at it instead (same journal).
import type { Accounting } from '../../ledger/accounting';
import type { Store } from '../../../store/open-store';
import { JournalStore } from '../journal-store';
import { JournalWriter } from '../journal-writer';
import { journalEntriesForBooking } from '../ledger-journal';
import { restoreRun } from '../restore-run';
import { PaperStream, indexOfEventId } from './paper-stream';
import { eventIdsDigest, stateDigest, type StateDigest } from './state-digest';

export interface PaperRunOptions {
  store: Store;
  runId: string;
  seed: number;
  /** Stop at this stream index (exclusive)... */
  eventsMax: number;
  /** ...or this many events after the resume point, whichever comes first. */
  eventsAfterResume?: number;
  /** Called once restored, before the first new event. */
  onRestored?: (report: RestoredReport) => void;
  /** Called with the highest stream index whose journal group is durable. */
  onAcknowledged?: (index: number) => void;
}

export interface RestoredReport extends StateDigest {
  journaledEvents: number;
  /** The stream index to continue from. */
  resumeIndex: number;
  eventIdsDigest: string;
}

export const paperLeverage = 10;
const groupEntriesMax = 32;
const yieldEveryEvents = 200;

export async function runPaper(options: PaperRunOptions): Promise<void> {
  const journal = new JournalStore(options.store.db);
  await journal.ensureRun(options.runId, 0, { kind: 'paper-crash-test', seed: options.seed });
  const restored = restoreRun(await journal.readRun(options.runId), { leverageOf: () => paperLeverage });
  const accounting: Accounting = restored.accounting;
  const eventIds = restored.tradingEvents.map((t) => t.event.eventId);
  const lastIndex = eventIds.length > 0 ? indexOfEventId(eventIds[eventIds.length - 1]) : -1;
  const stream = new PaperStream(options.seed);
  stream.skip(lastIndex + 1);
  options.onRestored?.({
    ...stateDigest(accounting),
    journaledEvents: eventIds.length,
    resumeIndex: lastIndex + 1,
    eventIdsDigest: eventIdsDigest(eventIds),
  });

  const writer = new JournalWriter(journal.sinkFor(options.runId), {
    nextSeq: restored.lastSeq + 1,
    capacityEntries: 20_000,
    batchEntriesMax: 2_000,
  });
  // (last seq of a group, stream index) in append order, to acknowledge by index.
  const pendingAcks: [number, number][] = [];
  writer.onDurable((durableSeq) => {
    let acknowledged = -1;
    while (pendingAcks.length > 0 && pendingAcks[0][0] <= durableSeq) acknowledged = pendingAcks.shift()![1];
    if (acknowledged >= 0) options.onAcknowledged?.(acknowledged);
  });

  const endIndex = Math.min(
    options.eventsMax,
    lastIndex + 1 + (options.eventsAfterResume ?? Number.POSITIVE_INFINITY),
  );
  while (stream.index < endIndex) {
    if (writer.pendingEntries + groupEntriesMax > writer.capacityEntries)
      await writer.waitForRoom(groupEntriesMax);
    const index = stream.index;
    const event = stream.next();
    const outcome = accounting.book(event);
    if (outcome.ok && !outcome.duplicate) {
      const appended = writer.append(journalEntriesForBooking(event, outcome));
      if (!appended.ok) throw new Error(`paper run: journal refused an append: ${appended.code}`);
      pendingAcks.push([appended.lastSeq, index]);
    }
    if (index % yieldEveryEvents === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.close();
}
