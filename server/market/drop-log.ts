// Counted, rate-limited logging of dropped input: a venue that sends garbage a thousand times a
// second gets one log line per key per interval (with how many were dropped since the last
// line), never a line per message. The clock is passed in, so it is testable without waiting.
import type { Logger } from 'pino';

export interface DropLogOptions {
  logger: Pick<Logger, 'warn'>;
  /** At most one line per key per this many milliseconds. */
  intervalMs?: number;
  now?: () => number;
}

export class DropLog {
  private readonly lastLoggedMs = new Map<string, number>();
  private readonly sinceLast = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  /** Distinct keys kept; past it, new keys share one "other" entry (the map has a bound too). */
  static readonly keysMax = 1_000;

  constructor(private readonly options: DropLogOptions) {
    this.intervalMs = options.intervalMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one drop under `key` (e.g. "binanceusdm trade") with a reason for the log. */
  drop(key: string, reason: string): void {
    const slot = this.totals.has(key) || this.totals.size < DropLog.keysMax ? key : 'other';
    this.totals.set(slot, (this.totals.get(slot) ?? 0) + 1);
    const pending = (this.sinceLast.get(slot) ?? 0) + 1;
    const nowMs = this.now();
    const last = this.lastLoggedMs.get(slot);
    if (last !== undefined && nowMs - last < this.intervalMs) {
      this.sinceLast.set(slot, pending);
      return;
    }
    this.lastLoggedMs.set(slot, nowMs);
    this.sinceLast.set(slot, 0);
    this.options.logger.warn(
      { key: slot, dropped: pending, total: this.totals.get(slot) },
      `dropped input: ${reason}`,
    );
  }

  total(key: string): number {
    return this.totals.get(key) ?? 0;
  }
}
