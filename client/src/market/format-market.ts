// How the market panel writes its figures: prices with the probe formatter, the 24h change and
// funding as signed percentages (funding needs four decimals: 0.0100 % is a normal 8-hour
// rate), the next funding as a countdown, and a row's stale state.
import type { MarketTicker } from '@patchdesk/modules/contracts/hubs';
import { formatQuantity } from '../trading/format-trading';

export { formatQuantity as formatPrice };

/** A fraction as a signed percentage: 0.0123 -> "+1.23 %"; null -> "—". */
export function formatSignedPercent(fraction: number | null, decimals: number): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const text = (fraction * 100).toFixed(decimals);
  // -0.00001 rounds to "-0.0000": no sign for a change nobody saw.
  if (Number(text) === 0) return `${(0).toFixed(decimals)} %`;
  return `${fraction > 0 ? '+' : ''}${text} %`;
}

export const formatChange = (fraction: number | null): string => formatSignedPercent(fraction, 2);
export const formatFunding = (rate: number | null): string => formatSignedPercent(rate, 4);

/** Time left until the next funding, "7h 59m", "4m 05s"; "due" once passed; "—" when unknown. */
export function formatCountdown(nextMs: number | null, nowMs: number): string {
  if (nextMs === null) return '—';
  const leftS = Math.floor((nextMs - nowMs) / 1000);
  if (leftS <= 0) return 'due';
  const hours = Math.floor(leftS / 3600);
  const minutes = Math.floor((leftS % 3600) / 60);
  const seconds = leftS % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** Rows in the order the panel shows them: by venue, then symbol (the server sorts the same). */
export function rowKey(ticker: Pick<MarketTicker, 'venue' | 'symbol'>): string {
  return `${ticker.venue}|${ticker.symbol}`;
}
