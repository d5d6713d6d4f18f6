// How the Backtest panel writes durations, progress and the names of stored results.
import type { BacktestListItem } from '@patchdesk/modules/contracts/backtest';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/** A span in its two largest units: "3 d 4 h", "2 h 5 min", "45 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  // A difference of two durations (compare) may be negative.
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < minuteMs) return `${Math.round(ms / 1000)} s`;
  if (ms < hourMs) return `${Math.floor(ms / minuteMs)} min`;
  if (ms < dayMs) {
    const minutes = Math.floor((ms % hourMs) / minuteMs);
    return `${Math.floor(ms / hourMs)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((ms % dayMs) / hourMs);
  return `${Math.floor(ms / dayMs)} d${hours ? ` ${hours} h` : ''}`;
}

/** Time left as a progress bar says it; "estimating" before the server can tell. */
export function formatEta(etaMs: number | null): string {
  if (etaMs === null) return 'estimating…';
  return etaMs < 1000 ? 'under a second left' : `${formatDuration(etaMs)} left`;
}

export function formatBarsDone(barsDone: number, barsTotal: number): string {
  return `${barsDone.toLocaleString('en-US')} / ${barsTotal.toLocaleString('en-US')} bars`;
}

/** A stored result's label: patch name, when it ran (UTC) and its data, so two never look alike. */
export function resultLabel(item: Pick<BacktestListItem, 'id' | 'name' | 'createdAtMs' | 'data'>): string {
  const when = new Date(item.createdAtMs).toISOString().slice(0, 19).replace('T', ' ');
  const data = typeof item.data.name === 'string' ? item.data.name : String(item.data.kind ?? 'data');
  return `${item.name} · ${data} · ${when} · ${item.id.slice(0, 6)}`;
}
