// A bar CSV checked in the browser before it is sent, with the server's rules
// (server/market/bar-csv.ts): a header with time, open, high, low, close and volume (any order;
// `timestamp` or `open_time` for time) or Binance's 12-column klines without one; numbers in
// every cell; high not below low; volume not negative; times strictly increasing. The first
// problem is named with its line, as the server would name it. The server checks it all again.
import { backtestUploadCharsMax } from '@patchdesk/modules/contracts/backtest';

export type CsvCheck = { ok: true; bars: number } | { ok: false; message: string };

const fields = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Field = (typeof fields)[number];
const timeAliases = ['time', 'timestamp', 'open_time'];
const binanceColumnCount = 12;
const binanceColumns: Record<Field, number> = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };
const epochMicrosecondsMin = 1e14;

/** Refuses a file by its size before reading it (bytes are at least as many as characters). */
export function checkCsvSize(name: string, bytes: number): CsvCheck | null {
  if (bytes === 0) return { ok: false, message: `${name} is empty` };
  if (bytes <= backtestUploadCharsMax) return null;
  return {
    ok: false,
    message: `${name} is ${bytes.toLocaleString('en-US')} bytes; an upload may be at most ${backtestUploadCharsMax.toLocaleString('en-US')} (about ${Math.floor(backtestUploadCharsMax / 70).toLocaleString('en-US')} one-minute bars)`,
  };
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

function readTime(text: string): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= epochMicrosecondsMin ? Math.floor(value / 1000) : value;
  }
  if (!/^\d{4}-\d\d-\d\d/.test(text)) return Number.NaN;
  // A time without a zone is UTC, never the browser's local time.
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(text);
  return Date.parse(/^\d{4}-\d\d-\d\dT/.test(text) && !hasZone ? `${text}Z` : text);
}

export function checkCsvText(name: string, text: string): CsvCheck {
  const size = checkCsvSize(name, text.length);
  if (size) return size;
  // A NUL never occurs in text: this is an image, an archive or a spreadsheet, not a CSV.
  if (text.includes('\u0000'))
    return { ok: false, message: `${name} is not a CSV text file (it holds binary data)` };
  const lines = text.split('\n');
  let columns: Record<Field, number> | null = null;
  let columnCount = 0;
  let previousMs = Number.NEGATIVE_INFINITY;
  let bars = 0;
  for (let index = 0; index < lines.length; index++) {
    const fail = (problem: string): CsvCheck => ({
      ok: false,
      message: `${name} line ${index + 1}: ${problem}`,
    });
    const line = lines[index].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const cells = line.split(',').map(unquote);
    if (!columns) {
      if (Number.isNaN(Number(cells[0]))) {
        const names = cells.map((cell) => cell.toLowerCase());
        const found = {} as Record<Field, number>;
        for (const field of fields) {
          const at = names.findIndex((cell) =>
            field === 'time' ? timeAliases.includes(cell) : cell === field,
          );
          if (at < 0) return fail(`header has no "${field}" column (found: ${names.join(', ')})`);
          found[field] = at;
        }
        columns = found;
        columnCount = cells.length;
        continue;
      }
      if (cells.length !== binanceColumnCount)
        return fail(`no header, and ${cells.length} columns is not Binance's 12-column kline layout`);
      columns = binanceColumns;
      columnCount = binanceColumnCount;
    }
    if (cells.length < columnCount) return fail(`expected ${columnCount} columns, found ${cells.length}`);
    const timeMs = readTime(cells[columns.time]);
    if (!Number.isFinite(timeMs))
      return fail(`time "${cells[columns.time]}" is neither ISO-8601 nor epoch milliseconds`);
    const values = {} as Record<Field, number>;
    for (const field of fields.slice(1)) {
      const cell = cells[columns[field]];
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) return fail(`${field} "${cell}" is not a number`);
      values[field] = value;
    }
    if (values.high < values.low) return fail(`high ${values.high} is below low ${values.low}`);
    if (values.volume < 0) return fail(`volume ${values.volume} is negative`);
    if (timeMs <= previousMs) {
      return fail(
        `time ${new Date(timeMs).toISOString()} is not after the previous row's ${new Date(previousMs).toISOString()}`,
      );
    }
    previousMs = timeMs;
    bars++;
  }
  if (bars === 0) return { ok: false, message: `${name}: no bars` };
  return { ok: true, bars };
}
