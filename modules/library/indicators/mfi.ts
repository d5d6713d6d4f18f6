// Money flow index as TA-Lib computes it: typical price times volume, split by the
// direction of the typical price, summed over `period` bars.
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';
import { createRingWindow, isWindowFull, pushToWindow } from './internal/ring-window';
import type { RingWindow } from './internal/ring-window';

interface MfiState {
  hasPrevious: boolean;
  previousTypical: number;
  readonly positive: RingWindow;
  readonly negative: RingWindow;
}

/** Rounding of a change between two typical prices, per unit of their summed magnitudes (2x margin). */
const typicalChangeRounding = 4 * Number.EPSILON;

export const mfi = defineModule({
  type: 'indicators/mfi',
  category: 'indicators',
  title: 'MFI',
  description:
    'Money flow index, 0..100: 100 * up-flow / (up-flow + down-flow) over `period` bars, flow = typical price ' +
    '* volume (TA-Lib MFI, default period 14). First value after period + 1 bars; 0 for a window with no flow; ' +
    'a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
    volume: port.number({ description: 'Bar volume' }),
  },
  outputs: { out: port.number({ description: 'MFI, 0..100' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }): MfiState => ({
    hasPrevious: false,
    previousTypical: 0,
    positive: createRingWindow(period),
    negative: createRingWindow(period),
  }),
  step(state, { high, low, close, volume }, outputs) {
    if (!isSample(high, low, close, volume)) {
      outputs.out = Number.NaN;
      return;
    }
    const typical = (high + low + close) / 3;
    const change = typical - state.previousTypical;
    // A change within the rounding of the two typical prices (about 2 eps of each: the three
    // prices and the division) is no change: a flat typical price can come out a few ulps up or
    // down depending on the price scale, and must not count as a bar of flow either way.
    const changeRounding = typicalChangeRounding * (Math.abs(typical) + Math.abs(state.previousTypical));
    const moved = !(Math.abs(change) <= changeRounding);
    const hadPrevious = state.hasPrevious;
    state.previousTypical = typical;
    state.hasPrevious = true;
    if (!hadPrevious) {
      outputs.out = Number.NaN;
      return;
    }
    const flow = typical * volume;
    const up = moved && change > 0 ? flow : 0;
    const down = moved && change < 0 ? flow : 0;
    pushToWindow(state.positive, up);
    pushToWindow(state.negative, down);
    if (!isWindowFull(state.positive)) {
      outputs.out = Number.NaN;
      return;
    }
    outputs.out = moneyFlowIndex(state);
  },
});

function moneyFlowIndex(state: MfiState): number {
  // A window with no up-flow (or no flow at all) has a sum of exactly 0, not sliding residue
  // (ring-window.ts), so it reads exactly 0.
  const total = state.positive.sum + state.negative.sum;
  if (total <= 0) return 0;
  const up = Math.min(Math.max(state.positive.sum, 0), total);
  return 100 * (up / total);
}
