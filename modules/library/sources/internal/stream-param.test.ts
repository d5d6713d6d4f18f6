import { describe, expect, it } from 'vitest';
import { checkParamValue } from '../../../sdk/params';
import { optionalStreamParam, streamParam } from './stream-param';

describe('stream params', () => {
  it('address the 256 streams of a run, and -1 for none where optional', () => {
    expect(checkParamValue(streamParam(), 255)).toBeNull();
    expect(checkParamValue(streamParam(), 256)).not.toBeNull();
    expect(checkParamValue(streamParam(), -1)).not.toBeNull();
    expect(optionalStreamParam('second').defaultValue).toBe(-1);
    expect(checkParamValue(optionalStreamParam('second'), -1)).toBeNull();
    expect(optionalStreamParam('second').description).toContain('second');
  });
});
