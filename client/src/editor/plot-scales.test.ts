import { describe, expect, it } from 'vitest';
import { plotScales } from './plot-scales';

describe('plotScales', () => {
  it('puts a price and its averages on one scale and an oscillator on another', () => {
    const [close, ema, rsi, unknown] = plotScales([46956, 46939.81, 50.93, Number.NaN]);
    expect(close).toBe(ema);
    expect(rsi).not.toBe(close);
    expect(unknown).not.toBe(close);
    expect(unknown).not.toBe(rsi);
  });
});
