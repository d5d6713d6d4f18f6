import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

const policy = { initialMs: 500, maxMs: 30_000, rateLimitedMs: 10_000 };

describe('backoffDelayMs', () => {
  it('doubles the cap per attempt up to the maximum, jittered below it', () => {
    // random() = 1 gives the cap itself: 500, 1000, 2000, ... 30000 (hand computed).
    const caps = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((attempt) =>
      backoffDelayMs(policy, attempt, false, () => 1),
    );
    expect(caps).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelayMs(policy, 3, false, () => 0.25)).toBe(1000);
    expect(backoffDelayMs(policy, 3, false, () => 0)).toBe(0);
  });

  it('waits at least the rate-limit floor after a 429', () => {
    expect(backoffDelayMs(policy, 0, true, () => 0)).toBe(10_000);
    expect(backoffDelayMs(policy, 10, true, () => 1)).toBe(30_000);
  });
});
