import { describe, expect, it } from 'vitest';
import { overfitVerdict } from './overfit-warning';

describe('overfitVerdict', () => {
  it('warns when out-of-sample keeps under half the in-sample Sharpe', () => {
    const verdict = overfitVerdict([
      { inSample: 3, outOfSample: 0.5 },
      { inSample: 2, outOfSample: 0.5 },
    ]);
    expect(verdict.efficiency).toBeCloseTo(0.2, 12);
    expect(verdict.warning).toMatch(/in-sample Sharpe 2\.50 far exceeds out-of-sample Sharpe 0\.50/);
  });

  it('stays quiet when out-of-sample holds up, or in-sample was poor anyway', () => {
    expect(overfitVerdict([{ inSample: 2, outOfSample: 1.5 }]).warning).toBeNull();
    expect(overfitVerdict([{ inSample: 0.3, outOfSample: -1 }]).warning).toBeNull();
  });

  it('skips windows with an undefined Sharpe', () => {
    const verdict = overfitVerdict([
      { inSample: null, outOfSample: 1 },
      { inSample: 2, outOfSample: Number.NaN },
    ]);
    expect(verdict).toEqual({
      meanInSampleSharpe: null,
      meanOutOfSampleSharpe: null,
      efficiency: null,
      warning: null,
    });
  });
});
