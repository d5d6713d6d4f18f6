import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../library/index';
import { parsePatchJson } from '../patch/schema';
import type { Patch } from '../patch/types';
import { compilePlan } from './compile';
import { fusedBatchSizeMax, fusedBatchesMax } from './fused-runner';
import { Kernel } from './kernel';
import { barAt, patchOf } from './test-patches';
import { createKernelTestRegistry } from './test-modules';
import type { KernelOptions } from './types';

const testRegistry = createKernelTestRegistry();
const builtins = createBuiltinRegistry();

/** A chain src -> m0 -> m1 -> ... of alternating types: one batch per module. */
function alternatingChain(length: number): Patch {
  const types = ['math/add', 'math/multiply'];
  return patchOf(
    [
      ['src', 'sources/ticker'],
      ...Array.from({ length }, (_, i) => [`m${i}`, types[i % 2]] as [string, string]),
    ],
    Array.from({ length }, (_, i) => `${i === 0 ? 'src' : `m${i - 1}`}.value -> m${i}.a`),
  );
}

describe('fused runners', () => {
  it('generate code for batches of one or two positions, not for larger batches', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['a1', 'math/add'],
        ['a2', 'math/add'],
        ['a3', 'math/add'],
        ['m1', 'math/multiply'],
      ],
      ['t.value -> a1.a', 't.value -> a2.a', 't.value -> a3.a', 't.value -> m1.a'],
    );
    const plan = compilePlan(patch, testRegistry, null, 'specialised');
    const sizes = Array.from(
      { length: plan.batchStart.length - 1 },
      (_, b) => plan.batchStart[b + 1] - plan.batchStart[b],
    );
    expect(sizes.some((size) => size > fusedBatchSizeMax)).toBe(true);
    sizes.forEach((size, batch) => expect(plan.fusedRunners[batch] !== null).toBe(size <= fusedBatchSizeMax));
  });

  it('are left out past fusedBatchesMax batches, and in generic mode', () => {
    const small = compilePlan(alternatingChain(fusedBatchesMax - 1), testRegistry, null, 'specialised');
    expect(small.fusedRunners.every((runner) => runner !== null)).toBe(true);
    const large = compilePlan(alternatingChain(fusedBatchesMax + 1), testRegistry, null, 'specialised');
    expect(large.fusedRunners.every((runner) => runner === null)).toBe(true);
    const generic = compilePlan(alternatingChain(4), testRegistry, null, 'generic');
    expect(generic.fusedRunners.every((runner) => runner === null)).toBe(true);
  });

  it('give the same records as the batch runners on every example patch, across a hot patch', () => {
    const dir = fileURLToPath(new URL('../../patches/', import.meta.url));
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const parsed = parsePatchJson(readFileSync(join(dir, file), 'utf8'));
      if (!parsed.ok) throw new Error(`patches/${file}: ${parsed.problems[0].message}`);
      const fused = records(parsed.patch, {});
      expect(fused.some((record) => record.count > 0)).toBe(true);
      expect(records(parsed.patch, { fuseSmallBatches: false })).toEqual(fused);
      expect(records(parsed.patch, { runners: 'generic' })).toEqual(fused);
    }
  });

  it('group consecutive small batches of small scalar forms into one function, same records', () => {
    // add and multiply alternate: one batch each, all scalar forms of a few dozen characters.
    const patch = alternatingChain(12);
    const plan = compilePlan(patch, testRegistry, null, 'specialised');
    const batchCount = plan.batchStart.length - 1;
    const starts: number[] = [];
    for (let batch = 0; batch < batchCount; batch = plan.fusedUntil[batch]) starts.push(batch);
    // The ticker (no scalar form) runs alone; the twelve scalar batches share one function.
    expect(starts).toEqual([0, 1]);
    expect(plan.fusedRunners[1]).toBe(plan.fusedRunners[batchCount - 1]);
    expect(plan.fusedRunners[0]).not.toBe(plan.fusedRunners[1]);
    const run = (options: KernelOptions) => {
      const kernel = new Kernel(patch, testRegistry, options);
      const taps = patch.modules.map((module) => kernel.tap(`${module.id}.value`, 64));
      for (let tick = 0; tick < 40; tick++) kernel.tick(1_704_067_200_000 + tick * 100);
      return taps.map(
        (tap) => `${tap.key} ${tap.recorded} ${Array.from(tap.values.slice(0, tap.recorded)).join(',')}`,
      );
    };
    const grouped = run({});
    expect(run({ fuseSmallBatches: false })).toEqual(grouped);
    expect(run({ runners: 'generic' })).toEqual(grouped);
  });
});

interface TapRecord {
  key: string;
  count: number;
  bits: string;
}

/**
 * 400 ticks with a bar on two of three; after 200, a hot patch drops the first cable into the
 * last module (restarting it), so plans are regenerated mid-run.
 */
function records(patch: Patch, options: KernelOptions): TapRecord[] {
  const kernel = new Kernel(patch, builtins, options);
  const keys = patch.modules.flatMap((module) =>
    Object.entries(builtins.get(module.type)!.outputs)
      .filter(([, spec]) => spec.type !== 'bar')
      .map(([port]) => `${module.id}.${port}`),
  );
  const taps = keys.map((key) => kernel.tap(key, 512));
  for (let tick = 0; tick < 400; tick++) {
    if (tick === 200) {
      const last = patch.modules[patch.modules.length - 1].id;
      const cables = patch.cables.filter(
        (cable, i) => cable.to.module !== last || i !== patch.cables.findIndex((c) => c.to.module === last),
      );
      expect(kernel.setPatch({ ...patch, cables })).toEqual([]);
    }
    if (tick % 3 !== 2) kernel.feeds.bar = barAt(tick * 100, 30_000 + Math.sin(tick / 7) * 250 + tick * 0.37);
    kernel.tick(tick * 100);
  }
  return taps.map((tap) => ({
    key: tap.key,
    count: tap.recorded,
    bits: Array.from(
      new BigUint64Array(tap.values.slice(0, Math.min(tap.recorded, tap.capacity)).buffer),
    ).join(','),
  }));
}
