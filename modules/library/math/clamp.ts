// Bounds a series between two levels, e.g. a sizing signal into [-1, 1].
// The kernel checks each param against its own bounds but not low against high; a clamp with
// low > high has no meaningful answer, so it outputs NaN (visible on a probe, false in every
// comparison) instead of silently picking one of the bounds.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';

const clampBoundMagnitudeMax = 1e15;

export const clamp = defineModule({
  type: 'math/clamp',
  category: 'math',
  title: 'Clamp',
  description: 'Limits a series to the range [low, high]; outputs NaN if low is set above high.',
  inputs: {
    in: port.number({ description: 'The value to limit.' }),
  },
  outputs: {
    out: port.number({ description: 'in limited to [low, high]; NaN when in is NaN or low > high.' }),
  },
  params: {
    low: param.float({
      default: -1,
      min: -clampBoundMagnitudeMax,
      max: clampBoundMagnitudeMax,
      description: 'Lower bound: smaller inputs come out as low.',
    }),
    high: param.float({
      default: 1,
      min: -clampBoundMagnitudeMax,
      max: clampBoundMagnitudeMax,
      description: 'Upper bound: larger inputs come out as high; must be at least low.',
    }),
  },
  init: ({ low, high }) => ({ low, high, boundsValid: low <= high }),
  step(state, inputs, outputs) {
    outputs.out = clampScalar(state, inputs.in);
  },
  scalar: clampScalar,
});

/** The step as a function of the input (ModuleDefinition.scalar). */
function clampScalar(state: { low: number; high: number; boundsValid: boolean }, value: number): number {
  if (!state.boundsValid || Number.isNaN(value)) return Number.NaN;
  if (value < state.low) return state.low;
  if (value > state.high) return state.high;
  return value;
}
