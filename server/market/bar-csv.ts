// Bar CSV reader: our own header layout (a `time` column plus open, high, low, close, volume in
// any order) and Binance's kline dumps (12 columns, with or without their header). Rows are
// checked as they are read; the first bad row stops the parse with its line number.
//
// Built for files of millions of rows: bytes are parsed in place (cell offsets, no decoding or
// split per line), bars go straight into typed-array columns, and a file is streamed as chunks of
// columns so a run holds one chunk at a time, never the whole file.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import { checkBoundedFile } from '../files/bounded-file';
import { BarColumnsBuilder, barsFromColumns, concatBarColumns, type BarColumns } from './bar-columns';
import { DayCache, parseDecimalFast, parseEpochDigitsFast, parseIsoTimeFast } from './fast-numbers';

export class BarCsvError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${source} line ${line}: ${problem}`);
    this.name = 'BarCsvError';
  }
}

const fields = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Field = (typeof fields)[number];
type Columns = Record<Field, number>;

/** Header names accepted for the bar's open time (`open_time` is Binance's header). */
const timeAliases = ['time', 'timestamp', 'open_time'];
const binanceColumnCount = 12;
const binanceColumns: Columns = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };
/** Epoch values this large are microseconds (Binance spot dumps since 2025), not milliseconds. */
const epochMicrosecondsMin = 1e14;
/** A longer line is not a bar row; refusing it bounds what a file without newlines can hold. */
export const maxLineBytes = 64 * 1024;
const newline = 10;
const newlineBytes = Buffer.from('\n');
const comma = 44;
const carriageReturn = 13;

/**
 * A streaming parser: give it bytes in pieces of any size with write() and take bars out with
 * parse(), up to a limit at a time; end() after the last piece. Bytes, not text: newlines and
 * commas are ASCII, which never occur inside a UTF-8 multi-byte character, so cells are found
 * without decoding; only a cell off the fast paths is decoded. The first non-empty line
 * decides the layout: a header when its first cell is not a number, otherwise Binance's
 * headerless klines.
 */
export class BarCsvParser {
  private columns: Columns | null = null;
  private columnCount = 0;
  /** Cells read per row: up to the rightmost of the six fields. */
  private neededCells = 0;
  private cellStart = new Int32Array(0);
  private cellEnd = new Int32Array(0);
  private lineNumber = 0;
  private previousTimeMs = Number.NEGATIVE_INFINITY;
  /** Bytes written and not parsed yet: pending[start, end). Reused from write to write. */
  private pending: Buffer = Buffer.alloc(0);
  private pendingStart = 0;
  private pendingEnd = 0;
  private ended = false;
  private readonly dayCache = new DayCache();

  constructor(private readonly source = 'bars') {}

  /** Lines read so far, including headers and blank lines. */
  get lines(): number {
    return this.lineNumber;
  }

  /** Add the next piece of the file (copied: the caller may reuse `bytes`). */
  write(bytes: Uint8Array): void {
    if (this.ended) throw new Error('bar CSV parser: write after end');
    const held = this.pendingEnd - this.pendingStart;
    if (held + bytes.length > this.pending.length) {
      const grown = Buffer.allocUnsafe(Math.max(held + bytes.length, this.pending.length * 2, 4_096));
      this.pending.copy(grown, 0, this.pendingStart, this.pendingEnd);
      this.pending = grown;
    } else if (this.pendingStart > 0) {
      this.pending.copyWithin(0, this.pendingStart, this.pendingEnd);
    }
    this.pendingStart = 0;
    this.pendingEnd = held;
    this.pending.set(bytes, held);
    this.pendingEnd += bytes.length;
  }

  /** No more bytes: a last line without a newline is complete. */
  end(): void {
    if (this.ended) return;
    if (this.pendingEnd > this.pendingStart) this.write(newlineBytes);
    this.ended = true;
  }

  /**
   * Parse complete lines into `out` until it holds `maxBars` bars or no complete line is left.
   * True when it stopped at `maxBars` (more lines may be waiting: call again).
   */
  parse(out: BarColumnsBuilder, maxBars = Number.POSITIVE_INFINITY): boolean {
    const bytes = this.pending.subarray(0, this.pendingEnd);
    let start = this.pendingStart;
    try {
      while (start < this.pendingEnd) {
        if (out.length >= maxBars) return true;
        const end = bytes.indexOf(newline, start);
        if (end < 0) break;
        this.parseLine(bytes, start, end, out);
        start = end + 1;
      }
    } finally {
      this.pendingStart = start;
    }
    if (this.pendingEnd - this.pendingStart > maxLineBytes) {
      this.lineNumber++;
      this.fail(`line is longer than ${maxLineBytes} bytes`);
    }
    return false;
  }

  private parseLine(bytes: Buffer, start: number, lineEnd: number, out: BarColumnsBuilder): void {
    this.lineNumber++;
    const end = lineEnd > start && bytes[lineEnd - 1] === carriageReturn ? lineEnd - 1 : lineEnd;
    if (end === start) return;
    // A headerless file's first line is already a bar: it is read below.
    if (!this.columns && !this.readFirstLine(bytes.toString('utf8', start, end))) return;
    // Cell offsets for the cells we read; the rest are only counted.
    const needed = this.neededCells;
    const cellStart = this.cellStart;
    const cellEnd = this.cellEnd;
    let cells = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (bytes[i] !== comma) continue;
      if (cells < needed) {
        cellStart[cells] = from;
        cellEnd[cells] = i;
      }
      cells++;
      from = i + 1;
    }
    if (cells < needed) {
      cellStart[cells] = from;
      cellEnd[cells] = end;
    }
    cells++;
    if (cells === 1 && bytes.toString('utf8', start, end).trim() === '') return;
    if (cells < this.columnCount) this.fail(`expected ${this.columnCount} columns, found ${cells}`);
    this.readRow(bytes, out);
  }

  /** Sets the layout from the first non-empty line; true when that line is a bar row. */
  private readFirstLine(line: string): boolean {
    if (line.trim() === '') return false;
    const cells = line.split(',').map(unquote);
    if (Number.isNaN(Number(cells[0]))) {
      this.setLayout(this.readHeader(cells), cells.length);
      return false;
    }
    if (cells.length !== binanceColumnCount) {
      this.fail(`no header, and ${cells.length} columns is not Binance's 12-column kline layout`);
    }
    this.setLayout(binanceColumns, binanceColumnCount);
    return true;
  }

  private setLayout(columns: Columns, columnCount: number): void {
    this.columns = columns;
    this.columnCount = columnCount;
    this.neededCells = Math.max(...fields.map((field) => columns[field])) + 1;
    this.cellStart = new Int32Array(this.neededCells);
    this.cellEnd = new Int32Array(this.neededCells);
  }

  private readHeader(cells: string[]): Columns {
    const names = cells.map((cell) => cell.trim().toLowerCase());
    const find = (candidates: readonly string[]): number =>
      names.findIndex((name) => candidates.includes(name));
    const columns = {} as Columns;
    for (const field of fields) {
      const index = find(field === 'time' ? timeAliases : [field]);
      if (index < 0) this.fail(`header has no "${field}" column (found: ${names.join(', ')})`);
      columns[field] = index;
    }
    return columns;
  }

  private readRow(bytes: Buffer, out: BarColumnsBuilder): void {
    const columns = this.columns as Columns;
    const timeMs = this.readTime(bytes, columns.time);
    const open = this.readNumber(bytes, columns.open, 'open');
    const high = this.readNumber(bytes, columns.high, 'high');
    const low = this.readNumber(bytes, columns.low, 'low');
    const close = this.readNumber(bytes, columns.close, 'close');
    const volume = this.readNumber(bytes, columns.volume, 'volume');
    if (high < low) this.fail(`high ${high} is below low ${low}`);
    if (volume < 0) this.fail(`volume ${volume} is negative`);
    if (timeMs <= this.previousTimeMs) {
      this.fail(
        `time ${new Date(timeMs).toISOString()} is not after the previous row's ${new Date(this.previousTimeMs).toISOString()}`,
      );
    }
    this.previousTimeMs = timeMs;
    out.push(timeMs, open, high, low, close, volume);
  }

  private readNumber(bytes: Buffer, cell: number, field: Field): number {
    const start = this.cellStart[cell];
    const end = this.cellEnd[cell];
    const fast = parseDecimalFast(bytes, start, end);
    if (!Number.isNaN(fast)) return fast;
    // Anything the fast path does not take (quotes, spaces, exponents, long mantissas) is read
    // the general way: decoded, unquoted, trimmed, Number().
    const cellText = unquote(bytes.toString('utf8', start, end)).trim();
    const value = Number(cellText);
    if (cellText === '' || !Number.isFinite(value)) this.fail(`${field} "${cellText}" is not a number`);
    return value;
  }

  private readTime(bytes: Buffer, cell: number): number {
    const start = this.cellStart[cell];
    const end = this.cellEnd[cell];
    const epoch = parseEpochDigitsFast(bytes, start, end);
    if (!Number.isNaN(epoch)) return epoch >= epochMicrosecondsMin ? Math.floor(epoch / 1000) : epoch;
    const iso = parseIsoTimeFast(bytes, start, end, this.dayCache);
    if (!Number.isNaN(iso)) return iso;
    return this.readTimeText(unquote(bytes.toString('utf8', start, end)).trim());
  }

  private readTimeText(text: string): number {
    if (/^\d+$/.test(text)) {
      const value = Number(text);
      return value >= epochMicrosecondsMin ? Math.floor(value / 1000) : value;
    }
    // ISO-8601; a time without a zone is read as UTC, never as the machine's local time.
    const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(text);
    const isoText = /^\d{4}-\d\d-\d\dT/.test(text) && !hasZone ? `${text}Z` : text;
    const timeMs = /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(isoText) : Number.NaN;
    if (!Number.isFinite(timeMs)) this.fail(`time "${text}" is neither ISO-8601 nor epoch milliseconds`);
    return timeMs;
  }

  private fail(problem: string): never {
    throw new BarCsvError(this.source, this.lineNumber, problem);
  }
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell;
}

