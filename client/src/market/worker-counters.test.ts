import { describe, expect, it } from 'vitest';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { formatAge, formatCount, formatRate, WorkerRates } from './worker-counters';

function venue(
  reportedAtMs: number,
  tickerEvents: number,
  markEvents: number,
  extra: Partial<VenueStatus> = {},
): VenueStatus {
  return {
    venue: 'binanceusdm',
    label: 'Binance USD-M futures',
    state: 'live',
    reason: null,
    streams: [
      {
        symbol: 'BTC/USDT:USDT',
        channel: 'ticker',
        stale: false,
        lastEventAtMs: 1,
        events: tickerEvents,
        dropped: 2,
        reconnects: 1,
        resyncs: 0,
        lastEventAgeMs: 350,
      },
      {
        symbol: 'BTC/USDT:USDT',
        channel: 'mark',
        stale: false,
        lastEventAtMs: 1,
        events: markEvents,
        dropped: 0,
        reconnects: 1,
        resyncs: 3,
        lastEventAgeMs: 120,
      },
      {
        symbol: 'ETH/USDT:USDT',
        channel: 'mark',
        stale: true,
        lastEventAtMs: null,
        events: 0,
        dropped: 0,
        reconnects: 0,
        resyncs: 0,
        lastEventAgeMs: null,
      },
    ],
    worker: {
      reportedAtMs,
      reportAgeMs: 900,
      published: 10,
      publishDropped: 5,
      outbox: 7,
      bars: 0,
      lateTrades: 0,
    },
    ...extra,
  };
}

describe('worker counters in the market panel', () => {
  it('sums the streams, takes the youngest event age, and rates events between distinct reports', () => {
    const rates = new WorkerRates();
    const [first] = rates.update([venue(10_000, 100, 50)]);
    // 100 + 50 events; drops 2 + 0 + 0 from streams and 5 from the outbox; reconnects 1 + 1; resyncs 3.
    expect(first).toEqual({
      venue: 'binanceusdm',
      label: 'Binance USD-M futures',
      state: 'live',
      events: 150,
      eventsPerSecond: null,
      dropped: 7,
      reconnects: 2,
      resyncs: 3,
      lastEventAgeMs: 120,
      reportAgeMs: 900,
      outbox: 7,
    });
    // 2.5 s later, 150 -> 650 events: 500 / 2.5 = 200 a second.
    expect(rates.update([venue(12_500, 400, 250)])[0].eventsPerSecond).toBe(200);
    // The same report polled again: the rate stands.
    expect(rates.update([venue(12_500, 400, 250)])[0].eventsPerSecond).toBe(200);
    // 2 s later, 650 -> 651: 0.5 a second.
    expect(rates.update([venue(14_500, 401, 250)])[0].eventsPerSecond).toBe(0.5);
    // The worker restarted (totals fell): no rate until the next report.
    expect(rates.update([venue(16_500, 3, 0)])[0].eventsPerSecond).toBeNull();
    expect(rates.update([venue(18_500, 13, 0)])[0].eventsPerSecond).toBe(5);
  });

  it('leaves out venues the server streams itself (no worker record)', () => {
    const rates = new WorkerRates();
    const own = { ...venue(1, 1, 1), venue: 'okx', worker: undefined };
    expect(rates.update([own, venue(1, 1, 1)]).map((counters) => counters.venue)).toEqual(['binanceusdm']);
  });

  it('writes rates, ages and counts', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(12.54)).toBe('12.5/s');
    expect(formatRate(1_234.4)).toBe('1,234/s');
    expect(formatAge(850)).toBe('850 ms');
    expect(formatAge(12_340)).toBe('12.3 s');
    expect(formatAge(245_000)).toBe('4m 05s');
    expect(formatAge(null)).toBe('—');
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});
