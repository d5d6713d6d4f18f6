import { describe, expect, it } from 'vitest';
import { checkParamValue, param } from './params';

describe('checkParamValue', () => {
  const period = param.int({ default: 14, min: 2, max: 500 });
  const devs = param.float({ default: 2, min: 0, max: 10 });
  const op = param.enum({ default: '>', values: ['>', '<'] });
  const flag = param.bool({ default: false });

  it('accepts values inside the spec', () => {
    expect(checkParamValue(period, 2)).toBeNull();
    expect(checkParamValue(period, 500)).toBeNull();
    expect(checkParamValue(devs, 0.5)).toBeNull();
    expect(checkParamValue(op, '<')).toBeNull();
    expect(checkParamValue(flag, true)).toBeNull();
  });

  it('says why a value does not fit, naming the bounds', () => {
    expect(checkParamValue(period, 1)).toBe('1 is outside [2, 500]');
    expect(checkParamValue(period, 14.5)).toBe('expected an integer, got 14.5');
    expect(checkParamValue(period, '14')).toBe('expected an integer, got "14"');
    expect(checkParamValue(devs, Number.NaN)).toBe('expected a finite number, got NaN');
    expect(checkParamValue(devs, 11)).toBe('11 is outside [0, 10]');
    expect(checkParamValue(op, '==')).toBe('expected one of >, <, got "=="');
    expect(checkParamValue(flag, 1)).toBe('expected true or false, got 1');
  });
});
