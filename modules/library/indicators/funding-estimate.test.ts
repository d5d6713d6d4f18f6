import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { fundingEstimate } from './funding-estimate';

const hour = 3_600_000;

function run(samples: [number, number][], params = {}) {
  const harness = createModuleHarness(fundingEstimate, params);
  return samples.map(([timeMs, premium]) => harness.step({ premium }, { timeMs }).outputs);
}

describe('indicators/funding-estimate', () => {
  it('within the band the rate is the interest rate (by hand)', () => {
    // P = (1*0.0002 + 2*0.0004 + 3*0.0006) / 6 = 0.0028 / 6 = 0.000466...;
    // I - P = -0.000366... is inside +-0.0005, so F = P + (I - P) = I = 0.0001.
    const out = run([
      [0, 0.0002],
      [hour, 0.0004],
      [2 * hour, 0.0006],
    ]);
    expect(out[2].rate).toBeCloseTo(0.0001, 15);
    expect(out[2].nextFundingMs).toBe(8 * hour);
    // After the first sample alone: P = 0.0002, I - P = -0.0001, F = 0.0001.
    expect(out[0].rate).toBeCloseTo(0.0001, 15);
  });

  it('weights later samples more: 0 then 0.003 gives P = 0.002, F = 0.002 - 0.0005', () => {
    // P = (1*0 + 2*0.003) / 3 = 0.002; I - P = -0.0019 -> clamped to -0.0005; F = 0.0015.
    const out = run([
      [0, 0],
      [hour, 0.003],
    ]);
    expect(out[1].rate).toBeCloseTo(0.0015, 15);
  });

  it('clamps to the cap, both ways', () => {
    expect(run([[0, 0.02]])[0].rate).toBe(0.0075); // 0.02 - 0.0005 = 0.0195 > cap
    expect(run([[0, -0.02]])[0].rate).toBe(-0.0075); // -0.02 + 0.0005 < -cap
    expect(run([[0, 0.004]], { cap: 0.003 })[0].rate).toBe(0.003);
  });

  it('restarts at each funding time (UTC multiples of the interval)', () => {
    const out = run([
      [7 * hour, 0.01], // interval 00:00-08:00
      [8 * hour, 0.001], // a new interval: only this sample counts
    ]);
    // P = 0.001, I - P = -0.0009 -> -0.0005, F = 0.0005.
    expect(out[1].rate).toBeCloseTo(0.0005, 15);
    expect(out[1].nextFundingMs).toBe(16 * hour);
    const hourly = run([[90 * 60_000, 0.001]], { intervalHours: 1 });
    expect(hourly[0].nextFundingMs).toBe(2 * hour);
  });

  it('skips a NaN sample', () => {
    const out = run([
      [0, 0.001],
      [1, Number.NaN],
      [2, 0.001],
    ]);
    expect(out[1].rate).toBeNaN();
    // Two samples of 0.001: P = 0.001, F = 0.0005, as if the NaN never came.
    expect(out[2].rate).toBeCloseTo(0.0005, 15);
  });
});
