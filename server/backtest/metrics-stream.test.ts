// The streamed metrics equal computeMetrics over the whole curve, bit for bit.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import { computeMetrics } from './metrics';
import { MetricsStream } from './metrics-stream';

describe('MetricsStream', () => {
  it('gives exactly what computeMetrics gives on the held curve', () => {
    const next = seededRandom(7);
    const n = 5_000;
    const timeMs: number[] = [];
    const equity: number[] = [];
    const closes: number[] = [];
    const inMarket: boolean[] = [];
    let e = 10_000;
    let c = 40_000;
    for (let i = 0; i < n; i++) {
      // 17-minute bars with a gap: days without a bar happen too.
      timeMs.push(Date.UTC(2024, 0, 1) + i * 17 * 60_000 + (i > 3_000 ? 5 * 86_400_000 : 0));
      e *= 1 + (next() - 0.5) * 0.01;
      c *= 1 + (next() - 0.5) * 0.01;
      equity.push(e);
      closes.push(c);
      inMarket.push(next() < 0.6);
    }
    const trades = Array.from({ length: 40 }, () => ({ pnl: (next() - 0.45) * 100 }));
    const flows = {
      tradedNotional: 123_456.7,
      feesPaid: 61.7,
      fundingPaid: 3.2,
      fundingReceived: 1.1,
      liquidations: 1,
    };
    const stream = new MetricsStream();
    for (let i = 0; i < n; i++) stream.bar(timeMs[i], equity[i], closes[i], inMarket[i]);
    for (const t of trades) stream.trade(t.pnl);
    const held = computeMetrics({
      curve: { timeMs, equity },
      trades,
      barsInMarket: inMarket.filter(Boolean).length,
      ...flows,
      closes,
    });
    expect(stream.finish(flows)).toEqual(held);
  });

  it('an empty run has NaN ratios, not a throw', () => {
    const m = new MetricsStream().finish({
      tradedNotional: 0,
      feesPaid: 0,
      fundingPaid: 0,
      fundingReceived: 0,
      liquidations: 0,
    });
    expect(m.totalReturn).toBeNaN();
    expect(m.trades).toBe(0);
  });
});
