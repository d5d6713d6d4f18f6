// The runner by hand: a patch that buys 0.1 BTC when the close crosses above 40,050 and sells
// it when the close crosses back below, over seven bars; every figure below is recomputed from
// the conventions in server/backtest/README.md. Then determinism, streaming and cancelling.
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../market/bar-columns';
import { runBacktest } from './runner';
import { barsOf, examplePatch, exactJson, levelCrossPatch, minuteMs, sampleBars, t0 } from './testing';

const model = { startingBalance: 10_000, takerFee: 0.0005, makerFee: 0.0002, slippageBps: 0, leverage: 10 };
const bars = barsOf([
  [40_000, 40_000, 40_000, 40_000], // 0
  [40_000, 40_100, 39_990, 40_100], // 1: the close crosses above 40,050 -> buy 0.1 at the next open
  [40_200, 40_300, 40_150, 40_250], // 2: bought at the open 40,200
  [40_250, 40_400, 40_200, 40_300], // 3: funding at its open (rate 0.0001)
  [40_300, 40_310, 39_900, 40_000], // 4: the close crosses below 40,050 -> sell at the next open
  [39_950, 39_960, 39_800, 39_900], // 5: funding at its open (rate 0.0002), then sold at the open 39,950
  [39_900, 39_900, 39_900, 39_900], // 6: funding at its open: flat, nothing to pay
]);
const funding = [
  { timeMs: t0 + 3 * minuteMs, rate: 0.0001 },
  { timeMs: t0 + 5 * minuteMs, rate: 0.0002 },
  { timeMs: t0 + 6 * minuteMs, rate: 0.0003 },
];

