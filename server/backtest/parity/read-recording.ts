// Reads a run recording back and checks every row before anything is re-run: a missing run, a
// row that does not parse, chunks out of order or with a gap, or a body the codec refuses gives
// a RecordingError that says what is wrong and where (chunk, tick), never a wrong verdict.
import { z } from 'zod';
import type { RecordingStore, StoredChunk } from './recording-store';
import {
  recordingConfigSchema,
  recordingEventSchema,
  type RecordingEvent,
  type RecordingHead,
  type RecordingState,
} from './recording-types';
import type { StoredTape } from './recording-tape';
import { decodeChunk, TickCodecError } from './tick-codec';

export class RecordingError extends Error {
  override readonly name = 'RecordingError';
  constructor(
    message: string,
    readonly code: 'RECORDING_NOT_FOUND' | 'RECORDING_CORRUPT',
  ) {
    super(message);
  }
}

export interface Recording {
  head: RecordingHead;
  state: RecordingState;
  endedReason: string | null;
  /** Ticks the stored chunks hold. */
  ticks: number;
  chunks: StoredChunk[];
  events: RecordingEvent[];
  /** The market tape of a run that read streams (config.market); null when none was saved. */
  tape: StoredTape | null;
}

const portsSchema = z.array(z.string().min(3).max(400)).max(4_096);

export async function readRecording(store: RecordingStore, runId: string): Promise<Recording> {
  const rows = await store.read(runId);
  if (!rows)
    throw new RecordingError(
      `no recording of run "${runId}" (paper runs are recorded from their start)`,
      'RECORDING_NOT_FOUND',
    );
  const corrupt = (where: string, what: string) =>
    new RecordingError(`the recording of run "${runId}" is corrupt: ${where}: ${what}`, 'RECORDING_CORRUPT');
  const config = recordingConfigSchema.safeParse(parsedJson(rows.head.config));
  if (!config.success) throw corrupt('its config', firstIssue(config.error));
  const state = z.enum(['recording', 'complete', 'truncated']).safeParse(rows.head.state);
  if (!state.success) throw corrupt('its state', `"${rows.head.state}" is not a recording state`);
  const chunks: StoredChunk[] = [];
  let nextTick = 0;
  for (const [index, row] of rows.chunks.entries()) {
    const where = `chunk ${index}`;
    if (row.chunk_seq !== index)
      throw corrupt(where, `numbered ${row.chunk_seq}: a chunk is missing before it`);
    if (Number(row.first_tick) !== nextTick)
      throw corrupt(where, `starts at tick ${row.first_tick}, expected ${nextTick}`);
    const ports = portsSchema.safeParse(parsedJson(row.ports));
    if (!ports.success) throw corrupt(where, `its port list: ${firstIssue(ports.error)}`);
    if (!Number.isInteger(row.tick_count) || row.tick_count < 1)
      throw corrupt(where, `tick count ${row.tick_count} is not a positive integer`);
    const chunk: StoredChunk = {
      seq: index,
      firstTick: nextTick,
      tickCount: row.tick_count,
      ports: ports.data,
      body: row.body instanceof Uint8Array ? row.body : new Uint8Array(0),
    };
    checkBody(chunk, (what) =>
      corrupt(`${where} (ticks ${chunk.firstTick}-${chunk.firstTick + chunk.tickCount - 1})`, what),
    );
    chunks.push(chunk);
    nextTick += row.tick_count;
  }
  const events: RecordingEvent[] = [];
  for (const [index, row] of rows.events.entries()) {
    const parsed = recordingEventSchema.safeParse({
      kind: row.kind,
      tick: Number(row.tick),
      atMs: Number(row.at_ms),
      payload: parsedJson(row.payload),
    });
    if (!parsed.success) throw corrupt(`event ${index} (${row.kind})`, firstIssue(parsed.error));
    events.push(parsed.data);
  }
  const market = config.data.market;
  const tape = market ? await store.readTape(runId, market.staleAfterMs) : null;
  return {
    head: {
      runId,
      patchName: rows.head.patch_name,
      patchHash: rows.head.patch_hash,
      patch: parsedJson(rows.head.patch),
      config: config.data,
      createdAtMs: Number(rows.head.created_at_ms),
    },
    state: state.data,
    endedReason: rows.head.ended_reason,
    ticks: nextTick,
    chunks,
    events,
    tape,
  };
}

/** Decodes the body once through, so damage is found before the backtest starts. */
function checkBody(chunk: StoredChunk, corrupt: (what: string) => RecordingError): void {
  try {
    for (const tick of decodeChunk(chunk)) void tick;
  } catch (error) {
    if (error instanceof TickCodecError) throw corrupt(error.message);
    throw error;
  }
}

function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid';
}
