// The example patches shipped in patches/ must stay valid and runnable on the bundled sample.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import { readBarCsvFile } from '../market/bar-csv';
import { Run } from './run';

const patchesDir = new URL('../../patches/', import.meta.url);
const registry = createBuiltinRegistry();

const examples: { file: string; numeric: string[]; signals: string[] }[] = [
  {
    file: 'ema-cross-rsi.json',
    numeric: ['ema-fast.out', 'ema-slow.out', 'rsi.out'],
    signals: ['long.out', 'short.out'],
  },
  {
    file: 'bollinger-mean-reversion.json',
    numeric: ['bands.upper', 'bands.lower', 'zscore.out'],
    signals: ['long.out', 'short.out'],
  },
  {
    file: 'atr-breakout.json',
    numeric: ['atr.out', 'upper.out', 'lower.out'],
    signals: ['long.out', 'short.out'],
  },
];

describe('example patches', async () => {
  const bars = await readBarCsvFile(new URL('data/btc-usdt-perp-1m-sample.csv', patchesDir).pathname);

  it.each(examples)(
    '$file validates, says it is an example, and runs over the sample',
    async ({ file, numeric, signals }) => {
      const parsed = parsePatchJson(readFileSync(new URL(file, patchesDir), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));
      const patch = parsed.patch;
      expect(validatePatch(patch, registry)).toEqual([]);
      expect(patch.description).toMatch(/example/i);
      expect(patch.description).toMatch(/not (trading )?advice/i);

      const run = new Run({ patch, registry, bars, pacing: { kind: 'virtual' } });
      const taps = [...numeric, ...signals].map((key) => run.kernel.tap(key, bars.length));
      const status = await run.start();
      expect(status).toMatchObject({ state: 'stopped', barsDelivered: bars.length });
      for (const tap of taps.slice(0, numeric.length)) {
        expect(tap.recorded, tap.key).toBe(bars.length);
        expect(Number.isFinite(tap.latestValue()), tap.key).toBe(true);
      }
      // Over three days of 1-minute bars every signal should fire at least once, and rarely.
      for (const tap of taps.slice(numeric.length)) {
        const fired = tap.values.reduce((count, value) => count + value, 0);
        expect(fired, tap.key).toBeGreaterThan(0);
        expect(fired, tap.key).toBeLessThan(bars.length / 10);
      }
    },
  );
});
