import { describe, expect, it } from 'vitest';
import { paceChoices, speedOfPace } from './pace';

describe('speedOfPace', () => {
  it('turns data time per second into virtual ms per wall ms', () => {
    expect(speedOfPace(86_400_000)).toBe(86_400);
    expect(speedOfPace(null)).toBeUndefined();
    expect(paceChoices.map((choice) => speedOfPace(choice.dataMsPerSecond))).toEqual([
      undefined,
      86_400,
      21_600,
      3_600,
    ]);
  });
});
