// What a run recording holds, and the zod schemas that check it when it is read back: a stored
// recording is input like any other (a damaged row must give a clear error, not a wrong verdict).
import { z } from 'zod';
import { runStreamsSchema } from '../../engine/market-streams';
import { venueModelSchema } from '../../trading/session/paper-config';

/** A run that read market streams: its feed's streams and the bridge's stale window (its tape replays into them). */
export const recordingMarketSchema = z.strictObject({
  streams: runStreamsSchema.min(1),
  staleAfterMs: z.number().int().positive(),
});

/** Everything the backtest needs to re-run the run as it was started. */
export const recordingConfigSchema = z.strictObject({
  venue: venueModelSchema,
  /** Prefix of the run's client order ids: the re-run uses it too, so ids compare equal. */
  runKey: z.string().min(1).max(64),
  tickIntervalMs: z.number().int().positive(),
  barIntervalMs: z.number().int().positive(),
  market: recordingMarketSchema.optional(),
});
export type RecordingConfig = z.infer<typeof recordingConfigSchema>;

export interface RecordingHead {
  runId: string;
  patchName: string;
  patchHash: string;
  /** The patch the run started with (the version the parity backtest re-runs). */
  patch: unknown;
  config: RecordingConfig;
  createdAtMs: number;
}

const fillPayload = z.strictObject({
  clientOrderId: z.string().nullable(),
  side: z.enum(['buy', 'sell']),
  price: z.number(),
  quantity: z.number(),
  fee: z.number(),
  liquidation: z.boolean(),
});
const orderPayload = z.strictObject({
  clientOrderId: z.string(),
  change: z.enum(['accepted', 'rejected', 'canceled']),
});
const patchedPayload = z.strictObject({ patchHash: z.string() });

/** A fact of the run, on the tick it happened (a hot edit: before that tick's step). */
export const recordingEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fill'),
    tick: z.number().int().min(0),
    atMs: z.number(),
    payload: fillPayload,
  }),
  z.strictObject({
    kind: z.literal('order'),
    tick: z.number().int().min(0),
    atMs: z.number(),
    payload: orderPayload,
  }),
  z.strictObject({
    kind: z.literal('patched'),
    tick: z.number().int().min(0),
    atMs: z.number(),
    payload: patchedPayload,
  }),
]);
export type RecordingEvent = z.infer<typeof recordingEventSchema>;
export type RecordedFill = z.infer<typeof fillPayload> & { atMs: number; tick: number };

export type RecordingState = 'recording' | 'complete' | 'truncated';
