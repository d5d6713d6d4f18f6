// CCI as TA-Lib computes it: (typical price - its SMA) / (0.015 * mean absolute deviation).
// The mean deviation needs the whole window each bar, so a step is O(period).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { periodParam } from './internal/period-param';
import { createRingWindow, isWindowFull, pushToWindow, sampleAgo } from './internal/ring-window';
import type { RingWindow } from './internal/ring-window';

interface CciState {
  readonly window: RingWindow;
  /** How many of the newest typical prices equal the newest one (the window is flat at `period`). */
  equalRun: number;
}

/**
 * Rounding a window's typical prices can carry, per unit of eps times (period + this) times
 * their mean magnitude: about 2 eps each from the three prices and the division, and up to
 * (period - 1) eps in the summed mean. A mean deviation or a distance from the mean this small
 * is rounding, not a move, at any price scale.
 */
const typicalRoundingExtra = 8;

export const cci = defineModule({
  type: 'indicators/cci',
  category: 'indicators',
  title: 'CCI',
  description:
    'Commodity channel index of the typical price (high + low + close) / 3 (TA-Lib CCI, default period 14). ' +
    'NaN until `period` bars; 0 when price or deviation is flat; a bar with any NaN input is skipped and gives NaN.',
  inputs: {
    high: port.number({ description: 'Bar high' }),
    low: port.number({ description: 'Bar low' }),
    close: port.number({ description: 'Bar close' }),
  },
  outputs: { out: port.number({ description: 'CCI' }) },
  params: { period: periodParam({ default: 14, min: 2 }) },
  init: ({ period }): CciState => ({ window: createRingWindow(period), equalRun: 0 }),
  step(state, { high, low, close }, outputs) {
    if (!isSample(high, low, close)) {
      outputs.out = Number.NaN;
      return;
    }
    const typical = (high + low + close) / 3;
    const window = state.window;
    state.equalRun = window.count > 0 && typical === sampleAgo(window, 0) ? state.equalRun + 1 : 1;
    pushToWindow(window, typical);
    if (!isWindowFull(window)) {
      outputs.out = Number.NaN;
      return;
    }
    // A flat window: no distance and no deviation, exactly 0 (the summed mean need not equal
    // the repeated value, so this is not left to the arithmetic below).
    if (state.equalRun >= window.size) {
      outputs.out = 0;
      return;
    }
    // Summed afresh in slot order, as TA-Lib does, rather than from the running sum: the
    // numerator is a small difference of large prices and must round as TA-Lib's does.
    const { values, size } = window;
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < size; i++) {
      sum += values[i];
      magnitude += Math.abs(values[i]);
    }
    const mean = sum / size;
    let deviation = 0;
    for (let i = 0; i < size; i++) deviation += Math.abs(values[i] - mean);
    const distance = typical - mean;
    // 0 when the distance or the mean deviation is within rounding of the prices (relative to
    // their magnitude, where TA-Lib tests both against an absolute 1e-8, which at a price near
    // 0.001 swallows real moves).
    const rounding = (size + typicalRoundingExtra) * Number.EPSILON * (magnitude / size);
    outputs.out =
      Math.abs(distance) <= rounding || deviation / size <= rounding
        ? 0
        : distance / (0.015 * (deviation / size));
  },
});
