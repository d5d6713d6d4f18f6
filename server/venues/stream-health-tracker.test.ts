import { describe, expect, it } from 'vitest';
import { StreamHealthTracker } from './stream-health-tracker';

describe('StreamHealthTracker', () => {
  it('is stale before the first event and again after staleAfterMs without one', () => {
    const tracker = new StreamHealthTracker({ symbol: 'BTC/USDT:USDT', channel: 'trades' }, 5_000);
    expect(tracker.isStale(1_000)).toBe(true);
    tracker.event(10_000);
    expect(tracker.isStale(15_000)).toBe(false);
    expect(tracker.isStale(15_001)).toBe(true);
  });

  it('counts failures by kind; every failure is a reconnect', () => {
    const tracker = new StreamHealthTracker({ symbol: 'X', channel: 'book' }, 1_000);
    tracker.failure('resync', 'gap');
    tracker.failure('rateLimited', '429');
    tracker.failure('reconnect', 'closed');
    expect(tracker.snapshot(0)).toMatchObject({
      reconnects: 3,
      resyncs: 1,
      rateLimited: 1,
      lastError: 'closed',
    });
  });
});
