// How the Trading panel writes numbers: money with fixed decimals and thousands separators (a
// balance never jumps width as cents change), prices and sizes with the probe formatter.
import { formatProbeValue } from '../editor/format-value';

/** Settle-currency amounts (USDT) are shown to the cent. */
export const moneyDecimals = 2;

const moneyFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: moneyDecimals,
  maximumFractionDigits: moneyDecimals,
  // A loss reads "-12.50", never "(12.50)" or a locale's minus sign.
  signDisplay: 'auto',
});

export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  // -0.001 rounds to "-0.00": say 0.00 instead of a loss nobody made.
  const rounded = Math.round(value * 10 ** moneyDecimals) / 10 ** moneyDecimals;
  return moneyFormat.format(rounded === 0 ? 0 : rounded);
}

/** Money with its sign always shown, for PnL: "+12.50", "-3.00", "0.00". */
export function formatSignedMoney(value: number | null | undefined): string {
  const text = formatMoney(value);
  return value !== null && value !== undefined && value > 0 && text !== '0.00' ? `+${text}` : text;
}

/** Prices, quantities and sizes: the probe badges' formatter; null when there is none. */
export function formatQuantity(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatProbeValue(value);
}

/** A fraction as a percentage with two decimals: margin ratio 0.0123 -> "1.23 %". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(2)} %`;
}

/** Bar time as the probe plot's axis shows it: UTC date and minute. */
export function formatBarTime(timeMs: number | null | undefined): string {
  if (timeMs === null || timeMs === undefined || !Number.isFinite(timeMs)) return '—';
  return new Date(timeMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** The sign of a value as a class suffix, to colour gains and losses. */
export function signClass(value: number | null | undefined): 'up' | 'down' | 'flat' {
  if (value === null || value === undefined || Number.isNaN(value) || Math.abs(value) < 0.005) return 'flat';
  return value > 0 ? 'up' : 'down';
}
