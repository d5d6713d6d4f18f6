import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../sdk/params';
import { createModuleHarness } from '../../sdk/testing';
import { asks, bids } from './internal/test-book';
import { okxBtc, snapshot, testMarket, writeTick } from './internal/test-market';
import { bookImbalance } from './book-imbalance';

function imbalanceOf(
  params: Record<string, ParamValue>,
  bookBids: typeof bids | [] = bids,
  bookAsks: typeof asks | [] = asks,
) {
  const market = testMarket();
  writeTick(market, okxBtc, [snapshot(bookBids, bookAsks)]);
  return createModuleHarness(bookImbalance, params).step({}, { market }).outputs;
}

describe('sources/book-imbalance', () => {
  it('counts the top `levels` levels of each side', () => {
    expect(imbalanceOf({ levels: 2 })).toEqual({ out: 0, bid: 5, ask: 5 });
    expect(imbalanceOf({ levels: 3 }).out).toBeCloseTo(-1 / 21, 15); // (10 - 11) / 21
    expect(imbalanceOf({ levels: 64 }).out).toBeCloseTo(9 / 31, 15); // (20 - 11) / 31
    expect(imbalanceOf({ levels: 1 }).out).toBeCloseTo(1 / 3, 15); // (2 - 1) / 3
  });

  it('or the sizes within depthBps of the mid', () => {
    // 20 bps: down to 99.8499 (10 bid), up to 100.2501 (5 ask): (10 - 5) / 15.
    const band = imbalanceOf({ mode: 'band', depthBps: 20 });
    expect(band.bid).toBe(10);
    expect(band.ask).toBe(5);
    expect(band.out).toBeCloseTo(1 / 3, 15);
  });

  it('reads +1 for a bids-only book by levels, NaN by band (no mid) or with nothing counted', () => {
    expect(imbalanceOf({ levels: 5 }, bids, []).out).toBe(1);
    expect(imbalanceOf({ mode: 'band' }, bids, []).out).toBeNaN();
    expect(imbalanceOf({ mode: 'band', depthBps: 0 }).out).toBeNaN();
    expect(imbalanceOf({}, [], []).out).toBeNaN();
  });
});
