// Test-only: a trading feed for BTC/USDT:USDT with a mark price, as a run with a broker sets it.
import type { StepContext } from '../../../sdk/define-module';
import { createTradingFeed, positionFor } from '../../../sdk/trading-feed';
import type { InstrumentSpec, TradingFeed } from '../../../sdk/trading-feed';

export const btc = 'BTC/USDT:USDT';
export const btcInstrument: InstrumentSpec = {
  symbol: btc,
  priceStep: 0.1,
  quantityStep: 0.001,
  minQuantity: 0.001,
  minNotional: 5,
};

export function testFeed(options: { mark?: number; equity?: number; position?: number } = {}): TradingFeed {
  const feed = createTradingFeed({ symbol: btc, instruments: [btcInstrument] });
  const market = feed.markets.get(btc);
  if (market) market.markPrice = options.mark ?? 50_000;
  feed.account.equity = options.equity ?? 10_000;
  if (options.position !== undefined) positionFor(feed, btc).size = options.position;
  return feed;
}

/** A step context for calling helpers directly: at `timeMs`, with or without a broker feed. */
export function testContext(timeMs: number, trading: TradingFeed | null = null): StepContext {
  return {
    timeMs,
    tickIntervalMs: 100,
    feeds: { bar: null, trading },
    inputChanged: () => false,
    wakeAt: () => undefined,
  };
}
