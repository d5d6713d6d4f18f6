import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { examplePatch } from '../testing';
import { planSweep, SweepSpecError } from './sweep-spec';

const registry = createBuiltinRegistry();
const patch = examplePatch();
const plan = (spec: unknown) => planSweep(patch, registry, spec);

describe('sweep spec', () => {
  it('plans a grid with sharpe as the default objective', () => {
    const result = plan({ params: [{ module: 'ema-fast', param: 'period', from: 8, to: 12, step: 2 }] });
    expect(result.objective).toBe('sharpe');
    expect(result.paramSets).toEqual([[8], [10], [12]]);
  });

  it('plans a seeded random search', () => {
    const spec = {
      params: [
        { module: 'ema-fast', param: 'period', from: 2, to: 40, step: 1 },
        { module: 'ema-slow', param: 'period', from: 20, to: 200, step: 5 },
      ],
      search: { kind: 'random', samples: 25, seed: 3 },
      objective: 'calmar',
    };
    expect(plan(spec).paramSets).toHaveLength(25);
    expect(plan(spec).paramSets).toEqual(plan(spec).paramSets);
  });

  it.each([
    [{ params: [] }, /params: .*1/],
    [
      { params: [{ module: 'nope', param: 'period', from: 1, to: 2, step: 1 }] },
      /nope\.period: the patch has no module 'nope'/,
    ],
    [
      { params: [{ module: 'ema-fast', param: 'length', from: 1, to: 2, step: 1 }] },
      /ema-fast\.length: indicators\/ema has no param 'length' \(its params: period\)/,
    ],
    [
      { params: [{ module: 'ema-fast', param: 'period', from: 0, to: 20, step: 1 }] },
      /ema-fast\.period: from 0 is outside the param's range \[2, /,
    ],
    [
      { params: [{ module: 'ema-fast', param: 'period', from: 5, to: 20, step: 0.5 }] },
      /integer param needs an integer from and step/,
    ],
    [
      { params: [{ module: 'ema-fast', param: 'period', from: 20, to: 5, step: 1 }] },
      /from 20 is above to 5/,
    ],
    [
      { params: [{ module: 'ema-fast', param: 'period', from: 5, to: 20, step: 1 }], objective: 'luck' },
      /objective: /,
    ],
    [
      {
        params: [
          { module: 'ema-fast', param: 'period', from: 2, to: 101, step: 1 },
          { module: 'ema-slow', param: 'period', from: 2, to: 101, step: 1 },
        ],
      },
      /the grid has 10000 points \(at most 2000\)/,
    ],
  ])('refuses %j', (spec, message) => {
    expect(() => plan(spec)).toThrow(SweepSpecError);
    expect(() => plan(spec)).toThrow(message);
  });
});
