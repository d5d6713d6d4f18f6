// The CSV shapes of the shared market data (see /work/shared/data/README.md) as store rows. The
// header decides the shape; every cell is checked, and the first bad one stops the import with
// its file, line and column. Shapes:
//   bars     time,open,high,low,close,volume           -> market_bars, price_type 'last'
//   mark     time,open,high,low,close                  -> market_bars, price_type 'mark', volume 0
//   funding  time,funding_rate                         -> market_funding
//   trades   time_ms,trade_id,side,price,amount[,cost] -> market_trades (side buy|sell: the aggressor)
//   trades   timestamp,trade_id,price,quantity,buyer_maker -> market_trades (buyer_maker True: seller aggressed)
//   quotes   timestamp,symbol,ask_size,ask,bid_size,bid -> market_book_tops (sequence: the line number)
// `time`/`timestamp` are ISO-8601 UTC (a bare date is midnight UTC); `time_ms` integer epoch ms.
import { CliError } from '../cli-error';
import type { MarketRows } from '../../market/market-rows';

export type CsvShape = 'bars' | 'mark' | 'funding' | 'trades' | 'quotes';

export class ImportCsvError extends CliError {
  constructor(source: string, line: number, column: string | null, problem: string) {
    super(`${source} line ${line}${column ? ` column ${column}` : ''}: ${problem}`);
    this.name = 'ImportCsvError';
  }
}

interface ShapeSpec {
  shape: CsvShape;
  required: readonly string[];
}

const shapes: readonly ShapeSpec[] = [
  { shape: 'bars', required: ['time', 'open', 'high', 'low', 'close', 'volume'] },
  { shape: 'mark', required: ['time', 'open', 'high', 'low', 'close'] },
  { shape: 'funding', required: ['time', 'funding_rate'] },
  { shape: 'trades', required: ['time_ms', 'trade_id', 'side', 'price', 'amount'] },
  { shape: 'trades', required: ['timestamp', 'trade_id', 'price', 'quantity', 'buyer_maker'] },
  { shape: 'quotes', required: ['timestamp', 'ask_size', 'ask', 'bid_size', 'bid'] },
];

export interface ImportTarget {
  venue: string;
  symbol: string;
  /** Bars' timeframe; null: inferred from the first two rows. */
  timeframe: string | null;
}

/** Reads one file's rows line by line into `rows`; `flush` is called by the caller between lines. */
export class ImportCsvReader {
  readonly shape: CsvShape;
  private readonly index: Record<string, number>;
  private lineNumber = 1;
  private previousTimeMs = Number.NEGATIVE_INFINITY;
  private firstBarTimeMs: number | null = null;
  /** The first bar's row while its timeframe is not known yet (it is still in the caller's batch). */
  private firstBar: { timeframe: string } | null = null;
  timeframe: string | null;
  rowsRead = 0;

  constructor(
    private readonly source: string,
    header: string,
    private readonly target: ImportTarget,
  ) {
    const names = header
      .trim()
      .split(',')
      .map((name) => name.trim().toLowerCase());
    const spec = shapes.find((candidate) => candidate.required.every((name) => names.includes(name)));
    if (!spec) {
      throw new ImportCsvError(
        source,
        1,
        null,
        `unknown header "${header.trim()}": expected bars (time,open,high,low,close,volume), mark (time,open,high,low,close), ` +
          'funding (time,funding_rate) or trades (time_ms,trade_id,side,price,amount)',
      );
    }
    // bars and mark share columns: a volume column makes it bars.
    this.shape = spec.shape === 'mark' && names.includes('volume') ? 'bars' : spec.shape;
    this.index = Object.fromEntries(names.map((name, i) => [name, i]));
    this.timeframe = target.timeframe;
  }

  /** Adds the row of one data line (the line after the last one read). Blank lines are skipped. */
  add(line: string, rows: MarketRows): void {
    this.lineNumber++;
    if (line.trim() === '') return;
    const cells = line.split(',');
    const { venue, symbol } = this.target;
    switch (this.shape) {
      case 'bars':
      case 'mark': {
        const time = this.time(cells, 'time');
        const open = this.positive(cells, 'open');
        const high = this.positive(cells, 'high');
        const low = this.positive(cells, 'low');
        const close = this.positive(cells, 'close');
        const volume = this.shape === 'bars' ? this.nonNegative(cells, 'volume') : 0;
        if (low > Math.min(open, close) || high < Math.max(open, close)) {
          throw new ImportCsvError(
            this.source,
            this.lineNumber,
            null,
            'low/high do not bound open and close',
          );
        }
        const timeframe = this.barTimeframe(time);
        if (this.firstBar && timeframe !== '') {
          this.firstBar.timeframe = timeframe;
          this.firstBar = null;
        }
        const row = {
          venue,
          symbol,
          price_type: (this.shape === 'bars' ? 'last' : 'mark') as 'last' | 'mark',
          timeframe,
          open_time_ms: time,
          open,
          high,
          low,
          close,
          volume,
        };
        if (timeframe === '') this.firstBar = row;
        rows.bars.push(row);
        break;
      }
      case 'funding': {
        const time = this.time(cells, 'time');
        const rate = this.number(cells, 'funding_rate');
        if (rate < -1 || rate > 1) this.fail('funding_rate', `${rate} is outside -1..1`);
        rows.funding.push({ venue, symbol, time_ms: time, rate, next_funding_time_ms: null });
        break;
      }
      case 'trades': {
        const hasMs = 'time_ms' in this.index;
        const time = hasMs ? this.epochMs(cells, 'time_ms') : this.time(cells, 'timestamp');
        const tradeId = this.cell(cells, 'trade_id');
        if (tradeId === '') this.fail('trade_id', 'is empty');
        let side: 1 | -1;
        if (hasMs) {
          const text = this.cell(cells, 'side').toLowerCase();
          if (text !== 'buy' && text !== 'sell') this.fail('side', `"${text}" is not buy or sell`);
          side = text === 'buy' ? 1 : -1;
        } else {
          const text = this.cell(cells, 'buyer_maker').toLowerCase();
          if (text !== 'true' && text !== 'false') this.fail('buyer_maker', `"${text}" is not True or False`);
          side = text === 'true' ? -1 : 1;
        }
        rows.trades.push({
          venue,
          symbol,
          time_ms: time,
          trade_id: tradeId,
          price: this.positive(cells, 'price'),
          amount: this.nonNegative(cells, hasMs ? 'amount' : 'quantity'),
          side,
          received_at_ms: time,
        });
        break;
      }
      case 'quotes': {
        const time = this.time(cells, 'timestamp');
        rows.bookTops.push({
          venue,
          symbol,
          time_ms: time,
          sequence: this.lineNumber,
          bid: this.positive(cells, 'bid'),
          bid_size: this.nonNegative(cells, 'bid_size'),
          ask: this.positive(cells, 'ask'),
          ask_size: this.nonNegative(cells, 'ask_size'),
        });
        break;
      }
    }
    this.rowsRead++;
  }

