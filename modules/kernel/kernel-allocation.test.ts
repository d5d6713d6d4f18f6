// The tick must not allocate in the steady state (DESIGN.md §3): every built-in module type,
// alone under the kernel with a bar every tick, must settle to no allocation per tick. A
// number crossing a call V8 did not inline is boxed (16 bytes), so a step that allocates shows
// up as 16+ bytes per tick in every measuring window; a window that stays under 1 byte per
// tick means none of the module's steps allocated in it.
//
// Times here are epoch milliseconds boxed up front, which charges the kernel only for what
// happens inside it; kernel-tick-allocation.test.ts computes them per tick, as a clock does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { builtinModules, createBuiltinRegistry } from '../library/index';
import { parsePatchJson } from '../patch/schema';
import { measureAllocation, moduleTypesPatch } from './test-allocation';

const registry = createBuiltinRegistry();
const settledBytesPerTick = 1;
/** A loaded machine may take a while to optimise the runner; a step that allocates never settles. */
const windowsMax = 100;

function newSpaceUsedBytes(): number {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'new_space');
  if (!space) throw new Error('node:v8 reports no new_space');
  return space.space_used_size;
}

describe('Kernel allocation per tick, each built-in module alone', () => {
  it.each(builtinModules.map((definition) => [definition.type, definition] as const))(
    '%s allocates nothing per tick',
    (_type, definition) => {
      const figures = measureAllocation(moduleTypesPatch([definition]), registry, {
        newSpaceUsedBytes,
        settledBytesPerTick,
        windowsMax,
      });
      expect(figures.windows, 'no window without a scavenge: make windows smaller').toBeGreaterThan(0);
      expect(figures.minBytesPerTick).toBeLessThan(settledBytesPerTick);
    },
  );
});

describe('Kernel allocation per tick, the example patches', () => {
  const patchesDir = fileURLToPath(new URL('../../patches/', import.meta.url));
  const files = readdirSync(patchesDir).filter((file) => file.endsWith('.json'));

  it('finds the example patches', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s allocates nothing per tick', (file) => {
    const parsed = parsePatchJson(readFileSync(join(patchesDir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`patches/${file}: ${parsed.problems[0].message}`);
    const figures = measureAllocation(parsed.patch, registry, {
      newSpaceUsedBytes,
      settledBytesPerTick,
      windowsMax,
    });
    expect(figures.minBytesPerTick).toBeLessThan(settledBytesPerTick);
  });
});
