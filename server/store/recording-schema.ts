// Table types of migration 0004-run-recordings (see 0004-run-recordings.ts).
import type { ColumnType } from 'kysely';

type Int8 = ColumnType<bigint, bigint | number, bigint | number>;
type Json = ColumnType<unknown, string, string>;

export interface RunRecordingTable {
  run_id: string;
  patch_name: string;
  patch_hash: string;
  patch: Json;
  config: Json;
  created_at_ms: Int8;
  /** 'recording' while the run goes on (or when it crashed), then 'complete' or 'truncated'. */
  state: string;
  ticks: Int8;
  ended_reason: string | null;
}

export interface RunRecordingChunkTable {
  run_id: string;
  chunk_seq: number;
  first_tick: Int8;
  tick_count: number;
  ports: Json;
  body: Uint8Array;
}

export interface RunRecordingEventTable {
  run_id: string;
  event_seq: number;
  tick: Int8;
  kind: string;
  at_ms: Int8;
  payload: Json;
}

/** Migration 0007-run-recording-tapes. */
export interface RunRecordingTapeTable {
  run_id: string;
  ticks: Int8;
  truncated: boolean;
}

export interface RunRecordingTapeSegmentTable {
  run_id: string;
  segment_seq: number;
  first_tick: Int8;
  body: Json;
}

export interface RunRecordingSchema {
  run_recordings: RunRecordingTable;
  run_recording_chunks: RunRecordingChunkTable;
  run_recording_events: RunRecordingEventTable;
  run_recording_tapes: RunRecordingTapeTable;
  run_recording_tape_segments: RunRecordingTapeSegmentTable;
}
