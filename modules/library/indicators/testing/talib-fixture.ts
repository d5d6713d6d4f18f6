// Test helper: the first 10,000 BTC-USDT perp 1m bars and TA-Lib 0.4's outputs for them,
// plus the comparison every indicator test uses. Parsed once per test process. The gzipped
// files in ../fixtures are read by the runner (vitest.global-setup.ts), so this stays free of I/O.
import { expect, inject } from 'vitest';

/** Agreement we require with TA-Lib: relative, or absolute when |expected| < 1. */
export const talibTolerance = 1e-9;

export interface FixtureBars {
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export type TalibColumn =
  | 'sma20'
  | 'ema20'
  | 'wma20'
  | 'dema20'
  | 'tema20'
  | 'rsi14'
  | 'atr14'
  | 'natr14'
  | 'trange'
  | 'macd_macd'
  | 'macd_macdsignal'
  | 'macd_macdhist'
  | 'bb_upperband'
  | 'bb_middleband'
  | 'bb_lowerband'
  | 'stoch_slowk'
  | 'stoch_slowd'
  | 'adx14'
  | 'plus_di14'
  | 'minus_di14'
  | 'cci20'
  | 'willr14'
  | 'mfi14'
  | 'obv'
  | 'roc10'
  | 'mom10'
  | 'stddev20'
  | 'kama10';

let bars: FixtureBars | undefined;
let talib: Map<string, number[]> | undefined;

export function loadBars(): FixtureBars {
  if (!bars) {
    const columns = parseCsvColumns(inject('indicatorFixtureBarsCsv'));
    const get = (name: string): number[] => {
      const values = columns.get(name);
      if (!values) throw new Error(`bars fixture: column ${name} is missing`);
      return values;
    };
    bars = {
      open: get('open'),
      high: get('high'),
      low: get('low'),
      close: get('close'),
      volume: get('volume'),
    };
  }
  return bars;
}

export function loadTalibColumn(name: TalibColumn): number[] {
  talib ??= parseCsvColumns(inject('indicatorFixtureTalibCsv'));
  const values = talib.get(name);
  if (!values) throw new Error(`TA-Lib fixture: column ${name} is missing`);
  return values;
}

/** Columns by header name; empty cells (TA-Lib's lookback) become NaN; `time` is skipped. */
function parseCsvColumns(text: string): Map<string, number[]> {
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const columns = header.map((): number[] => []);
  for (let row = 1; row < lines.length; row++) {
    const cells = lines[row].split(',');
    for (let c = 1; c < header.length; c++) columns[c].push(cells[c] === '' ? Number.NaN : Number(cells[c]));
  }
  return new Map(header.map((name, c) => [name, columns[c]]));
}

export function firstValidIndex(values: readonly number[]): number {
  return values.findIndex((v) => !Number.isNaN(v));
}

/** Whether two numbers agree within talibTolerance (relative, absolute below 1). */
export function agrees(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= talibTolerance * Math.max(1, Math.abs(expected));
}

/**
 * Asserts `actual` is NaN exactly where TA-Lib has no value yet, and agrees with TA-Lib on
 * every later bar. Failures name the first bad bar and the worst error.
 *
 * `talibRounding`, where given, is a bound on TA-Lib's own rounding error at a bar (for an
 * indicator we compute more exactly than TA-Lib does, checked against an exact reference in its
 * own test): a bar off by more than talibTolerance but within that bound still agrees, and the
 * number of such bars is returned so the test can pin it.
 */
export function expectMatchesTalib(
  actual: readonly number[],
  column: TalibColumn,
  talibRounding?: (bar: number) => number,
): number {
  const expected = loadTalibColumn(column);
  expect(actual.length, `${column}: output length`).toBe(expected.length);
  const firstExpected = firstValidIndex(expected);
  expect(firstExpected, `${column}: TA-Lib column has values`).toBeGreaterThanOrEqual(0);
  expect(firstValidIndex(actual), `${column}: first valid bar`).toBe(firstExpected);
  let mismatches = 0;
  let withinTalibRounding = 0;
  let firstBad = -1;
  let worstError = 0;
  for (let i = firstExpected; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(error <= worstError)) worstError = error;
    if (!agrees(actual[i], expected[i])) {
      if (talibRounding && Math.abs(actual[i] - expected[i]) <= talibRounding(i)) {
        withinTalibRounding++;
        continue;
      }
      mismatches++;
      if (firstBad < 0) firstBad = i;
    }
  }
  const detail =
    firstBad < 0 ? '' : ` first at bar ${firstBad}: got ${actual[firstBad]}, TA-Lib ${expected[firstBad]}`;
  expect(
    mismatches,
    `${column}: bars off by more than ${talibTolerance} (worst ${worstError});${detail}`,
  ).toBe(0);
  return withinTalibRounding;
}
