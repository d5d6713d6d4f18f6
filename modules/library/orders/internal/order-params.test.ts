import { describe, expect, it } from 'vitest';
import { checkParamValue } from '../../../sdk/params';
import { timesInForce } from '../../../sdk/ports';
import { quantityParam, sideParam, timeInForceParam } from './order-params';

describe('shared order params', () => {
  it('offer every time in force an intent can carry, and both sides', () => {
    expect(timeInForceParam.values).toEqual(timesInForce);
    expect(sideParam.values).toEqual(['buy', 'sell']);
  });

  it('refuse a zero, negative or non-finite quantity', () => {
    expect(checkParamValue(quantityParam, 0.5)).toBeNull();
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(checkParamValue(quantityParam, bad)).not.toBeNull();
    }
  });
});
