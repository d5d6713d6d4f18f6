// The price precision of the data a patch runs on, so a moving average of a price reads with the
// same decimals as the price itself (the instrument's tick as the data records it: whole dollars
// for the BTC sample, cents for ETH), and not "46452.96" beside a close of "46516".
import { plotScales } from './plot-scales';

/** Ports a bar source gives prices on. */
const pricePorts = new Set(['open', 'high', 'low', 'close']);
/** More decimals than any venue quotes a price in. */
export const priceDecimalsMax = 8;

/** Decimals in the shortest text of `value` (CSV prices parse to their shortest form). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(Math.abs(value));
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const fraction = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return Math.min(fraction + Number(exponent[1]), priceDecimalsMax);
  }
  return Math.min(text.length - text.indexOf('.') - 1, priceDecimalsMax);
}

export function isPricePort(key: string): boolean {
  return pricePorts.has(key.slice(key.indexOf('.') + 1));
}

/**
 * The decimals of each probed key on the price's scale (the price ports and what is of the same
 * magnitude: averages, bands), given the newest values and the decimals seen so far; keys on
 * other scales (an RSI, a volume, a bool) are left out and keep their own format.
 */
export function priceDecimalsByKey(
  keys: readonly string[],
  values: ArrayLike<number>,
  seenDecimals: number,
): { decimals: number; byKey: Record<string, number> } {
  const latest = Array.from({ length: keys.length }, (_, index) => values[index] ?? Number.NaN);
  let decimals = seenDecimals;
  let priceIndex = -1;
  keys.forEach((key, index) => {
    if (!isPricePort(key) || !Number.isFinite(latest[index])) return;
    decimals = Math.max(decimals, decimalsOf(latest[index]));
    if (priceIndex < 0) priceIndex = index;
  });
  const byKey: Record<string, number> = {};
  if (priceIndex < 0) return { decimals, byKey };
  const scales = plotScales(latest);
  keys.forEach((key, index) => {
    const isVolume = key.endsWith('.volume');
    if (!isVolume && scales[index] === scales[priceIndex]) byKey[key] = decimals;
  });
  return { decimals, byKey };
}
