// The market tape of a recorded paper run in the store (migration 0007-run-recording-tapes):
// saved whole when the run ends, in segments of a bounded number of ticks and events, and read
// back checked (a damaged segment gives a RecordingError naming it, never a wrong verdict).
// The tape itself is bounded in memory by MarketTape's limits; a truncated tape is saved as
// far as it goes and says where it stopped.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MarketFeedEvent } from '@patchdesk/modules/sdk/market-feed-writer';
import { MarketTape } from '../../engine/market-tape';
import type { StoreSchema } from '../../store/schema';
import { RecordingError } from './read-recording';

/** A segment is sealed at this many ticks, or once its events reach `segmentEventsMax`. */
export const segmentTicksMax = 1_000;
export const segmentEventsMax = 2_000;
/** Segment rows per insert statement. */
const insertRowsMax = 50;

const finite = z.number().finite();
const base = { venue: z.string().min(1), symbol: z.string().min(1), exchangeTimeMs: finite };
const level = z.tuple([finite, finite]);
/** The fields the feed writer reads; anything else the bus carried is dropped on reading. */
const tapeEventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('trade'),
    price: finite,
    amount: finite,
    side: z.enum(['buy', 'sell']),
  }),
  z.object({
    ...base,
    kind: z.literal('book'),
    update: z.enum(['snapshot', 'delta']),
    sequence: finite,
    bids: z.array(level),
    asks: z.array(level),
  }),
  z.object({
    ...base,
    kind: z.literal('ticker'),
    last: finite,
    bid: finite.nullable(),
    ask: finite.nullable(),
  }),
  z.object({ ...base, kind: z.literal('mark'), markPrice: finite, indexPrice: finite.nullable() }),
  z.object({ ...base, kind: z.literal('funding'), rate: finite, nextFundingTimeMs: finite.nullable() }),
  z.object({ ...base, kind: z.literal('openInterest'), amount: finite, value: finite.nullable() }),
  z.object({ ...base, kind: z.literal('ohlcv') }),
]);

const segmentSchema = z
  .strictObject({
    /** Staleness-clock reading per tick. */
    nowMs: z.array(finite).min(1).max(segmentTicksMax),
    /** Events applied per tick. */
    counts: z.array(z.number().int().min(0)),
    events: z.array(tapeEventSchema),
  })
  .refine((segment) => segment.counts.length === segment.nowMs.length, {
    message: 'its tick counts and clock readings differ in length',
  })
  .refine((segment) => segment.counts.reduce((sum, count) => sum + count, 0) === segment.events.length, {
    message: 'its event counts do not add up to its events',
  });
/** A segment as saved (the events as the bridge applied them; reading keeps the fields above). */
interface Segment {
  nowMs: number[];
  counts: number[];
  events: MarketFeedEvent[];
}

/** Saves the tape of run `runId` (its recording row must exist), in one transaction. */
export async function saveTape(db: Kysely<StoreSchema>, runId: string, tape: MarketTape): Promise<void> {
  const rows = segmentsOf(tape).map((segment, index) => ({
    run_id: runId,
    segment_seq: index,
    first_tick: segment.firstTick,
    body: JSON.stringify(segment.body),
  }));
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('run_recording_tapes')
      .values({ run_id: runId, ticks: tape.ticks, truncated: tape.truncated })
      .execute();
    for (let at = 0; at < rows.length; at += insertRowsMax) {
      await tx
        .insertInto('run_recording_tape_segments')
        .values(rows.slice(at, at + insertRowsMax))
        .execute();
    }
  });
}

function segmentsOf(tape: MarketTape): { firstTick: number; body: Segment }[] {
  const segments: { firstTick: number; body: Segment }[] = [];
  let current: Segment | null = null;
  for (let tick = 0; tick < tape.ticks; tick++) {
    const end = tick + 1 < tape.ticks ? tape.firstEvent[tick + 1] : tape.events.length;
    const events = tape.events.slice(tape.firstEvent[tick], end);
    if (
      !current ||
      current.nowMs.length >= segmentTicksMax ||
      (current.events.length > 0 && current.events.length + events.length > segmentEventsMax)
    ) {
      current = { nowMs: [], counts: [], events: [] };
      segments.push({ firstTick: tick, body: current });
    }
    current.nowMs.push(tape.nowMs[tick]);
    current.counts.push(events.length);
    for (const event of events) current.events.push(event);
  }
  return segments;
}

/** A saved tape: the tape (as far as it was kept) and whether it stopped at its bound. */
export interface StoredTape {
  tape: MarketTape;
  truncated: boolean;
}

/** The tape of run `runId`, checked; null when none was saved. */
export async function readTape(
  db: Kysely<StoreSchema>,
  runId: string,
  staleAfterMs: number,
): Promise<StoredTape | null> {
  const head = await db
    .selectFrom('run_recording_tapes')
    .selectAll()
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!head) return null;
  const rows = await db
    .selectFrom('run_recording_tape_segments')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('segment_seq')
    .execute();
  const corrupt = (where: string, what: string) =>
    new RecordingError(
      `the recording of run "${runId}" is corrupt: its market tape, ${where}: ${what}`,
      'RECORDING_CORRUPT',
    );
  // the replay must not stop at a bound the run did not hit
  const tape = new MarketTape(staleAfterMs, {
    ticks: Number.MAX_SAFE_INTEGER,
    events: Number.MAX_SAFE_INTEGER,
  });
  for (const [index, row] of rows.entries()) {
    const where = `segment ${index}`;
    if (row.segment_seq !== index) throw corrupt(where, `numbered ${row.segment_seq}: a segment is missing`);
    if (Number(row.first_tick) !== tape.ticks)
      throw corrupt(where, `starts at tick ${row.first_tick}, expected ${tape.ticks}`);
    const parsed = segmentSchema.safeParse(parsedJson(row.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw corrupt(where, issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid');
    }
    const { nowMs, counts, events } = parsed.data;
    let at = 0;
    for (let i = 0; i < nowMs.length; i++) {
      tape.record(nowMs[i], events.slice(at, at + counts[i]) as MarketFeedEvent[]);
      at += counts[i];
    }
  }
  if (tape.ticks !== Number(head.ticks))
    throw corrupt('its segments', `hold ${tape.ticks} ticks, its head says ${head.ticks}`);
  return { tape, truncated: head.truncated };
}

function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
