// A backtest's "recorded history" input: bars read from the market store by venue, symbol,
// timeframe and [fromMs, toMs), counted first so a range too large for memory is refused before
// any is read, with the venue's funding rates and mark-price bars over the same bars when the
// store holds them. Its identity is the query plus the sha256 of what was read, so a stored
// result says exactly which inputs it ran on (a later import into the range changes the hash).
import { createHash } from 'node:crypto';
import type { BarColumns } from '../market/bar-columns';
import { readStoredBars } from '../market/stored-bars';
import { countStoredBars } from '../market/stored-datasets';
import type { Store } from '../store/open-store';
import type { FundingPoint, MarkPoint } from '../trading/session/trading-session';
import type { DataIdentity } from './results-store';

/** 2,000,000 bars are 96 MB of columns: the most one backtest reads from the store. */
export const recordedBarsMax = 2_000_000;

export interface RecordedQuery {
  venue: string;
  symbol: string;
  timeframe: string;
  fromMs: number;
  toMs: number;
}

export interface RecordedHistory {
  bars: BarColumns;
  /** The stored funding rates over the bars (undefined when the store holds none there). */
  funding?: FundingPoint[];
  /** The stored mark-price bars' opens over the bars (undefined when none). */
  marks?: MarkPoint[];
  data: DataIdentity;
}

/** A query the caller can fix (empty range, too many bars); the message says what to change. */
export class RecordedDataRefusal extends Error {
  override readonly name = 'RecordedDataRefusal';
}

export async function readRecordedBars(store: Store, query: RecordedQuery): Promise<RecordedHistory> {
  const { venue, symbol, timeframe, fromMs, toMs } = query;
  const what = `${venue} ${symbol} ${timeframe}`;
  if (!(fromMs < toMs)) throw new RecordedDataRefusal(`recorded history: "from" must be before "to"`);
  const count = await countStoredBars(store, venue, symbol, timeframe, fromMs, toMs);
  if (count === 0)
    throw new RecordedDataRefusal(`recorded history: the store holds no ${what} bars in that range`);
  if (count > recordedBarsMax) {
    throw new RecordedDataRefusal(
      `recorded history: ${count} ${what} bars in that range, at most ${recordedBarsMax} a backtest; narrow it`,
    );
  }
  const bars = await readStoredBars(store, venue, symbol, timeframe, fromMs, toMs);
  const firstMs = bars.timeMs[0];
  const lastMs = bars.timeMs[bars.length - 1];
  const funding = await readStoredFunding(store, venue, symbol, firstMs, lastMs);
  const marks = markPoints(
    await readStoredBars(store, venue, symbol, timeframe, firstMs, lastMs + 1, 'mark'),
  );
  const identity: Record<string, unknown> = { ...query, bars: bars.length, sha256: barsSha256(bars) };
  // Keys only when the store had the series: a bars-only identity stays what it was.
  if (funding.length > 0) identity.funding = { count: funding.length, sha256: pointsSha256(funding) };
  if (marks.length > 0) identity.marks = { count: marks.length, sha256: pointsSha256(marks) };
  return {
    bars,
    ...(funding.length > 0 ? { funding } : {}),
    ...(marks.length > 0 ? { marks } : {}),
    data: { kind: 'query', query: identity },
  };
}

/**
 * The funding rates that matter to bars opening from `firstMs` to `lastMs`: times floored to the
 * whole second as the CSV path floors them (venues stamp funding a few ms past the hour, and the
 * bar opening on the hour must see it first; README "Funding"), so [firstMs, lastMs + 1 s).
 * At most recordedBarsMax of them (more would be a broken store: refused, not truncated).
 */
async function readStoredFunding(
  store: Store,
  venue: string,
  symbol: string,
  firstMs: number,
  lastMs: number,
): Promise<FundingPoint[]> {
  const rows = await store.db
    .selectFrom('market_funding')
    .select(['time_ms', 'rate'])
    .where('venue', '=', venue)
    .where('symbol', '=', symbol)
    .where('time_ms', '>=', BigInt(firstMs))
    .where('time_ms', '<', BigInt(lastMs + 1_000))
    .orderBy('time_ms')
    .limit(recordedBarsMax + 1)
    .execute();
  if (rows.length > recordedBarsMax) {
    throw new RecordedDataRefusal(
      `recorded history: more than ${recordedBarsMax} ${venue} ${symbol} funding rates in that range; narrow it`,
    );
  }
  const points: FundingPoint[] = [];
  for (const row of rows) {
    const timeMs = Math.floor(Number(row.time_ms) / 1_000) * 1_000;
    // Two stamps in one second would be one event twice over: keep the later rate.
    if (points.length > 0 && points[points.length - 1].timeMs === timeMs) points.pop();
    points.push({ timeMs, rate: row.rate });
  }
  return points;
}

/** A mark-price bar's open is the mark at its open time (as for mark klines in a --mark CSV). */
function markPoints(bars: BarColumns): MarkPoint[] {
  const points: MarkPoint[] = new Array<MarkPoint>(bars.length);
  for (let i = 0; i < bars.length; i++) points[i] = { timeMs: bars.timeMs[i], price: bars.open[i] };
  return points;
}

/** sha256 over the columns' float64 bytes, column after column. */
export function barsSha256(bars: BarColumns): string {
  const hash = createHash('sha256');
  for (const column of [bars.timeMs, bars.open, bars.high, bars.low, bars.close, bars.volume]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, bars.length * 8));
  }
  return hash.digest('hex');
}

/** sha256 over (time, value) float64 pairs, in order. */
export function pointsSha256(points: readonly (FundingPoint | MarkPoint)[]): string {
  const values = new Float64Array(points.length * 2);
  points.forEach((point, i) => {
    values[2 * i] = point.timeMs;
    values[2 * i + 1] = 'rate' in point ? point.rate : point.price;
  });
  return createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex');
}
