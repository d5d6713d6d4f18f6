// Bytes allocated per tick with each built-in module type alone under the kernel (a bar every
// tick, 200,000 ticks, epoch-millisecond times computed per tick as a clock does), and with
// all of them in one patch. The tick is meant to allocate
// nothing; the verdict names the modules that do. modules/kernel/kernel-allocation.test.ts
// asserts the per-module figures; the all-modules figure is reported here only, because which
// calls V8 inlines into the runners (and so which numbers get boxed) can vary from run to run.
import { getHeapSpaceStatistics } from 'node:v8';
import { builtinModules, createBuiltinRegistry } from '../modules/library/index';
import { measureAllocation, moduleTypesPatch } from '../modules/kernel/test-allocation';
import type { Bench, BenchResult } from './types';

/** Below this many bytes per tick a module counts as not allocating (a boxed number is 16). */
const allocatingBytesPerTick = 1;
const allModulesRuns = 3;

function newSpaceUsedBytes(): number {
  const space = getHeapSpaceStatistics().find((candidate) => candidate.space_name === 'new_space');
  if (!space) throw new Error('node:v8 reports no new_space');
  return space.space_used_size;
}

const bench: Bench = {
  name: 'kernel-module-allocation',
  async run(): Promise<BenchResult[]> {
    const registry = createBuiltinRegistry();
    const perModule = builtinModules.map((definition) => ({
      type: definition.type,
      ...measureAllocation(moduleTypesPatch([definition]), registry, { newSpaceUsedBytes }),
    }));
    const allocating = perModule.filter((figures) => !(figures.minBytesPerTick < allocatingBytesPerTick));
    const worst = perModule.reduce((a, b) => (b.minBytesPerTick > a.minBytesPerTick ? b : a));
    const allRuns = Array.from(
      { length: allModulesRuns },
      () =>
        measureAllocation(moduleTypesPatch(builtinModules), registry, { newSpaceUsedBytes }).minBytesPerTick,
    );
    const allWorst = Math.max(...allRuns);
    const listed = perModule
      .map((figures) => `${figures.type} ${figures.minBytesPerTick.toFixed(1)}`)
      .join(', ');
    return [
      {
        name: `modules allocating per tick (of ${perModule.length}, each alone)`,
        value: allocating.length,
        unit: 'modules',
        baselineName: 'goal',
        baselineValue: 0,
        // No ratio against a goal of zero: 0 when met, the count otherwise.
        ratio: allocating.length,
        goal: `0 modules: ${allocating.length === 0 ? 'PASS' : 'FAIL'}`,
        notes:
          `${allocating.length === 0 ? 'none allocates' : `allocating: ${allocating.map((figures) => figures.type).join(', ')}`}; ` +
          `worst ${worst.type} ${worst.minBytesPerTick.toFixed(2)} bytes/tick (lowest of GC-free windows of ` +
          `10,000 ticks); all: ${listed}`,
      },
      {
        name: `all ${builtinModules.length} module types in one patch`,
        value: allWorst,
        unit: 'bytes/tick',
        baselineName: 'goal',
        baselineValue: allocatingBytesPerTick,
        ratio: allWorst / allocatingBytesPerTick,
        goal: `< ${allocatingBytesPerTick} byte/tick: ${allWorst < allocatingBytesPerTick ? 'PASS' : 'FAIL'}`,
        notes: `worst of ${allModulesRuns} runs in one process: ${allRuns.map((bytes) => bytes.toFixed(2)).join(', ')}`,
      },
    ];
  },
};

export default bench;
