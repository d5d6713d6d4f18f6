import { describe, expect, it } from 'vitest';
import { sweepHubRunsMax } from '@patchdesk/modules/contracts/sweep';
import {
  defaultRange,
  emptySweepForm,
  sweepConfigOfForm,
  valuesInRange,
  type SweepParamForm,
} from './sweep-form';

const period: SweepParamForm = {
  module: 'ema-fast',
  param: 'period',
  kind: 'int',
  min: 2,
  max: 10_000,
  from: '6',
  to: '12',
  step: '3',
};
const data = { kind: 'sample' } as const;

describe('defaultRange', () => {
  it('spans half to one and a half times an int value in integer steps', () => {
    expect(defaultRange({ kind: 'int', min: 2, max: 10_000 }, 12)).toEqual({ from: 6, to: 18, step: 3 });
    expect(defaultRange({ kind: 'int', min: 2, max: 10_000 }, 26)).toEqual({ from: 13, to: 37, step: 6 });
  });

  it('stays inside the bounds and gives a float param a float step', () => {
    expect(defaultRange({ kind: 'int', min: 2, max: 10 }, 3)).toEqual({ from: 2, to: 4, step: 1 });
    expect(defaultRange({ kind: 'float', min: 0, max: 1 }, 0.02)).toEqual({
      from: 0.01,
      to: 0.03,
      step: 0.005,
    });
    expect(defaultRange({ kind: 'float', min: 0, max: 1 }, 0.9)).toEqual({ from: 0.45, to: 1, step: 0.1375 });
  });
});

describe('sweepConfigOfForm', () => {
  it('builds the config the hub takes, with the run count', () => {
    const form = {
      ...emptySweepForm,
      params: [period, { ...period, module: 'ema-slow', from: '20', to: '40', step: '20' }],
    };
    const check = sweepConfigOfForm(form, data, { takerFee: 0.0004 });
    expect(check).toEqual({
      runs: 6,
      config: {
        params: [
          { module: 'ema-fast', param: 'period', from: 6, to: 12, step: 3 },
          { module: 'ema-slow', param: 'period', from: 20, to: 40, step: 20 },
        ],
        search: { kind: 'grid' },
        objective: 'sharpe',
        data,
        model: { takerFee: 0.0004 },
      },
    });
  });

  it('says what is wrong first', () => {
    const problem = (params: SweepParamForm[], extra = {}) => {
      const check = sweepConfigOfForm({ ...emptySweepForm, params, ...extra }, data, undefined);
      return 'problem' in check ? check.problem : null;
    };
    expect(problem([])).toMatch(/sweep this/);
    expect(problem([{ ...period, step: 'x' }])).toBe('ema-fast.period: from, to and step must be numbers');
    expect(problem([{ ...period, from: '1' }])).toBe(
      'ema-fast.period: the range must stay inside [2, 10000]',
    );
    expect(problem([{ ...period, step: '1.5' }])).toMatch(/integer from and step/);
    expect(problem([{ ...period, from: '20' }])).toBe('ema-fast.period: from 20 is above to 12');
    expect(problem([{ ...period, from: '2', to: '1000', step: '1' }])).toBe(
      `the grid has 999 runs (at most ${sweepHubRunsMax}); widen a step or use random`,
    );
    expect(
      problem([{ ...period, from: '2', to: '1000', step: '1' }], { search: 'random', samples: '9999' }),
    ).toMatch(/samples must be/);
  });

  it('counts a random search as its samples, at most the grid', () => {
    const form = { ...emptySweepForm, search: 'random' as const, samples: '4', seed: '7', params: [period] };
    const check = sweepConfigOfForm(form, data, undefined);
    expect(check).toMatchObject({ runs: 3, config: { search: { kind: 'random', samples: 4, seed: 7 } } });
  });

  it('counts range values with the server’s rounding slack', () => {
    expect(valuesInRange(0.1, 0.3, 0.1)).toBe(3);
    expect(valuesInRange(6, 12, 3)).toBe(3);
  });
});
