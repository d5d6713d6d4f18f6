// Helpers for the backtest tests: a tiny patch that trades on a level, bars from rows, and the
// shipped example patch with the bundled sample.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { barColumnsFrom, type BarColumns } from '../market/bar-columns';
import { parseBarCsvColumns } from '../market/bar-csv';

export const minuteMs = 60_000;
export const t0 = Date.UTC(2022, 0, 1);

/**
 * Buys `quantity` at market when the close crosses above `level`, sells it (reduce-only) when
 * the close crosses below: the orders are decided at a bar's close and fill at the next open.
 */
export function levelCrossPatch(level: number, quantity: number): Patch {
  const at = { x: 0, y: 0 };
  return {
    schemaVersion: 1,
    name: 'level cross',
    description: '',
    modules: [
      { id: 'bars', type: 'sources/bars', params: {}, position: at },
      { id: 'level', type: 'sources/constant', params: { value: level }, position: at },
      { id: 'up', type: 'logic/cross-over', params: {}, position: at },
      { id: 'down', type: 'logic/cross-under', params: {}, position: at },
      { id: 'buy', type: 'orders/market', params: { side: 'buy', quantity }, position: at },
      {
        id: 'sell',
        type: 'orders/market',
        params: { side: 'sell', quantity, reduceOnly: true },
        position: at,
      },
      { id: 'broker', type: 'sinks/broker', params: {}, position: at },
    ],
    cables: [
      cable('bars', 'close', 'up', 'a'),
      cable('level', 'out', 'up', 'b'),
      cable('bars', 'close', 'down', 'a'),
      cable('level', 'out', 'down', 'b'),
      cable('up', 'out', 'buy', 'trigger'),
      cable('down', 'out', 'sell', 'trigger'),
      cable('buy', 'intent', 'broker', 'a'),
      cable('sell', 'intent', 'broker', 'b'),
    ],
  } as Patch;
}

function cable(fromModule: string, fromPort: string, toModule: string, toPort: string) {
  return { from: { module: fromModule, port: fromPort }, to: { module: toModule, port: toPort } };
}

/** One-minute bars from [open, high, low, close] rows, starting at t0, volume 1,000 each. */
export function barsOf(rows: readonly (readonly [number, number, number, number])[]): BarColumns {
  return barColumnsFrom(
    rows.map(([open, high, low, close], i) => ({
      timeMs: t0 + i * minuteMs,
      open,
      high,
      low,
      close,
      volume: 1_000,
    })),
  );
}

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
export const examplePatchPath = repo('patches/ema-cross-rsi.json');
export const samplePath = repo('patches/data/btc-usdt-perp-1m-sample.csv');

export function examplePatch(): Patch {
  const parsed = parsePatchJson(readFileSync(examplePatchPath, 'utf8'));
  if (!parsed.ok) throw new Error('the example patch does not parse');
  return parsed.patch;
}

export function sampleBars(): BarColumns {
  return parseBarCsvColumns(readFileSync(samplePath, 'utf8'));
}

/** JSON with NaN and infinities kept distinct (JSON.stringify makes them all null). */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `#${String(v)}` : v,
  );
}