describe('backtest runner, by hand', () => {
  it('fills, fees, funding, the round trip, the account and the metrics', async () => {
    const result = await runBacktest({ patch: levelCrossPatch(40_050, 0.1), bars, funding, model });
    expect(result.status).toBe('completed');
    expect(result.counts.ledgerRefusals).toBe(0);

    // Fills at the next bar's open, no slippage; taker fee = quantity x price x 0.0005.
    expect(result.fills).toEqual([
      expect.objectContaining({
        timeMs: t0 + 2 * minuteMs,
        side: 'buy',
        price: 40_200,
        quantity: 0.1,
        liquidity: 'taker',
        liquidation: false,
      }),
      expect.objectContaining({
        timeMs: t0 + 5 * minuteMs,
        side: 'sell',
        price: 39_950,
        quantity: 0.1,
        liquidity: 'taker',
        liquidation: false,
      }),
    ]);
    expect(result.fills[0].fee).toBeCloseTo(2.01, 10); // 0.1 x 40,200 x 0.0005
    expect(result.fills[1].fee).toBeCloseTo(1.9975, 10); // 0.1 x 39,950 x 0.0005

    // Funding at T is paid by the position held just before T, at the mark then (the last
    // close before T when no mark series is given): a long pays q x mark x rate.
    //   T = bar 3's open: 0.1 x 40,250 (bar 2's close) x 0.0001 = 0.4025
    //   T = bar 5's open: 0.1 x 40,000 (bar 4's close) x 0.0002 = 0.8 (the sale at that open comes after T)
    //   T = bar 6's open: flat, nothing.
    expect(result.counts.fundingEvents).toBe(2);
    expect(result.metrics.fundingPaid).toBeCloseTo(0.4025 + 0.8, 10);
    expect(result.metrics.fundingReceived).toBe(0);

    const [trade] = result.trades;
    expect(result.trades).toHaveLength(1);
    expect(trade).toMatchObject({
      side: 'long',
      entryTimeMs: t0 + 2 * minuteMs,
      exitTimeMs: t0 + 5 * minuteMs,
      entryPrice: 40_200,
      exitPrice: 39_950,
      quantity: 0.1,
      durationMs: 3 * minuteMs,
      liquidated: false,
    });
    expect(trade.grossPnl).toBeCloseTo(-25, 9); // 0.1 x (39,950 - 40,200)
    expect(trade.fees).toBeCloseTo(4.0075, 9);
    expect(trade.funding).toBeCloseTo(-1.2025, 9);
    expect(trade.pnl).toBeCloseTo(-25 - 4.0075 - 1.2025, 9); // -30.21
    // Excursions over bars 2-4 (they ended with the trade open) and the exit price:
    // best 0.1 x (40,400 - 40,200) = 20, worst 0.1 x (39,900 - 40,200) = -30.
    expect(trade.mfe).toBeCloseTo(20, 9);
    expect(trade.mae).toBeCloseTo(-30, 9);

    // Wallet = deposits + realised - fees + funding = 10,000 - 25 - 4.0075 - 1.2025.
    const { account } = result;
    expect(account.deposits).toBe(10_000);
    expect(account.realisedPnl).toBeCloseTo(-25, 8);
    expect(account.fees).toBeCloseTo(4.0075, 8);
    expect(account.fundingPnl).toBeCloseTo(-1.2025, 8);
    expect(account.cash).toBeCloseTo(9_969.79, 8);
    expect(account.margin).toBe(0);
    expect(account.unrealisedPnl).toBe(0);
    expect(account.equity).toBeCloseTo(9_969.79, 8);

    // Equity at each bar's close (stamped with the bar's open time).
    const expectedEquity = [
      10_000,
      10_000,
      10_000 - 2.01 + 0.1 * (40_250 - 40_200), // 10,002.99
      10_000 - 2.01 - 0.4025 + 0.1 * (40_300 - 40_200), // 10,007.5875
      10_000 - 2.01 - 0.4025 + 0.1 * (40_000 - 40_200), // 9,977.5875
      9_969.79,
      9_969.79,
    ];
    expect(result.equity.timeMs).toEqual(expectedEquity.map((_, i) => t0 + i * minuteMs));
    result.equity.equity.forEach((e, i) => expect(e).toBeCloseTo(expectedEquity[i], 8));
    // Drawdown from the running peak 10,007.5875 (bar 3).
    expect(result.series.drawdown[4]).toBeCloseTo((10_007.5875 - 9_977.5875) / 10_007.5875, 12);

    const m = result.metrics;
    expect(m.totalReturn).toBeCloseTo(9_969.79 / 10_000 - 1, 12);
    expect(m.maxDrawdown).toBeCloseTo((10_007.5875 - 9_969.79) / 10_007.5875, 12);
    expect(m.maxDrawdownDurationMs).toBe(3 * minuteMs); // bar 3 to the last bar, never regained
    expect(m.exposure).toBeCloseTo(3 / 7, 15); // bars 2, 3, 4 ended with a position
    expect(m.trades).toBe(1);
    expect(m.winRate).toBe(0);
    expect(m.averageLoss).toBeCloseTo(-30.21, 9);
    expect(m.expectancy).toBeCloseTo(-30.21, 9);
    expect(m.profitFactor).toBe(0); // no winning trade: 0 / 30.21
    expect(m.averageWin).toBeNaN();
    expect(m.fees).toBeCloseTo(4.0075, 9);
    expect(m.liquidations).toBe(0);
    const meanEquity = expectedEquity.reduce((a, b) => a + b, 0) / 7;
    expect(m.turnover).toBeCloseTo((0.1 * 40_200 + 0.1 * 39_950) / meanEquity, 12);
    expect(m.buyAndHoldReturn).toBeCloseTo(39_900 / 40_000 - 1, 15);
    // Buy and hold: the starting balance in the instrument at the first close.
    expect(result.series.buyAndHold[3]).toBeCloseTo((10_000 * 40_300) / 40_000, 9);
  });

  it('slippage moves a taker fill against it, rounded to the tick away from the taker', async () => {
    const result = await runBacktest({
      patch: levelCrossPatch(40_050, 0.1),
      bars,
      model: { ...model, slippageBps: 5 },
    });
    // buy: 40,200 x 1.0005 = 40,220.1; sell: 39,950 x 0.9995 = 39,930.025, down to the 0.1 tick: 39,930.0
    expect(result.fills.map((f) => f.price)).toEqual([40_220.1, 39_930]);
    expect(result.trades[0].grossPnl).toBeCloseTo(0.1 * (39_930 - 40_220.1), 9);
  });
});

