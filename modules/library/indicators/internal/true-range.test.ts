import { describe, expect, it } from 'vitest';
import { trueRange } from './true-range';

describe('true range', () => {
  it('is the bar range when the previous close is inside it', () => {
    expect(trueRange(12, 9, 10)).toBe(3);
  });
  it('reaches up to a previous close below the bar', () => {
    expect(trueRange(14, 12, 10)).toBe(4);
  });
  it('reaches down to a previous close above the bar', () => {
    expect(trueRange(8, 7, 10)).toBe(3);
  });
});