/** Parse CSV text held in memory into columns. `source` names it in error messages. */
export function parseBarCsvColumns(text: string, source = 'bars'): BarColumns {
  const parser = new BarCsvParser(source);
  const out = new BarColumnsBuilder();
  parser.write(Buffer.from(text, 'utf8'));
  parser.end();
  parser.parse(out);
  return out.take();
}

/** Parse CSV text held in memory into Bar objects (small inputs: tests, fixtures). */
export function parseBarCsv(text: string, source = 'bars'): Bar[] {
  return barsFromColumns(parseBarCsvColumns(text, source));
}

export interface BarCsvStreamOptions {
  /** Bars per chunk handed out (the last may hold fewer). Default 65,536. */
  chunkBars?: number;
  /**
   * Reuse the columns of a chunk for the chunk after next, so a long file allocates two sets
   * of columns in all. Then a chunk must be done with before the one after it is asked for.
   */
  reuseChunks?: boolean;
  /** Largest file accepted. Default 4 GiB. */
  maxBytes?: number;
  /** Bytes read at a time. Default 256 KiB. */
  readBytes?: number;
  /** Told the bytes read so far and the file's size after each read (a progress bar). */
  onBytes?: (bytesRead: number, fileBytes: number) => void;
}

export const defaultChunkBars = 65_536;
const defaultMaxBytes = 4 * 1024 ** 3;

