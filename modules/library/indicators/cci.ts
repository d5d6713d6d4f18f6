// CCI as TA-Lib computes it: (typical price - its SMA) / (0.015 * mean absolute deviation).
// The mean deviation needs the whole window each bar, so a step is O(period).
import { defineModule } from '../../sdk/define-module';
import { port } from '../../sdk/ports';
import { isSample } from './internal/nan-policy';
import { isNearZero } from './internal/near-zero';
import { periodParam } from './internal/period-param';
import { createRingWindow, isWindowFull, pushToWindow } from './internal/ring-window';

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
  init: ({ period }) => createRingWindow(period),
  step(window, { high, low, close }, outputs) {
    if (!isSample(high, low, close)) {
      outputs.out = Number.NaN;
      return;
    }
    const typical = (high + low + close) / 3;
    pushToWindow(window, typical);
    if (!isWindowFull(window)) {
      outputs.out = Number.NaN;
      return;
    }
    // Summed afresh in slot order, as TA-Lib does, rather than from the running sum: the
    // numerator is a small difference of large prices and must round as TA-Lib's does.
    const { values, size } = window;
    let sum = 0;
    for (let i = 0; i < size; i++) sum += values[i];
    const mean = sum / size;
    let deviation = 0;
    for (let i = 0; i < size; i++) deviation += Math.abs(values[i] - mean);
    const distance = typical - mean;
    outputs.out = isNearZero(distance) || isNearZero(deviation) ? 0 : distance / (0.015 * (deviation / size));
  },
});
