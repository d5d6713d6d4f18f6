import { describe, expect, it } from 'vitest';
import { anyNaN } from './nan-policy';

describe('anyNaN', () => {
  it('spots a NaN in any position', () => {
    expect(anyNaN(1, 2)).toBe(false);
    expect(anyNaN(1, 2, 3, 4)).toBe(false);
    expect(anyNaN(Number.NaN, 2)).toBe(true);
    expect(anyNaN(1, Number.NaN)).toBe(true);
    expect(anyNaN(1, 2, Number.NaN)).toBe(true);
    expect(anyNaN(1, 2, 3, Number.NaN)).toBe(true);
  });
});