describe('backtest runner: liquidation, by hand', () => {
  it('an isolated long liquidated at the bankruptcy price loses exactly its margin plus the entry fee', async () => {
    const result = await runBacktest({
      patch: levelCrossPatch(39_950, 0.1),
      bars: barsOf([
        [39_900, 39_900, 39_900, 39_900],
        [39_900, 40_000, 39_900, 40_000], // crosses above 39,950: buy 0.1 at the next open
        [40_000, 40_000, 40_000, 40_000], // bought at 40,000; margin 0.1 x 40,000 / 20 = 200
        [39_000, 39_000, 37_000, 37_500], // the path falls through the liquidation price
        [37_500, 37_500, 37_500, 37_500],
      ]),
      model: { slippageBps: 0, takerFee: 0.0005, leverage: 20, marginMode: 'isolated' },
    });
    // Bankruptcy price P = (EP - M/Q) / (1 - f) = (40,000 - 200 / 0.1) / (1 - 0.003) = 38,000 / 0.997
    const bankruptcy = 38_000 / 0.997;
    const [entry, liquidation] = result.fills;
    expect(entry).toMatchObject({ price: 40_000, fee: 2, liquidation: false });
    expect(liquidation).toMatchObject({
      side: 'sell',
      quantity: 0.1,
      liquidation: true,
      clientOrderId: null,
    });
    expect(liquidation.timeMs).toBe(t0 + 3 * minuteMs);
    expect(liquidation.price).toBeCloseTo(bankruptcy, 8);
    expect(liquidation.fee).toBeCloseTo(0.003 * 0.1 * bankruptcy, 7); // 11.4343029
    // The realised loss plus the liquidation fee is the margin exactly: 10,000 - 2 - 200.
    expect(result.account.cash).toBe(9_798);
    expect(result.account.equity).toBe(9_798);
    const [trade] = result.trades;
    expect(trade).toMatchObject({ side: 'long', liquidated: true, entryPrice: 40_000 });
    expect(trade.pnl).toBeCloseTo(-202, 6);
    expect(result.metrics.liquidations).toBe(1);
    expect(result.counts.ledgerRefusals).toBe(0);
  });
});

describe('backtest runner on the sample', () => {
  it('two runs give bit-identical results', async () => {
    const patch = examplePatch();
    const first = await runBacktest({ patch, bars: sampleBars() });
    const second = await runBacktest({ patch, bars: sampleBars() });
    expect(first.counts.fills).toBeGreaterThan(10);
    expect(exactJson(second)).toBe(exactJson(first));
  });

  it('bars streamed in chunks give the same result as bars held', async () => {
    const held = sampleBars();
    const patch = examplePatch();
    async function* chunks(): AsyncGenerator<BarColumns> {
      for (let start = 0; start < held.length; start += 1_000) yield slice(held, start, start + 1_000);
    }
    const fromHeld = await runBacktest({ patch, bars: held, displayPoints: 100 });
    const fromStream = await runBacktest({ patch, bars: chunks(), displayPoints: 100 });
    expect(exactJson(fromStream)).toBe(exactJson(fromHeld));
    // The display series is bounded; the metrics saw every bar.
    expect(fromHeld.series.timeMs.length).toBeLessThanOrEqual(100);
    expect(fromHeld.bars.count).toBe(held.length);
  });

  it('full series: onBar sees every bar, and the display series is every stride-th of it', async () => {
    const held = sampleBars();
    const equity: number[] = [];
    const result = await runBacktest({
      patch: examplePatch(),
      bars: held,
      displayPoints: 64,
      onBar: (_timeMs, e) => equity.push(e),
    });
    expect(equity).toHaveLength(held.length);
    result.equity.equity.forEach((e, i) => expect(e).toBe(equity[i * result.seriesStride]));
    expect(result.account.equity).toBe(equity[equity.length - 1]);
  });

  it('candles: bounded, and each is the OHLC of its stride of bars', async () => {
    const held = sampleBars();
    const { candles } = await runBacktest({ patch: examplePatch(), bars: held, displayPoints: 64 });
    expect(candles.timeMs.length).toBeLessThanOrEqual(64);
    expect(candles.timeMs.length).toBe(Math.ceil(held.length / candles.stride));
    candles.timeMs.forEach((timeMs, i) => {
      const from = i * candles.stride;
      const to = Math.min(from + candles.stride, held.length);
      expect(timeMs).toBe(held.timeMs[from]);
      expect(candles.open[i]).toBe(held.open[from]);
      expect(candles.high[i]).toBe(Math.max(...held.high.slice(from, to)));
      expect(candles.low[i]).toBe(Math.min(...held.low.slice(from, to)));
      expect(candles.close[i]).toBe(held.close[to - 1]);
    });
  });

  it('an aborted run stops early and says cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runBacktest({
      patch: examplePatch(),
      bars: sampleBars(),
      signal: controller.signal,
    });
    expect(result.status).toBe('cancelled');
    expect(result.bars.count).toBe(0);
  });
});

function slice(columns: BarColumns, start: number, end: number): BarColumns {
  const to = Math.min(end, columns.length);
  return {
    length: to - start,
    timeMs: columns.timeMs.slice(start, to),
    open: columns.open.slice(start, to),
    high: columns.high.slice(start, to),
    low: columns.low.slice(start, to),
    close: columns.close.slice(start, to),
    volume: columns.volume.slice(start, to),
  };
}
