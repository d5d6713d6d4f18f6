// "Recorded history" in the Backtest panel, no React: the datasets the server's store holds
// become picker options, and the chosen dataset with its from/through times (minutes, UTC, both
// inclusive as a person reads them) becomes BacktestHub's `recorded` data, or a problem that
// says what to fix. The server takes bars whose open time is in [fromMs, toMs): through + 1 ms.
import type { BacktestData, BacktestStoredDataset } from '@patchdesk/modules/contracts/backtest';

export interface RecordedChoice {
  kind: 'recorded';
  /** datasetKey of the chosen dataset; null before one is picked. */
  key: string | null;
  /** `YYYY-MM-DDTHH:MM` in UTC, as a datetime-local input holds it. */
  from: string;
  through: string;
}

export function datasetKey(dataset: Pick<BacktestStoredDataset, 'venue' | 'symbol' | 'timeframe'>): string {
  return `${dataset.venue}|${dataset.symbol}|${dataset.timeframe}`;
}

/** `YYYY-MM-DDTHH:MM` (UTC) of a time, for a datetime-local input. */
export function minuteText(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 16);
}

/** The UTC time of `YYYY-MM-DDTHH:MM`, or null when it is not one. */
export function parseMinuteText(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return null;
  const timeMs = Date.parse(`${text}:00Z`);
  return Number.isNaN(timeMs) ? null : timeMs;
}

/** The choice covering all of `dataset`. */
export function wholeDataset(dataset: BacktestStoredDataset): RecordedChoice {
  return {
    kind: 'recorded',
    key: datasetKey(dataset),
    from: minuteText(dataset.firstMs),
    through: minuteText(dataset.lastMs),
  };
}

export function datasetLabel(dataset: BacktestStoredDataset): string {
  return `${dataset.venue} · ${dataset.symbol} · ${dataset.timeframe} · ${dataset.count.toLocaleString('en-US')} bars`;
}

/** The span a dataset covers, as people read it. */
export function datasetSpan(dataset: BacktestStoredDataset): string {
  return `${minuteText(dataset.firstMs).replace('T', ' ')} to ${minuteText(dataset.lastMs).replace('T', ' ')} UTC`;
}

/** BacktestHub's data for the choice, or what stands in the way. */
export function recordedData(
  choice: RecordedChoice,
  datasets: readonly BacktestStoredDataset[] | null,
): Extract<BacktestData, { kind: 'recorded' }> | { problem: string } {
  if (datasets === null) return { problem: 'the recorded datasets are still loading' };
  if (datasets.length === 0)
    return { problem: 'the store holds no recorded history (patchdesk import or fetch fills it)' };
  const dataset = datasets.find((candidate) => datasetKey(candidate) === choice.key);
  if (!dataset) return { problem: 'choose a recorded dataset' };
  const fromMs = parseMinuteText(choice.from);
  const throughMs = parseMinuteText(choice.through);
  if (fromMs === null) return { problem: '“From” must be a date and time (UTC)' };
  if (throughMs === null) return { problem: '“Through” must be a date and time (UTC)' };
  if (throughMs < fromMs) return { problem: '“Through” must not be before “From”' };
  if (throughMs < dataset.firstMs || fromMs > dataset.lastMs)
    return { problem: 'the range holds none of the dataset’s bars' };
  return {
    kind: 'recorded',
    venue: dataset.venue,
    symbol: dataset.symbol,
    timeframe: dataset.timeframe,
    fromMs,
    toMs: throughMs + 1,
  };
}