/**
 * Stream a CSV file as chunks of bar columns: the file is read a piece at a time and a chunk
 * is handed out each time `chunkBars` bars are parsed, so memory stays flat however long the
 * file. Never yields an empty chunk. The file must be a regular file of at most `maxBytes`.
 */
export async function* streamBarCsvFile(
  path: string,
  options: BarCsvStreamOptions = {},
): AsyncGenerator<BarColumns> {
  const source = basename(path);
  const chunkBars = options.chunkBars ?? defaultChunkBars;
  const { size } = await checkBoundedFile(path, {
    maxBytes: options.maxBytes ?? defaultMaxBytes,
    label: `bars file ${source}`,
  });
  const parser = new BarCsvParser(source);
  const out = new BarColumnsBuilder(chunkBars, options.reuseChunks === true);
  const stream = createReadStream(path, { highWaterMark: options.readBytes ?? 256 * 1024 });
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      parser.write(bytes);
      options.onBytes?.(stream.bytesRead, size);
      while (parser.parse(out, chunkBars)) yield out.take();
    }
    parser.end();
    while (parser.parse(out, chunkBars)) yield out.take();
    if (out.length > 0) yield out.take();
  } finally {
    stream.destroy();
  }
}

/** Read a whole CSV file of bars into one set of columns (small files: the bundled sample). */
export async function readBarCsvFile(path: string, options: BarCsvStreamOptions = {}): Promise<BarColumns> {
  const chunks: BarColumns[] = [];
  for await (const chunk of streamBarCsvFile(path, { ...options, reuseChunks: false })) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0] : concatBarColumns(chunks);
}
