// A server run of a patch with a subpatch gives bit-identical probe outputs to its flat version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { makeSubpatch } from '@patchdesk/modules/patch/make-subpatch';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import type { Patch } from '@patchdesk/modules/patch/types';
import { parseBarCsv } from '../market/bar-csv';
import { Run } from './run';

const repoRoot = new URL('../../', import.meta.url);
const bars = parseBarCsv(
  readFileSync(new URL('patches/data/btc-usdt-perp-1m-sample.csv', repoRoot), 'utf8'),
).slice(0, 1_200);
const registry = createBuiltinRegistry();
const probed = ['ema-fast.out', 'ema-slow.out', 'rsi.out', 'long.out', 'short.out'];
const inside = new Set(['ema-fast', 'ema-slow', 'cross-up', 'cross-down', 'long']);

function demo(): Patch {
  const parsed = parsePatchJson(readFileSync(new URL('patches/ema-cross-rsi.json', repoRoot), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.patch;
}

async function probeBytes(patch: Patch, keys: readonly string[]): Promise<string[]> {
  const run = new Run({ patch, registry, bars, pacing: { kind: 'virtual' } });
  const taps = keys.map((key) => run.kernel.tap(key, 4_096));
  const status = await run.start();
  expect(status.barsDelivered).toBe(bars.length);
  return taps.map(
    (tap) =>
      `${tap.recorded} ${Buffer.from(tap.values.buffer).toString('base64')} ${Buffer.from(tap.timesMs.buffer).toString('base64')}`,
  );
}

describe('Run with a subpatch', () => {
  it('gives bit-identical probe outputs to the flat demo patch', async () => {
    const made = makeSubpatch(demo(), [...inside], registry, { subpatchId: 'signals' });
    if (!made.ok) throw new Error(made.problems.map((p) => p.message).join('; '));
    const byPath = probed.map((key) => {
      const [moduleId, port] = key.split('.');
      return inside.has(moduleId) ? `${made.instanceId}/${moduleId}.${port}` : key;
    });
    expect(byPath).toContain('signals/ema-fast.out');
    const flat = await probeBytes(demo(), probed);
    expect(flat.every((record) => !record.startsWith('0 '))).toBe(true);
    expect(await probeBytes(made.patch, byPath)).toEqual(flat);
  });
});
