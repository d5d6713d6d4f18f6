import { describe, expect, it } from 'vitest';
import { runSeries } from '../../sdk/testing';
import { tradeFlow } from './trade-flow';

describe('indicators/trade-flow', () => {
  it('classifies by the tick rule and sums the window, by hand', () => {
    // price   10   11   11   10   10   12
    // tick    -    up   zero down zero up
    // side    0    +1   +1   -1   -1   +1
    // amount  1    2    3    4    5    6
    // window of 3: buy  = 0,2,5,5,3,6 ; sell = 0,0,0,4,9,9
    const out = runSeries(
      tradeFlow,
      { period: 3 },
      { price: [10, 11, 11, 10, 10, 12], amount: [1, 2, 3, 4, 5, 6], venueSide: [0, 0, 0, 0, 0, 0] },
    );
    expect(out.side).toEqual([0, 1, 1, -1, -1, 1]);
    expect(out.buy).toEqual([0, 2, 5, 5, 3, 6]);
    expect(out.sell).toEqual([0, 0, 0, 4, 9, 9]);
    expect(out.delta).toEqual([0, 2, 5, 1, -6, -3]);
    // cumulative: 0, +2, +5, +1, -4, +2
    expect(out.cumDelta).toEqual([0, 2, 5, 1, -4, 2]);
  });

  it("takes the venue's side when given, over the tick rule", () => {
    const out = runSeries(
      tradeFlow,
      { period: 10 },
      { price: [10, 11, 12], amount: [1, 1, 1], venueSide: [-1, -1, 1] },
    );
    expect(out.side).toEqual([-1, -1, 1]);
    expect(out.cumDelta).toEqual([-1, -2, -1]);
  });

  it('skips NaN or negative trades without changing its state', () => {
    const out = runSeries(
      tradeFlow,
      { period: 10 },
      { price: [10, Number.NaN, 11, 9], amount: [1, 1, -1, 2], venueSide: [0, 0, 0, 0] },
    );
    expect(out.side[1]).toBeNaN();
    expect(out.cumDelta[2]).toBeNaN();
    // The 9 is compared with 10 (the NaN and the negative trade never happened): a sell.
    expect(out.side[3]).toBe(-1);
    expect(out.cumDelta[3]).toBe(-2);
  });

  it('matches naive sums over a long stream (the window sums do not drift)', () => {
    const n = 3_000;
    const price = Array.from({ length: n }, (_, i) => 100 + ((i * 37) % 11) * 0.1);
    const amount = Array.from({ length: n }, (_, i) => 0.001 * (1 + ((i * 13) % 17)));
    const out = runSeries(
      tradeFlow,
      { period: 250 },
      { price, amount, venueSide: new Array<number>(n).fill(0) },
    );
    for (const i of [249, 1_777, n - 1]) {
      let buy = 0;
      let sell = 0;
      for (let j = i - 249; j <= i; j++) {
        if (out.side[j] > 0) buy += amount[j];
        if (out.side[j] < 0) sell += amount[j];
      }
      expect(out.buy[i]).toBeCloseTo(buy, 12);
      expect(out.sell[i]).toBeCloseTo(sell, 12);
    }
  });
});

describe('indicators/trade-flow at any scale', () => {
  it('prices times k change nothing; amounts times k scale the volumes exactly (powers of two)', () => {
    const price = [10, 11, 11, 10, 10, 12, 9.5];
    const amount = [1, 2, 3, 4, 5, 6, 0.25];
    const venueSide = new Array<number>(price.length).fill(0);
    const base = runSeries(tradeFlow, { period: 3 }, { price, amount, venueSide });
    for (const k of [2 ** -40, 2 ** 40]) {
      expect(
        runSeries(tradeFlow, { period: 3 }, { price: price.map((p) => p * k), amount, venueSide }),
      ).toEqual(base);
      const scaled = runSeries(
        tradeFlow,
        { period: 3 },
        { price, amount: amount.map((a) => a * k), venueSide },
      );
      expect(scaled.side).toEqual(base.side);
      for (const output of ['buy', 'sell', 'delta', 'cumDelta']) {
        expect(scaled[output]).toEqual(base[output].map((v) => v * k));
      }
    }
  });
});
