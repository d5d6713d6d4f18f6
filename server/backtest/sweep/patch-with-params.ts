// The patch of one sweep run: the swept params set to this run's values, everything else as
// it was. The input patch is never changed.
import type { Patch } from '@patchdesk/modules/patch/types';
import type { SweepParamRange } from './sweep-spec';

export function patchWithParams(
  patch: Patch,
  ranges: readonly Pick<SweepParamRange, 'module' | 'param'>[],
  values: readonly number[],
): Patch {
  return {
    ...patch,
    modules: patch.modules.map((module) => {
      let params = module.params;
      ranges.forEach((range, i) => {
        if (range.module === module.id) params = { ...params, [range.param]: values[i] };
      });
      return params === module.params ? module : { ...module, params };
    }),
  };
}

/** `{ 'ema-fast.period': 12, ... }`: a run's params by name, for tables and JSON. */
export function namedParams(
  ranges: readonly Pick<SweepParamRange, 'module' | 'param'>[],
  values: readonly number[],
): Record<string, number> {
  const out: Record<string, number> = {};
  ranges.forEach((range, i) => (out[`${range.module}.${range.param}`] = values[i]));
  return out;
}
