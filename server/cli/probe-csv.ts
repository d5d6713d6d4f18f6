// Probe rows as CSV: a `time` column (the bar's open time, ISO-8601, so rows line up with the
// input bars) and one column per probe. Numbers are written in full (shortest round-trip
// form), NaN as an empty cell. Rows are kept as numbers in a fixed batch and turned into text
// once per batch, written with one call: a run over millions of bars formats and writes in
// thousands of steps, not millions.
import type { Writable } from 'node:stream';
import { CsvByteWriter, maxCellBytes } from './csv-bytes';

export const defaultBatchRows = 8_192;

export class ProbeCsvWriter {
  private failure: Error | null = null;
  private readonly times: Float64Array;
  private readonly cells: Float64Array;
  private readonly width: number;
  private rows = 0;
  private header: string | null;
  private readonly encoder: CsvByteWriter;

  constructor(
    private readonly sink: Writable,
    probeKeys: readonly string[],
    private readonly batchRows = defaultBatchRows,
  ) {
    sink.on('error', (error: Error) => (this.failure ??= error));
    this.width = probeKeys.length;
    this.times = new Float64Array(batchRows);
    this.cells = new Float64Array(batchRows * this.width);
    this.header = ['time', ...probeKeys].join(',');
    this.encoder = new CsvByteWriter(batchRows * (24 + (this.width + 1) * maxCellBytes));
  }

  /** The sink's write error, if any (a full disk, a closed pipe). */
  get error(): Error | null {
    return this.failure;
  }

  /** Bytes the sink holds that the file or pipe has not taken yet. */
  get buffered(): number {
    return this.sink.writableLength;
  }

  addRow(timeMs: number, values: ArrayLike<number>): void {
    const row = this.rows;
    this.times[row] = timeMs;
    const offset = row * this.width;
    for (let i = 0; i < this.width; i++) this.cells[offset + i] = values[i];
    this.rows = row + 1;
    if (this.rows === this.batchRows) this.flush();
  }

  /** Write the rows held so far. */
  flush(): void {
    if (this.failure) {
      this.rows = 0;
      return;
    }
    const { width, cells, times, encoder } = this;
    if (this.header !== null) {
      encoder.ascii(`${this.header}\n`);
      this.header = null;
    }
    for (let row = 0; row < this.rows; row++) {
      encoder.reserve(24 + (width + 1) * maxCellBytes);
      encoder.isoTime(times[row]);
      const offset = row * width;
      for (let i = 0; i < width; i++) {
        const value = cells[offset + i];
        encoder.byte(44); // ,
        if (value === value) encoder.number(value);
      }
      encoder.byte(10); // newline
    }
    this.rows = 0;
    if (encoder.length > 0) this.sink.write(encoder.take());
  }

  /** Resolves once the sink has taken what it was given (at once when it is not behind). */
  drained(): Promise<void> {
    if (!this.sink.writableNeedDrain || this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.sink.off('drain', done);
        this.sink.off('error', done);
        resolve();
      };
      this.sink.once('drain', done);
      this.sink.once('error', done);
    });
  }

  /** Flush and, for a file, close; resolves once everything is written. */
  async close(closeSink: boolean): Promise<void> {
    this.flush();
    if (closeSink) await new Promise<void>((resolve) => this.sink.end(resolve));
    else await this.drained();
  }
}
