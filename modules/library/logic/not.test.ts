import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { not } from './not';

describe('logic/not', () => {
  it('inverts each value and emits every step', () => {
    expect(runSeries(not, {}, { in: [true, false, false, true] }).out).toEqual([0, 1, 1, 0]);
  });
});
