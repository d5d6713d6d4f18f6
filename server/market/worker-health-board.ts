// The server's side of worker health: polls the stream's health hash every `everyMs` and keeps
// the newest valid report per venue, so getVenues answers from memory. A report that does not
// parse is dropped with a counted log line; at most `workerReportVenuesMax` venues are kept.
import type { Redis } from 'ioredis';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import type { DropLog } from './drop-log';
import {
  venueStatusOfReport,
  workerHealthKey,
  workerReportBytesMax,
  workerReportSchema,
  workerReportStaleAfterMs,
  workerReportVenuesMax,
  type WorkerReport,
} from './worker-health';

export interface WorkerHealthBoardOptions {
  redis: Redis;
  stream: string;
  everyMs?: number;
  staleAfterMs?: number;
  now?: () => number;
  dropLog?: DropLog;
  onError?: (error: unknown) => void;
}

export class WorkerHealthBoard {
  readonly #options: WorkerHealthBoardOptions;
  #reports = new Map<string, WorkerReport>();
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;

  constructor(options: WorkerHealthBoardOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.poll(), this.#options.everyMs ?? 1_000);
    void this.poll();
  }

  /** Reads the hash once (one poll at a time). */
  poll(): Promise<void> {
    this.#polling ??= this.#read().finally(() => {
      this.#polling = null;
    });
    return this.#polling;
  }

  async #read(): Promise<void> {
    let fields: Record<string, string>;
    try {
      fields = await this.#options.redis.hgetall(workerHealthKey(this.#options.stream));
    } catch (error) {
      this.#options.onError?.(error);
      return;
    }
    const reports = new Map<string, WorkerReport>();
    for (const venue of Object.keys(fields).sort()) {
      if (reports.size >= workerReportVenuesMax) break;
      const report = parseReport(fields[venue]);
      if (report && report.venue === venue) reports.set(venue, report);
      else this.#options.dropLog?.drop('worker-health', `venue ${venue.slice(0, 40)}: report does not parse`);
    }
    this.#reports = reports;
  }

  /** The venues the workers reported, sorted by id, as of now. */
  venues(): VenueStatus[] {
    const nowMs = (this.#options.now ?? Date.now)();
    return [...this.#reports.values()].map((report) =>
      venueStatusOfReport(report, nowMs, this.#options.staleAfterMs ?? workerReportStaleAfterMs),
    );
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#polling;
  }
}

function parseReport(text: string | undefined): WorkerReport | null {
  if (!text || text.length > workerReportBytesMax) return null;
  try {
    const parsed = workerReportSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
