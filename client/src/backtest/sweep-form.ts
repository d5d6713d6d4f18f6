// The sweep set-up as typed (text fields) and what it becomes: a SweepConfig the server will
// accept, or the first reason it would not (checked here with the contract's schema, the
// param's bounds and the run count, so Run is blocked with the reason before anything is sent).
import {
  sweepConfigSchema,
  sweepHubRunsMax,
  sweepParamName,
  sweepParamsMax,
  type SweepConfig,
  type SweepObjective,
} from '@patchdesk/modules/contracts/sweep';

export interface SweepParamForm {
  module: string;
  param: string;
  kind: 'int' | 'float';
  min: number;
  max: number;
  from: string;
  to: string;
  step: string;
}

export interface SweepForm {
  params: SweepParamForm[];
  search: 'grid' | 'random';
  samples: string;
  seed: string;
  objective: SweepObjective;
}

export const emptySweepForm: SweepForm = {
  params: [],
  search: 'grid',
  samples: '20',
  seed: '1',
  objective: 'sharpe',
};

/** Values a new range spans by default: five, around the current value. */
const defaultPoints = 5;

/**
 * A first range for a param: half to one and a half times its value, clipped to its bounds,
 * in four steps (an integer param gets an integer step of at least 1).
 */
export function defaultRange(
  spec: { kind: 'int' | 'float'; min: number; max: number },
  value: number,
): { from: number; to: number; step: number } {
  const base = Number.isFinite(value) && value !== 0 ? Math.abs(value) : Math.max(1, Math.abs(spec.min));
  let from = Math.max(spec.min, value - base / 2);
  let to = Math.min(spec.max, value + base / 2);
  if (spec.kind === 'int') {
    from = Math.ceil(from);
    to = Math.floor(to);
    const step = Math.max(1, Math.floor((to - from) / (defaultPoints - 1)));
    return { from, to: from + step * Math.floor((to - from) / step), step };
  }
  const step = roundTo6((to - from) / (defaultPoints - 1)) || 1;
  return { from: roundTo6(from), to: roundTo6(to), step };
}

/** How many values from..to by step spans (the server's rule, including its rounding slack). */
export function valuesInRange(from: number, to: number, step: number): number {
  return Math.floor((to - from) / step + 1e-9) + 1;
}

export type SweepFormCheck = { config: SweepConfig; runs: number } | { problem: string };

/** The config of the form with the data and model, or the first problem. */
export function sweepConfigOfForm(
  form: SweepForm,
  data: SweepConfig['data'],
  model: SweepConfig['model'],
): SweepFormCheck {
  if (form.params.length === 0) return { problem: 'add a param with "sweep this" on a number field' };
  if (form.params.length > sweepParamsMax) return { problem: `at most ${sweepParamsMax} params` };
  let grid = 1;
  const params: SweepConfig['params'] = [];
  for (const p of form.params) {
    const name = sweepParamName(p);
    const [from, to, step] = [p.from, p.to, p.step].map((text) => (text.trim() === '' ? NaN : Number(text)));
    if (![from, to, step].every(Number.isFinite))
      return { problem: `${name}: from, to and step must be numbers` };
    if (step <= 0) return { problem: `${name}: the step must be above 0` };
    if (from > to) return { problem: `${name}: from ${from} is above to ${to}` };
    if (from < p.min || to > p.max)
      return { problem: `${name}: the range must stay inside [${p.min}, ${p.max}]` };
    if (p.kind === 'int' && !(Number.isInteger(from) && Number.isInteger(step)))
      return { problem: `${name}: an integer param needs an integer from and step` };
    grid *= valuesInRange(from, to, step);
    params.push({ module: p.module, param: p.param, from, to, step });
  }
  let runs = grid;
  let search: SweepConfig['search'] = { kind: 'grid' };
  if (form.search === 'random') {
    const samples = Number(form.samples);
    const seed = Number(form.seed);
    if (!Number.isInteger(samples) || samples < 1 || samples > sweepHubRunsMax)
      return { problem: `samples must be a whole number from 1 to ${sweepHubRunsMax}` };
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff)
      return { problem: 'the seed must be a whole number from 0 to 4294967295' };
    search = { kind: 'random', samples, seed };
    runs = Math.min(samples, grid);
  } else if (grid > sweepHubRunsMax) {
    return { problem: `the grid has ${grid} runs (at most ${sweepHubRunsMax}); widen a step or use random` };
  }
  const parsed = sweepConfigSchema.safeParse({ params, search, objective: form.objective, data, model });
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message ?? 'the sweep is not valid' };
  return { config: parsed.data, runs };
}

function roundTo6(value: number): number {
  return Number(value.toPrecision(6));
}
