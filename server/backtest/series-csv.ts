// Funding and mark series from CSV, checked at the edge: a header naming a time column and a
// value column, one row per event, times strictly increasing. Errors name the source and the
// line. Accepted headers (case-insensitive):
//   funding: time | timestamp | fundingTime | calc_time   and   rate | fundingRate | last_funding_rate | funding_rate
//            (an optional symbol column must name the backtest's symbol: a file for another is refused)
//   marks:   time | timestamp | open_time                 and   price | markPrice | mark | open
//            (mark klines: the open of the mark bar that opens at that time)
// Times are ISO 8601 or epoch milliseconds. Funding times are floored to the whole second:
// venues stamp funding a few milliseconds past the hour (Binance: 00:00:00.005), and the bar
// that opens on the hour must come after it (server/backtest/README.md, "Funding").
import type { FundingPoint, MarkPoint } from '../trading/session/trading-session';

export class SeriesCsvError extends Error {
  override readonly name = 'SeriesCsvError';
}

const timeColumns = ['time', 'timestamp', 'fundingtime', 'calc_time', 'open_time'];
const rateColumns = ['rate', 'fundingrate', 'last_funding_rate', 'funding_rate'];
const markColumns = ['price', 'markprice', 'mark', 'open'];
export const seriesRowsMax = 5_000_000;

interface Rows {
  times: number[];
  values: number[];
}

function parseRows(
  text: string,
  source: string,
  valueColumns: readonly string[],
  valueName: string,
  symbol: string | null,
): Rows {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
  const timeAt = header.findIndex((cell) => timeColumns.includes(cell));
  const valueAt = header.findIndex((cell) => valueColumns.includes(cell));
  const symbolAt = header.indexOf('symbol');
  if (timeAt < 0 || valueAt < 0) {
    throw new SeriesCsvError(
      `${source}: line 1: the header needs a time column (${timeColumns.join(', ')}) and a ${valueName} column (${valueColumns.join(', ')})`,
    );
  }
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const at = `${source}: line ${i + 1}`;
    if (times.length >= seriesRowsMax) throw new SeriesCsvError(`${at}: more than ${seriesRowsMax} rows`);
    const cells = line.split(',');
    const timeMs = parseTime(cells[timeAt]);
    if (!Number.isFinite(timeMs))
      throw new SeriesCsvError(`${at}: time '${clip(cells[timeAt])}' is not a date or epoch milliseconds`);
    const value = Number((cells[valueAt] ?? '').trim());
    if ((cells[valueAt] ?? '').trim() === '' || !Number.isFinite(value)) {
      throw new SeriesCsvError(`${at}: ${valueName} '${clip(cells[valueAt])}' is not a number`);
    }
    if (symbolAt >= 0 && symbol !== null) {
      const rowSymbol = (cells[symbolAt] ?? '').trim();
      if (!sameSymbol(rowSymbol, symbol)) {
        throw new SeriesCsvError(`${at}: symbol '${clip(rowSymbol)}' is not the backtest's symbol ${symbol}`);
      }
    }
    const previous = times.length > 0 ? times[times.length - 1] : Number.NEGATIVE_INFINITY;
    if (timeMs <= previous) {
      throw new SeriesCsvError(
        `${at}: time ${new Date(timeMs).toISOString()} is ${timeMs === previous ? 'a duplicate' : 'before the row above'} (rows must be in increasing time)`,
      );
    }
    times.push(timeMs);
    values.push(value);
  }
  if (times.length === 0) throw new SeriesCsvError(`${source}: no rows`);
  return { times, values };
}

export function parseFundingCsv(text: string, source: string, symbol: string): FundingPoint[] {
  const rows = parseRows(text, source, rateColumns, 'rate', symbol);
  const points: FundingPoint[] = [];
  for (let i = 0; i < rows.times.length; i++) {
    const timeMs = Math.floor(rows.times[i] / 1_000) * 1_000;
    if (points.length > 0 && points[points.length - 1].timeMs === timeMs) {
      throw new SeriesCsvError(`${source}: line ${i + 2}: two funding events in the same second`);
    }
    if (Math.abs(rows.values[i]) > 0.1) {
      throw new SeriesCsvError(
        `${source}: line ${i + 2}: rate ${rows.values[i]} is not a fraction (0.0001 = 0.01%)`,
      );
    }
    points.push({ timeMs, rate: rows.values[i] });
  }
  return points;
}

export function parseMarkCsv(text: string, source: string, symbol: string): MarkPoint[] {
  const rows = parseRows(text, source, markColumns, 'price', symbol);
  return rows.times.map((timeMs, i) => {
    if (!(rows.values[i] > 0))
      throw new SeriesCsvError(`${source}: line ${i + 2}: price ${rows.values[i]} is not above 0`);
    return { timeMs, price: rows.values[i] };
  });
}

function parseTime(cell: string | undefined): number {
  const text = (cell ?? '').trim().replace(/^"|"$/g, '');
  if (text === '') return Number.NaN;
  if (/^\d+$/.test(text)) return Number(text);
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
}

/** BTC/USDT:USDT, BTCUSDT and BTC/USDT name the same perpetual here. */
function sameSymbol(row: string, symbol: string): boolean {
  const squash = (s: string) =>
    s
      .replace(/:.*$/, '')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
  return squash(row) === squash(symbol);
}

function clip(text: string | undefined): string {
  const value = (text ?? '').trim();
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}
