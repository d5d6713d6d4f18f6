// A tick with epoch-millisecond times computed by its caller, as a clock computes them, must
// allocate nothing: tick() has to stay small enough for V8 to inline into the caller's loop,
// or the caller boxes the time on every call. Issue 9: guard messages written inline as
// template strings made tick too big to inline and turned the time into a string on every
// tick (16 bytes and about 200 ns a tick), which times from 0 or boxed up front did not show.
// In a file of its own, so the loop and tick() start with fresh optimisation state.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../library/index';
import { parsePatchJson } from '../patch/schema';
import { measureAllocation } from './test-allocation';

const registry = createBuiltinRegistry();
const settledBytesPerTick = 1;
const windowsMax = 100;

function newSpaceUsedBytes(): number {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'new_space');
  if (!space) throw new Error('node:v8 reports no new_space');
  return space.space_used_size;
}

describe('Kernel allocation per tick, epoch times computed per tick', () => {
  const patchesDir = fileURLToPath(new URL('../../patches/', import.meta.url));
  const files = readdirSync(patchesDir).filter((file) => file.endsWith('.json'));

  it('finds the example patches', () => {
    expect(files).toContain('ema-cross-rsi.json');
  });

  it.each(files)('%s allocates nothing per tick', (file) => {
    const parsed = parsePatchJson(readFileSync(join(patchesDir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`patches/${file}: ${parsed.problems[0].message}`);
    const figures = measureAllocation(parsed.patch, registry, {
      newSpaceUsedBytes,
      settledBytesPerTick,
      windowsMax,
      times: 'computed',
    });
    expect(figures.windows, 'no window without a scavenge').toBeGreaterThan(0);
    expect(figures.minBytesPerTick).toBeLessThan(settledBytesPerTick);
  });
});
