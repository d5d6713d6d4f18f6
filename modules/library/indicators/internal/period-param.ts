// The period parameter every indicator shares: TA-Lib's lower bound, our upper bound.
import { param } from '../../../sdk/params';
import type { IntParamSpec } from '../../../sdk/params';

/** Longest window any indicator preallocates, in samples. */
export const indicatorPeriodMax = 10_000;

export function periodParam(options: { default: number; min: 1 | 2; description?: string }): IntParamSpec {
  return param.int({
    default: options.default,
    min: options.min,
    max: indicatorPeriodMax,
    description: options.description ?? 'Samples in the window',
  });
}
