// Round trips by hand: scaling in and out, a flip, funding and excursions.
import { describe, expect, it } from 'vitest';
import { RoundTrips } from './round-trips';

describe('RoundTrips', () => {
  it('scales in at an average, scales out, and closes at zero', () => {
    const trips = new RoundTrips(10);
    trips.fill(0, 'buy', 100, 1, 0.1, false);
    trips.fill(60_000, 'buy', 110, 1, 0.11, false); // average entry 105
    trips.bar(120, 95); // best 2 x (120 - 105) = 30, worst 2 x (95 - 105) = -20
    trips.funding(-0.5);
    trips.fill(120_000, 'sell', 115, 1, 0.115, false); // +10
    trips.bar(118, 100); // 1 left: best 13, worst -5
    trips.fill(180_000, 'sell', 100, 1, 0.1, false); // -5
    const [t] = trips.trades();
    expect(t.side).toBe('long');
    expect(t.entryPrice).toBe(105);
    expect(t.exitPrice).toBe(107.5);
    expect(t.quantity).toBe(2);
    expect(t.grossPnl).toBe(5);
    expect(t.fees).toBeCloseTo(0.425, 12);
    expect(t.funding).toBe(-0.5);
    expect(t.pnl).toBeCloseTo(5 - 0.425 - 0.5, 12);
    expect(t.durationMs).toBe(180_000);
    expect(t.mfe).toBe(30);
    expect(t.mae).toBe(-20);
    expect(trips.open).toBe(false);
  });

  it('a fill through zero closes the trade and opens the other side with the rest and its share of the fee', () => {
    const closed: number[] = [];
    const trips = new RoundTrips(10, (t) => closed.push(t.pnl));
    trips.fill(0, 'buy', 100, 1, 0.1, false);
    trips.fill(60_000, 'sell', 90, 3, 0.3, false); // closes 1 (fee 0.1), opens a short of 2 at 90 (fee 0.2)
    trips.fill(120_000, 'buy', 80, 2, 0.16, true); // a liquidation buy closes it
    const [long, short] = trips.trades();
    expect(long.pnl).toBeCloseTo(-10 - 0.2, 12);
    expect(short).toMatchObject({
      side: 'short',
      entryPrice: 90,
      exitPrice: 80,
      quantity: 2,
      grossPnl: 20,
      liquidated: true,
    });
    expect(short.fees).toBeCloseTo(0.36, 12);
    expect(closed).toHaveLength(2);
  });

  it('keeps at most the cap but counts every trade', () => {
    const trips = new RoundTrips(1);
    for (let i = 0; i < 3; i++) {
      trips.fill(i, 'buy', 100, 1, 0, false);
      trips.fill(i, 'sell', 100, 1, 0, false);
    }
    expect(trips.trades()).toHaveLength(1);
    expect(trips.count).toBe(3);
  });
});
