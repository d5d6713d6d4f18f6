// Probe rows as CSV: a `time` column (the bar's open time, ISO-8601, so rows line up with the
// input bars) and one column per probe. Numbers are written in full (shortest round-trip
// form), NaN as an empty cell. Rows are batched and flushed in chunks.
import type { Writable } from 'node:stream';

export class ProbeCsvWriter {
  private pending: string[] = [];
  private failure: Error | null = null;

  constructor(
    private readonly sink: Writable,
    probeKeys: readonly string[],
  ) {
    sink.on('error', (error: Error) => (this.failure ??= error));
    this.pending.push(['time', ...probeKeys].join(','));
  }

  /** The sink's write error, if any (a full disk, a closed pipe). */
  get error(): Error | null {
    return this.failure;
  }

  addRow(timeMs: number, values: ArrayLike<number>): void {
    let row = new Date(timeMs).toISOString();
    for (let i = 0; i < values.length; i++) row += Number.isNaN(values[i]) ? ',' : `,${values[i]}`;
    this.pending.push(row);
  }

  flush(): void {
    if (this.pending.length === 0 || this.failure) return;
    this.sink.write(`${this.pending.join('\n')}\n`);
    this.pending = [];
  }

  /** Flush and, for a file, close; resolves once everything is written. */
  async close(closeSink: boolean): Promise<void> {
    this.flush();
    await new Promise<void>((resolve) => {
      if (closeSink) this.sink.end(resolve);
      else if (this.sink.writableNeedDrain) this.sink.once('drain', resolve);
      else resolve();
    });
  }
}
