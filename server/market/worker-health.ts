// The health a venue worker reports over Redis, and how the server shows it in MarketHub's
// getVenues. One hash per market stream (`<stream>:health`), one field per venue holding the
// newest report as JSON: a worker overwrites its own field, so the hash is bounded by the
// number of venues, and each report by `workerReportStreamsMax` streams.
import { z } from 'zod';
import type { MarketStreamStatus, VenueStatus } from '@patchdesk/modules/contracts/hubs';

/** A report this old means the worker is gone or cut off from Redis (it reports every 2 s). */
export const workerReportStaleAfterMs = 10_000;
export const workerReportStreamsMax = 500;
/** The server reads at most this many venues' reports. */
export const workerReportVenuesMax = 64;
export const workerReportBytesMax = 256 * 1024;

export function workerHealthKey(stream: string): string {
  return `${stream}:health`;
}

const streamSchema = z.strictObject({
  symbol: z.string().max(60),
  channel: z.string().max(40),
  stale: z.boolean(),
  lastEventAtMs: z.number().int().nullable(),
  events: z.number().int().min(0),
  dropped: z.number().int().min(0),
  reconnects: z.number().int().min(0),
  resyncs: z.number().int().min(0),
});

export const workerReportSchema = z.strictObject({
  venue: z.string().min(1).max(40),
  label: z.string().max(80),
  state: z.enum(['connecting', 'live', 'unreachable', 'stopped']),
  reason: z.string().max(500).nullable(),
  streams: z.array(streamSchema).max(workerReportStreamsMax),
  reportedAtMs: z.number().int(),
  published: z.number().int().min(0),
  publishDropped: z.number().int().min(0),
  outbox: z.number().int().min(0),
  bars: z.number().int().min(0),
  lateTrades: z.number().int().min(0),
});
export type WorkerReport = z.infer<typeof workerReportSchema>;

/**
 * The report as MarketHub shows it at `nowMs`: ages filled in, and a report older than
 * `staleAfterMs` turned into an unreachable venue whose streams are all stale (the worker may
 * be dead; what it said last is kept for the figures).
 */
export function venueStatusOfReport(
  report: WorkerReport,
  nowMs: number,
  staleAfterMs = workerReportStaleAfterMs,
): VenueStatus {
  const reportAgeMs = Math.max(0, nowMs - report.reportedAtMs);
  const silent = report.state !== 'stopped' && reportAgeMs > staleAfterMs;
  return {
    venue: report.venue,
    label: report.label,
    state: silent ? 'unreachable' : report.state,
    reason: silent ? `its worker has not reported for ${Math.round(reportAgeMs / 1000)} s` : report.reason,
    streams: report.streams.map((stream): MarketStreamStatus => ({
      ...stream,
      stale: silent || stream.stale,
      lastEventAgeMs: stream.lastEventAtMs === null ? null : Math.max(0, nowMs - stream.lastEventAtMs),
    })),
    worker: {
      reportedAtMs: report.reportedAtMs,
      reportAgeMs,
      published: report.published,
      publishDropped: report.publishDropped,
      outbox: report.outbox,
      bars: report.bars,
      lateTrades: report.lateTrades,
    },
  };
}
