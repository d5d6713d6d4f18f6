import { describe, expect, it } from 'vitest';
import { btc, testFeed } from './test-feed';

describe('test feed', () => {
  it('sets the mark, equity and position it is given', () => {
    const feed = testFeed({ mark: 100, equity: 2_000, position: -3 });
    expect(feed.markets.get(btc)?.markPrice).toBe(100);
    expect(feed.account.equity).toBe(2_000);
    expect(feed.positions.get(btc)?.size).toBe(-3);
    expect(testFeed().positions.has(btc)).toBe(false);
  });
});
