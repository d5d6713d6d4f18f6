// Mark price and funding (with the next funding time) through ccxt against the fake venue, one
// case per venue, each from that venue's own source: Binance's markPrice stream (which carries
// the premium index's funding figures), OKX's mark-price and funding-rate channels, Bybit's REST
// ticker, Hyperliquid's asset contexts. The figures are the recorded payloads' own, or ones the
// test set, so a wrong field mapping fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FundingEvent, MarkEvent } from '../market/events';
import { FakeVenue } from './fake/fake-venue';
import type { FakeProtocol } from './fake/fake-venue';
import { BinanceUsdmProtocol } from './fake/protocols/binanceusdm';
import { BybitProtocol } from './fake/protocols/bybit';
import { HyperliquidProtocol } from './fake/protocols/hyperliquid';
import { OkxProtocol } from './fake/protocols/okx';
import { connectToFake } from './testing';
import type { ConnectorHarness } from './testing';

let fake: FakeVenue | null = null;
let harness: ConnectorHarness | null = null;

afterEach(async () => {
  await harness?.connector.stop();
  await fake?.close();
  harness = null;
  fake = null;
});

const nextFundingMs = 1_900_000_000_000;

interface Case {
  protocol: () => FakeProtocol;
  symbol: string;
  /** Pushes mark and funding where the venue streams them (nothing where ccxt polls REST). */
  push(fake: FakeVenue, protocol: FakeProtocol): void;
  mark: { markPrice: number; indexPrice: number | null };
  funding: { rate: number; nextFundingTimeMs: number | 'nextHour' };
}

const cases: Record<string, Case> = {
  binanceusdm: {
    protocol: () => new BinanceUsdmProtocol(),
    symbol: 'BTC/USDT:USDT',
    push: (f, p) =>
      f.publish(
        'btcusdt@markPrice@1s',
        (p as BinanceUsdmProtocol).markPrice(42_010.5, 42_000.25, 0.00038167, nextFundingMs),
      ),
    mark: { markPrice: 42_010.5, indexPrice: 42_000.25 },
    funding: { rate: 0.00038167, nextFundingTimeMs: nextFundingMs },
  },
  okx: {
    protocol: () => new OkxProtocol(),
    symbol: 'BTC/USDT:USDT',
    push: (f, p) => {
      f.publish('mark-price:BTC-USDT-SWAP', (p as OkxProtocol).markPrice(84_660.1));
      f.publish('funding-rate:BTC-USDT-SWAP', (p as OkxProtocol).funding(0.0002, nextFundingMs));
    },
    mark: { markPrice: 84_660.1, indexPrice: null },
    funding: { rate: 0.0002, nextFundingTimeMs: nextFundingMs },
  },
  // The recorded linear ticker: markPrice 17217.33, indexPrice 17227.36, fundingRate -0.000212,
  // nextFundingTime 1673280000000.
  bybit: {
    protocol: () => new BybitProtocol(),
    symbol: 'BTC/USDT:USDT',
    push: () => undefined,
    mark: { markPrice: 17_217.33, indexPrice: 17_227.36 },
    funding: { rate: -0.000212, nextFundingTimeMs: 1_673_280_000_000 },
  },
  // The recorded BTC asset context: markPx 77562.0, oraclePx 77605.0, funding -0.0000015186;
  // Hyperliquid funds every hour, on the hour.
  hyperliquid: {
    protocol: () => new HyperliquidProtocol(),
    symbol: 'BTC/USDC:USDC',
    push: () => undefined,
    mark: { markPrice: 77_562, indexPrice: 77_605 },
    funding: { rate: -0.0000015186, nextFundingTimeMs: 'nextHour' },
  },
};

describe.each(Object.entries(cases))('%s mark price and funding', (venue, c) => {
  it('publishes mark (with index) and funding with its next funding time', async () => {
    const protocol = c.protocol();
    fake = await FakeVenue.start(protocol);
    const h = (harness = connectToFake(
      fake,
      [
        { symbol: c.symbol, channel: 'mark' },
        { symbol: c.symbol, channel: 'funding' },
      ],
      { pollMs: 100 },
    ));
    const marks = (): MarkEvent[] => h.events.filter((e): e is MarkEvent => e.kind === 'mark');
    const fundings = (): FundingEvent[] => h.events.filter((e): e is FundingEvent => e.kind === 'funding');
    await vi.waitFor(
      () => {
        c.push(fake as FakeVenue, protocol);
        expect(marks().length).toBeGreaterThan(0);
        expect(fundings().length).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(marks()[0]).toMatchObject({ venue, symbol: c.symbol, ...c.mark });
    const funding = fundings()[0];
    expect(funding).toMatchObject({ venue, symbol: c.symbol, rate: c.funding.rate });
    if (c.funding.nextFundingTimeMs === 'nextHour') {
      expect(funding.nextFundingTimeMs! % 3_600_000).toBe(0);
      expect(funding.nextFundingTimeMs! - funding.receivedAtMs).toBeLessThanOrEqual(3_600_000);
    } else expect(funding.nextFundingTimeMs).toBe(c.funding.nextFundingTimeMs);
    expect(h.dropLines).toEqual([]);
    expect(h.connector.health().streams.map((s) => [s.channel, s.stale])).toEqual([
      ['mark', false],
      ['funding', false],
    ]);
  }, 20_000);
});