  /** The timeframe given, or the gap between the first two bars as ccxt names it. */
  private barTimeframe(time: number): string {
    if (this.timeframe !== null) return this.timeframe;
    if (this.firstBarTimeMs === null) {
      this.firstBarTimeMs = time;
      return ''; // set on the second row, once the gap names it (see add)
    }
    this.timeframe = timeframeOfGap(time - this.firstBarTimeMs);
    if (this.timeframe === null) {
      throw new ImportCsvError(
        this.source,
        this.lineNumber,
        'time',
        `cannot tell the timeframe from a ${time - this.firstBarTimeMs} ms gap between the first two bars; pass --timeframe`,
      );
    }
    return this.timeframe;
  }

  /** After the last line: a bars file of one row cannot name its timeframe. */
  finish(): void {
    if ((this.shape === 'bars' || this.shape === 'mark') && this.timeframe === null && this.rowsRead > 0) {
      throw new ImportCsvError(this.source, this.lineNumber, null, 'one bar only: pass --timeframe');
    }
  }

  private fail(column: string, problem: string): never {
    throw new ImportCsvError(this.source, this.lineNumber, column, problem);
  }

  private cell(cells: string[], column: string): string {
    const value = cells[this.index[column]];
    if (value === undefined) this.fail(column, 'is missing (the line has too few cells)');
    return value.trim();
  }

  private number(cells: string[], column: string): number {
    const text = this.cell(cells, column);
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) this.fail(column, `"${text}" is not a number`);
    return value;
  }

  private positive(cells: string[], column: string): number {
    const value = this.number(cells, column);
    if (value <= 0) this.fail(column, `${value} must be above zero`);
    return value;
  }

  private nonNegative(cells: string[], column: string): number {
    const value = this.number(cells, column);
    if (value < 0) this.fail(column, `${value} must not be negative`);
    return value;
  }

  private epochMs(cells: string[], column: string): number {
    const text = this.cell(cells, column);
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
      this.fail(column, `"${text}" is not whole epoch milliseconds`);
    return this.ordered(column, value);
  }

  private time(cells: string[], column: string): number {
    const text = this.cell(cells, column);
    const iso = /^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00.000Z` : text;
    const value = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(iso)
      ? Date.parse(iso)
      : Number.NaN;
    if (!Number.isFinite(value)) this.fail(column, `"${text}" is not an ISO-8601 UTC time`);
    return this.ordered(column, value);
  }

  /** Times must not go backwards (equal is fine: several trades share a millisecond). */
  private ordered(column: string, value: number): number {
    if (value < this.previousTimeMs) {
      this.fail(column, `${new Date(value).toISOString()} is before the previous row's time`);
    }
    this.previousTimeMs = value;
    return value;
  }
}

/** Timeframes ccxt venues offer, by length: a bar file's first gap must be one of them. */
const knownTimeframes: Readonly<Record<number, string>> = {
  1_000: '1s',
  60_000: '1m',
  180_000: '3m',
  300_000: '5m',
  900_000: '15m',
  1_800_000: '30m',
  3_600_000: '1h',
  7_200_000: '2h',
  14_400_000: '4h',
  21_600_000: '6h',
  28_800_000: '8h',
  43_200_000: '12h',
  86_400_000: '1d',
  259_200_000: '3d',
  604_800_000: '1w',
};

/** A gap in ms as a ccxt timeframe name (60000 -> 1m, 28800000 -> 8h), or null for any other gap. */
export function timeframeOfGap(gapMs: number): string | null {
  return knownTimeframes[gapMs] ?? null;
}

/** A --timeframe value: a count and a ccxt unit (s, m, h, d, w, M). */
export const timeframePattern = /^[1-9]\d{0,3}[smhdwM]$/;
