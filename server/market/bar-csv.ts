// Bar CSV reader: our own header layout (a `time` column plus open, high, low, close, volume in
// any order) and Binance's kline dumps (12 columns, with or without their header). Rows are
// checked as they are read; the first bad row stops the parse with its line number.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Bar } from '@patchdesk/modules/sdk/ports';

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

/**
 * A line-at-a-time parser, so a file can be streamed. The first non-empty line decides the
 * layout: a header when its first cell is not a number, otherwise Binance's headerless klines.
 */
export class BarCsvParser {
  private columns: Columns | null = null;
  private columnCount = 0;
  private lineNumber = 0;
  private previousTimeMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly source = 'bars') {}

  /** Parse the next line; returns the bar, or null for a header or blank line. */
  pushLine(rawLine: string): Bar | null {
    this.lineNumber++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return null;
    const cells = line.split(',').map(unquote);
    if (!this.columns) {
      if (Number.isNaN(Number(cells[0]))) {
        this.columns = this.readHeader(cells);
        this.columnCount = cells.length;
        return null;
      }
      if (cells.length !== binanceColumnCount) {
        this.fail(`no header, and ${cells.length} columns is not Binance's 12-column kline layout`);
      }
      this.columns = binanceColumns;
      this.columnCount = binanceColumnCount;
    }
    return this.readRow(cells, this.columns);
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

  private readRow(cells: string[], columns: Columns): Bar {
    if (cells.length < this.columnCount) {
      this.fail(`expected ${this.columnCount} columns, found ${cells.length}`);
    }
    const timeMs = this.readTime(cells[columns.time]);
    const bar: Bar = {
      timeMs,
      open: this.readNumber(cells, columns, 'open'),
      high: this.readNumber(cells, columns, 'high'),
      low: this.readNumber(cells, columns, 'low'),
      close: this.readNumber(cells, columns, 'close'),
      volume: this.readNumber(cells, columns, 'volume'),
    };
    if (bar.high < bar.low) this.fail(`high ${bar.high} is below low ${bar.low}`);
    if (bar.volume < 0) this.fail(`volume ${bar.volume} is negative`);
    if (timeMs <= this.previousTimeMs) {
      this.fail(
        `time ${new Date(timeMs).toISOString()} is not after the previous row's ${new Date(this.previousTimeMs).toISOString()}`,
      );
    }
    this.previousTimeMs = timeMs;
    return bar;
  }

  private readNumber(cells: string[], columns: Columns, field: Field): number {
    const text = cells[columns[field]].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) this.fail(`${field} "${text}" is not a number`);
    return value;
  }

  private readTime(cell: string): number {
    const text = cell.trim();
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

/** Parse CSV text held in memory. `source` names it in error messages. */
export function parseBarCsv(text: string, source = 'bars'): Bar[] {
  const parser = new BarCsvParser(source);
  const bars: Bar[] = [];
  for (const line of text.split('\n')) {
    const bar = parser.pushLine(line);
    if (bar) bars.push(bar);
  }
  return bars;
}

/** Stream bars from a CSV file, one at a time. */
export async function* streamBarCsvFile(path: string): AsyncGenerator<Bar> {
  const parser = new BarCsvParser(basename(path));
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const bar = parser.pushLine(line);
    if (bar) yield bar;
  }
}

/** Read a whole CSV file of bars. */
export async function readBarCsvFile(path: string): Promise<Bar[]> {
  const bars: Bar[] = [];
  for await (const bar of streamBarCsvFile(path)) bars.push(bar);
  return bars;
}
