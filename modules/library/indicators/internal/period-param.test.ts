import { describe, expect, it } from 'vitest';
import { checkParamValue } from '../../../sdk/params';
import { indicatorPeriodMax, periodParam } from './period-param';

describe('period param', () => {
  it('takes the TA-Lib minimum and our maximum', () => {
    const spec = periodParam({ default: 14, min: 2 });
    expect(checkParamValue(spec, 14)).toBeNull();
    expect(checkParamValue(spec, 1)).toMatch(/outside \[2, 10000\]/);
    expect(checkParamValue(spec, indicatorPeriodMax + 1)).not.toBeNull();
    expect(checkParamValue(spec, 2.5)).toMatch(/integer/);
  });
});
