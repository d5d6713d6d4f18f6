// The writer over the real store (PGlite in memory); a gate wrapped around the real sink holds
// or fails writes on demand to show backpressure and retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/open-store';
import { storeTargets } from '../../store/test-stores';
import type { JournalEntry, JournalSink, SequencedEntry } from './journal-entries';
import { JournalStore } from './journal-store';
import { JournalWriter } from './journal-writer';

const [pglite] = storeTargets('journal_writer');
let store: Store;
let journal: JournalStore;
let runCounter = 0;

beforeAll(async () => {
  store = await pglite.open();
  journal = new JournalStore(store.db);
});
afterAll(async () => {
  await store.close();
  await pglite.cleanup();
});

async function newRun(): Promise<string> {
  const runId = `run-${runCounter++}`;
  await journal.ensureRun(runId, 0);
  return runId;
}

const record = (id: string): JournalEntry => ({
  type: 'record',
  recordId: id,
  kind: 'order',
  atMs: 1,
  payload: { orderId: id, status: 'new' },
});

/** The real sink, with a way to hold writes, fail the next ones, and see each batch. */
function gated(sink: JournalSink) {
  let release: () => void = () => undefined;
  let held: Promise<void> | null = null;
  const gate = {
    batches: [] as number[][],
    failNext: 0,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    open() {
      held = null;
      release();
    },
    sink: {
      async writeBatch(entries: readonly SequencedEntry[]) {
        if (held) await held;
        if (gate.failNext > 0) {
          gate.failNext--;
          throw new Error('connection reset');
        }
        await sink.writeBatch(entries);
        gate.batches.push(entries.map((e) => e.seq));
      },
    },
  };
  return gate;
}

describe('JournalWriter', () => {
  it('numbers entries on append, writes them in order, whole groups per transaction', async () => {
    const runId = await newRun();
    const gate = gated(journal.sinkFor(runId));
    const writer = new JournalWriter(gate.sink, { nextSeq: 1, batchEntriesMax: 5 });
    const outcomes = [];
    for (let group = 0; group < 10; group++) {
      outcomes.push(writer.append([record(`g${group}a`), record(`g${group}b`), record(`g${group}c`)]));
    }
    expect(outcomes[0]).toEqual({ ok: true, firstSeq: 1, lastSeq: 3 });
    expect(outcomes[9]).toEqual({ ok: true, firstSeq: 28, lastSeq: 30 });
    expect(writer.durableSeq).toBe(0); // append never writes by itself
    await writer.flush();
    expect(writer.durableSeq).toBe(30);
    expect(writer.pendingEntries).toBe(0);
    // batches of at most 5 entries hold whole groups of 3: one group each, in order
    expect(gate.batches.flat()).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const batch of gate.batches) expect(batch.length).toBe(3);
    const run = await journal.readRun(runId);
    expect(run.records.map((r) => r.recordId)).toEqual(
      outcomes.flatMap((_, g) => [`g${g}a`, `g${g}b`, `g${g}c`]),
    );
  });

  it('refuses appends beyond its capacity with the figures, and takes them again once drained', async () => {
    const runId = await newRun();
    const gate = gated(journal.sinkFor(runId));
    gate.hold();
    const writer = new JournalWriter(gate.sink, { nextSeq: 1, capacityEntries: 4 });
    expect(writer.append([record('a'), record('b')]).ok).toBe(true);
    expect(writer.append([record('c'), record('d')]).ok).toBe(true);
    expect(writer.append([record('e')])).toEqual({
      ok: false,
      code: 'JOURNAL_FULL',
      pendingEntries: 4,
      capacityEntries: 4,
      groupEntries: 1,
    });
    const room = writer.waitForRoom(1);
    gate.open();
    await room;
    expect(writer.append([record('e')])).toMatchObject({ ok: true, firstSeq: 5 });
    await writer.close();
    expect(writer.append([record('f')])).toEqual({ ok: false, code: 'JOURNAL_CLOSED' });
    expect((await journal.readRun(runId)).records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('retries a failed write with the entries still queued, and stores each once', async () => {
    const runId = await newRun();
    const gate = gated(journal.sinkFor(runId));
    gate.failNext = 2;
    const errors: number[] = [];
    const writer = new JournalWriter(gate.sink, {
      nextSeq: 7,
      retryDelayMs: 1,
      onWriteError: (_, attempt) => errors.push(attempt),
    });
    writer.append([record('x'), record('y')]);
    await writer.flush();
    expect(errors).toEqual([1, 2]);
    // A batch that did commit but whose answer was lost is written again harmlessly.
    await journal.writeBatch(runId, [{ ...record('x'), seq: 7 }]);
    const run = await journal.readRun(runId);
    expect(run.records.map((r) => [r.seq, r.recordId])).toEqual([
      [7, 'x'],
      [8, 'y'],
    ]);
    expect(await journal.lastSeq(runId)).toBe(8);
  });
});
