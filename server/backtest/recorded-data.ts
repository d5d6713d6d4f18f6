// A backtest's "recorded history" input: bars read from the market store by venue, symbol,
// timeframe and [fromMs, toMs), counted first so a range too large for memory is refused before
// any is read. Its identity is the query plus the sha256 of the bars read, so a stored result
// says exactly which bars it ran on (a later import into the range changes the hash).
import { createHash } from 'node:crypto';
import type { BarColumns } from '../market/bar-columns';
import { readStoredBars } from '../market/stored-bars';
import { countStoredBars } from '../market/stored-datasets';
import type { Store } from '../store/open-store';
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

/** A query the caller can fix (empty range, too many bars); the message says what to change. */
export class RecordedDataRefusal extends Error {
  override readonly name = 'RecordedDataRefusal';
}

export async function readRecordedBars(
  store: Store,
  query: RecordedQuery,
): Promise<{ bars: BarColumns; data: DataIdentity }> {
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
  return {
    bars,
    data: { kind: 'query', query: { ...query, bars: bars.length, sha256: barsSha256(bars) } },
  };
}

/** sha256 over the columns' float64 bytes, column after column. */
export function barsSha256(bars: BarColumns): string {
  const hash = createHash('sha256');
  for (const column of [bars.timeMs, bars.open, bars.high, bars.low, bars.close, bars.volume]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, bars.length * 8));
  }
  return hash.digest('hex');
}
