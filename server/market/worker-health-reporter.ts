// The venue worker's side of worker health: every `everyMs` it overwrites its venue's field in
// the stream's health hash with its connector's health and its own counters, and once more
// when it stops. One HSET in flight at a time (a slow Redis skips beats, never queues them).
import type { Redis } from 'ioredis';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { workerHealthKey, workerReportStreamsMax, type WorkerReport } from './worker-health';

export const workerReportEveryMs = 2_000;

export interface WorkerHealthReporterOptions {
  redis: Redis;
  stream: string;
  venue: () => VenueStatus | undefined;
  stats: () => Pick<WorkerReport, 'published' | 'publishDropped' | 'outbox' | 'bars' | 'lateTrades'>;
  everyMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export class WorkerHealthReporter {
  readonly #options: WorkerHealthReporterOptions;
  readonly #timer: NodeJS.Timeout;
  #inFlight: Promise<void> | null = null;
  reports = 0;

  constructor(options: WorkerHealthReporterOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.report(), options.everyMs ?? workerReportEveryMs);
    void this.report();
  }

  /** Writes one report now (skipped while one is still being written). */
  report(stateOverride?: 'stopped'): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    const venue = this.#options.venue();
    if (!venue) return Promise.resolve();
    const report: WorkerReport = {
      venue: venue.venue,
      label: venue.label,
      state: stateOverride ?? venue.state,
      reason: venue.reason,
      streams: venue.streams.slice(0, workerReportStreamsMax).map((stream) => ({
        symbol: stream.symbol,
        channel: stream.channel,
        stale: stream.stale,
        lastEventAtMs: stream.lastEventAtMs,
        events: stream.events,
        dropped: stream.dropped,
        reconnects: stream.reconnects,
        resyncs: stream.resyncs,
      })),
      reportedAtMs: (this.#options.now ?? Date.now)(),
      ...this.#options.stats(),
    };
    const key = workerHealthKey(this.#options.stream);
    this.#inFlight = this.#options.redis
      .hset(key, venue.venue, JSON.stringify(report))
      .then(
        () => {
          this.reports++;
        },
        (error: unknown) => this.#options.onError?.(error),
      )
      .finally(() => {
        this.#inFlight = null;
      });
    return this.#inFlight;
  }

  /** Stops the beat and writes a last report saying the worker stopped. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#inFlight;
    await this.report('stopped');
  }
}
