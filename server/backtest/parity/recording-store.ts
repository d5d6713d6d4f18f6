// Run recordings in the store (migration 0004-run-recordings): created when a paper run starts,
// then written in batches by the RecordingWriter, each batch one transaction (its chunks, its
// events and the tick count so far), and read back whole for a parity check.
import type { Kysely } from 'kysely';
import type { StoreSchema } from '../../store/schema';
import type { RecordingSummary } from '@patchdesk/modules/contracts/parity';
import type { MarketTape } from '../../engine/market-tape';
import type { SealedChunk } from './tick-codec';
import { readTape, saveTape, type StoredTape } from './recording-tape';
import type { RecordingEvent, RecordingHead, RecordingState } from './recording-types';

export interface StoredChunk extends SealedChunk {
  seq: number;
  firstTick: number;
}

export interface RecordingBatch {
  chunks: readonly StoredChunk[];
  events: readonly (RecordingEvent & { seq: number })[];
  /** Ticks recorded once this batch is in. */
  ticks: number;
  /** Set on the last batch. */
  end?: { state: Exclude<RecordingState, 'recording'>; reason: string | null };
}

export interface RecordingSink {
  writeBatch(batch: RecordingBatch): Promise<void>;
}

export class RecordingStore {
  constructor(private readonly db: Kysely<StoreSchema>) {}

  async create(head: RecordingHead): Promise<void> {
    await this.db
      .insertInto('run_recordings')
      .values({
        run_id: head.runId,
        patch_name: head.patchName,
        patch_hash: head.patchHash,
        patch: JSON.stringify(head.patch),
        config: JSON.stringify(head.config),
        created_at_ms: head.createdAtMs,
        state: 'recording',
        ticks: 0,
        ended_reason: null,
      })
      .execute();
  }

  sinkFor(runId: string): RecordingSink {
    return { writeBatch: (batch) => this.writeBatch(runId, batch) };
  }

  private async writeBatch(runId: string, batch: RecordingBatch): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      if (batch.chunks.length > 0) {
        await tx
          .insertInto('run_recording_chunks')
          .values(
            batch.chunks.map((chunk) => ({
              run_id: runId,
              chunk_seq: chunk.seq,
              first_tick: chunk.firstTick,
              tick_count: chunk.tickCount,
              ports: JSON.stringify(chunk.ports),
              body: chunk.body,
            })),
          )
          // a retried batch that did commit changes nothing
          .onConflict((conflict) => conflict.columns(['run_id', 'chunk_seq']).doNothing())
          .execute();
      }
      if (batch.events.length > 0) {
        await tx
          .insertInto('run_recording_events')
          .values(
            batch.events.map((event) => ({
              run_id: runId,
              event_seq: event.seq,
              tick: event.tick,
              kind: event.kind,
              at_ms: event.atMs,
              payload: JSON.stringify(event.payload),
            })),
          )
          .onConflict((conflict) => conflict.columns(['run_id', 'event_seq']).doNothing())
          .execute();
      }
      await tx
        .updateTable('run_recordings')
        .set({
          ticks: batch.ticks,
          ...(batch.end ? { state: batch.end.state, ended_reason: batch.end.reason } : {}),
        })
        .where('run_id', '=', runId)
        .execute();
    });
  }

  /** Saves a run's market tape (once, when the run has ended). */
  saveTape(runId: string, tape: MarketTape): Promise<void> {
    return saveTape(this.db, runId, tape);
  }

  /** A run's market tape, checked; null when none was saved. */
  readTape(runId: string, staleAfterMs: number): Promise<StoredTape | null> {
    return readTape(this.db, runId, staleAfterMs);
  }

  /** The raw rows of a recording (checked by read-recording.ts), or null when there is none. */
  async read(runId: string) {
    const head = await this.db
      .selectFrom('run_recordings')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    if (!head) return null;
    const chunks = await this.db
      .selectFrom('run_recording_chunks')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('chunk_seq')
      .execute();
    const events = await this.db
      .selectFrom('run_recording_events')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('event_seq')
      .execute();
    return { head, chunks, events };
  }

  /** The newest recordings (of one patch, when named), newest first. */
  async list(limit = 20, patchName?: string): Promise<RecordingSummary[]> {
    let query = this.db
      .selectFrom('run_recordings')
      .select(['run_id', 'patch_name', 'state', 'ticks', 'created_at_ms'])
      .orderBy('created_at_ms', 'desc')
      .orderBy('run_id', 'desc')
      .limit(limit);
    if (patchName !== undefined) query = query.where('patch_name', '=', patchName);
    const rows = await query.execute();
    return rows.map((row) => ({
      runId: row.run_id,
      patchName: row.patch_name,
      state: row.state as RecordingSummary['state'],
      ticks: Number(row.ticks),
      createdAtMs: Number(row.created_at_ms),
    }));
  }
}
