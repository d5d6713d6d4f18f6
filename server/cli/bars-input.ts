// The `--bars` file of `patchdesk run`, streamed: chunks of bar columns go to the run as they
// are parsed, and each is dropped once delivered, so a run over ten million bars holds one
// chunk, not the file. Counts the bars and keeps the first and last times for the summary;
// a file or parse error is kept as the user error it is (the run only sees its message).
import { FileRefusedError } from '../files/bounded-file';
import type { BarColumns } from '../market/bar-columns';
import { BarCsvError, streamBarCsvFile, type BarCsvStreamOptions } from '../market/bar-csv';
import { asUserError, CliError } from './cli-error';

export class BarsInput {
  count = 0;
  firstTimeMs = Number.NaN;
  lastTimeMs = Number.NaN;
  bytesRead = 0;
  /** The file's size in bytes (known once open() has returned). */
  size = 0;
  /** The file or parse error that ended the stream, as a CliError. */
  failure: CliError | null = null;
  private readonly chunks: AsyncGenerator<BarColumns>;
  private readonly beforeChunk: () => Promise<void>;
  private first: BarColumns | null = null;

  constructor(
    readonly path: string,
    options: Omit<BarCsvStreamOptions, 'onBytes'> & {
      /** Awaited before each chunk after the first: lets the output catch up (backpressure). */
      beforeChunk?: () => Promise<void>;
    } = {},
  ) {
    this.chunks = streamBarCsvFile(path, {
      ...options,
      // The run is done with a chunk before it asks for the next: two sets of columns suffice.
      reuseChunks: true,
      onBytes: (bytes, size) => {
        this.bytesRead = bytes;
        this.size = size;
      },
    });
    this.beforeChunk = options.beforeChunk ?? (() => Promise.resolve());
  }

  /**
   * Reads the first chunk, so that a missing, empty or malformed file is refused before the
   * run starts and before any output is written. Throws a CliError.
   */
  async open(): Promise<void> {
    const next = await this.pull();
    if (next === null) throw new CliError(`${this.path}: no bars`);
    this.first = next;
  }

  /** The chunks for the run, the first one included. */
  async *bars(): AsyncGenerator<BarColumns> {
    if (this.first) {
      const first = this.first;
      this.first = null;
      yield first;
    }
    try {
      for (;;) {
        await this.beforeChunk();
        const next = await this.pull();
        if (next === null) return;
        yield next;
      }
    } finally {
      await this.chunks.return(undefined);
    }
  }

  private async pull(): Promise<BarColumns | null> {
    let next: IteratorResult<BarColumns>;
    try {
      next = await this.chunks.next();
    } catch (error) {
      this.failure = toUserError(error);
      throw this.failure;
    }
    if (next.done) return null;
    const chunk = next.value;
    if (this.count === 0) this.firstTimeMs = chunk.timeMs[0];
    this.lastTimeMs = chunk.timeMs[chunk.length - 1];
    this.count += chunk.length;
    return chunk;
  }
}

/** File and parse errors are the user's to fix; anything else is our bug and is rethrown. */
function toUserError(error: unknown): CliError {
  if (error instanceof FileRefusedError || error instanceof BarCsvError) return new CliError(error.message);
  const userError = asUserError(error);
  if (userError) return userError;
  throw error;
}
