// How a probed value reads wherever it shows (node badge, probe list, plot legend and axes): one
// formatter per port type. A value on the price's scale takes the price's decimals (see
// price-precision.ts); other numbers are compact, of stable width, with no exponent for prices.
import type { PortType } from '@patchdesk/modules/sdk/ports';

export function formatProbeValue(value: number, type: PortType = 'number', priceDecimals?: number): string {
  if (Number.isNaN(value)) return '—';
  if (type === 'bool') return value !== 0 ? 'true' : 'false';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (priceDecimals !== undefined) return value.toFixed(priceDecimals);
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e12 || magnitude < 1e-6) return value.toExponential(3);
  if (magnitude >= 100) return value.toFixed(2);
  // Four significant digits below 100; toPrecision would switch to exponents for tiny values.
  const decimals = Math.min(10, 3 - Math.floor(Math.log10(magnitude)));
  return value.toFixed(Math.max(decimals, 0));
}
