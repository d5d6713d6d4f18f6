// What a sweep varies and how it judges, checked against the patch and the module catalog:
// 1-3 numeric params (MODULE.PARAM, from..to by step, inside the param's declared bounds), a
// grid or a seeded random search, and an objective metric. A bad spec is refused with a
// message naming the param and the reason (SweepSpecError), never a stack trace.
import { z } from 'zod';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { objectiveNames, type ObjectiveName } from './objective';
import { gridParamSets, gridSize, randomParamSets, rangeValues } from './param-sets';

/** Backtests one sweep may run (a grid larger than this is refused; sample it instead). */
export const sweepRunsMax = 2_000;
/** Grid points a random search may sample from. */
export const sweepGridPointsMax = 1_000_000_000;
export const sweepParamsMax = 3;

export class SweepSpecError extends Error {
  override readonly name = 'SweepSpecError';
}

const rangeSchema = z.strictObject({
  module: z.string().min(1).max(100),
  param: z.string().min(1).max(100),
  from: z.number().finite(),
  to: z.number().finite(),
  step: z.number().finite().positive(),
});

export const sweepSpecSchema = z.strictObject({
  params: z.array(rangeSchema).min(1).max(sweepParamsMax),
  search: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('grid') }),
      z.strictObject({
        kind: z.literal('random'),
        samples: z.number().int().min(1).max(sweepRunsMax),
        seed: z.number().int().min(0).max(0xffff_ffff),
      }),
    ])
    .default({ kind: 'grid' }),
  objective: z.enum(objectiveNames).default('sharpe'),
});

export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
export type SweepParamRange = z.infer<typeof rangeSchema>;

export interface SweepPlan {
  ranges: SweepParamRange[];
  objective: ObjectiveName;
  search: z.infer<typeof sweepSpecSchema>['search'];
  /** The combinations to run, in order; each holds one value per range. */
  paramSets: number[][];
}

/** Checks `input` against the patch and the catalog; the combinations to run. Throws SweepSpecError. */
export function planSweep(patch: Patch, registry: ModuleRegistry, input: unknown): SweepPlan {
  const parsed = sweepSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the sweep';
    throw new SweepSpecError(`${where}: ${issue.message}`);
  }
  const spec = parsed.data;
  const seen = new Set<string>();
  for (const range of spec.params) {
    const name = `${range.module}.${range.param}`;
    if (seen.has(name)) throw new SweepSpecError(`${name} is swept twice`);
    seen.add(name);
    checkRange(patch, registry, range, name);
  }
  const size = gridSize(spec.params);
  if (spec.search.kind === 'grid' && size > sweepRunsMax) {
    throw new SweepSpecError(
      `the grid has ${size} points (at most ${sweepRunsMax}); widen the steps or use a random search`,
    );
  }
  if (size > sweepGridPointsMax) {
    throw new SweepSpecError(`the grid has ${size} points (at most ${sweepGridPointsMax}); widen the steps`);
  }
  const paramSets =
    spec.search.kind === 'grid'
      ? gridParamSets(spec.params)
      : randomParamSets(spec.params, spec.search.samples, spec.search.seed);
  return { ranges: spec.params, objective: spec.objective, search: spec.search, paramSets };
}

function checkRange(patch: Patch, registry: ModuleRegistry, range: SweepParamRange, name: string): void {
  const module = patch.modules.find((m) => m.id === range.module);
  if (!module) throw new SweepSpecError(`${name}: the patch has no module '${range.module}'`);
  const spec = registry.get(module.type)?.params[range.param];
  if (!spec) {
    const known = Object.keys(registry.get(module.type)?.params ?? {}).join(', ') || 'none';
    throw new SweepSpecError(`${name}: ${module.type} has no param '${range.param}' (its params: ${known})`);
  }
  if (spec.kind !== 'int' && spec.kind !== 'float') {
    throw new SweepSpecError(`${name}: only number params can be swept (this one is ${spec.kind})`);
  }
  if (range.from > range.to) throw new SweepSpecError(`${name}: from ${range.from} is above to ${range.to}`);
  for (const [label, value] of [
    ['from', range.from],
    ['to', range.to],
  ] as const) {
    if (value < spec.min || value > spec.max) {
      throw new SweepSpecError(
        `${name}: ${label} ${value} is outside the param's range [${spec.min}, ${spec.max}]`,
      );
    }
  }
  if (spec.kind === 'int' && (!Number.isInteger(range.from) || !Number.isInteger(range.step))) {
    throw new SweepSpecError(`${name}: an integer param needs an integer from and step`);
  }
  if (rangeValues(range).length > sweepGridPointsMax)
    throw new SweepSpecError(`${name}: the step is too small`);
}
