// The live path end to end, without the internet: the fake Binance USD-M venue, ccxt, our
// connector and in-process bus, the bridge, the kernel, and market sources in a patch. The
// figures are the ones the test has the venue send.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { Kernel } from '@patchdesk/modules/kernel/index';
import { patchOf } from '@patchdesk/modules/kernel/test-patches';
import { createMarketFeed } from '@patchdesk/modules/sdk/market-feed';
import { FakeVenue } from '../venues/fake/fake-venue';
import { BinanceUsdmProtocol } from '../venues/fake/protocols/binanceusdm';
import { connectToFake, type ConnectorHarness } from '../venues/testing';
import { MarketBridge } from './market-bridge';

let fake: FakeVenue | null = null;
let harness: ConnectorHarness | null = null;

afterEach(async () => {
  await harness?.connector.stop();
  await fake?.close();
  harness = null;
  fake = null;
});

describe('venue -> bus -> bridge -> patch', () => {
  it('delivers binanceusdm mark, index and funding to market sources', async () => {
    const protocol = new BinanceUsdmProtocol();
    fake = await FakeVenue.start(protocol);
    const h = (harness = connectToFake(fake, [
      { symbol: 'BTC/USDT:USDT', channel: 'mark' },
      { symbol: 'BTC/USDT:USDT', channel: 'funding' },
    ]));
    const feed = createMarketFeed([{ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }]);
    const bridge = new MarketBridge({ bus: h.bus, feed, name: 'run' });
    bridge.start();
    const kernel = new Kernel(
      patchOf([
        ['mark', 'sources/mark-index'],
        ['funding', 'sources/funding'],
        ['state', 'sources/market-state'],
      ]),
      createBuiltinRegistry(),
    );
    kernel.feeds.market = feed;
    let tickMs = 0;
    await vi.waitFor(
      () => {
        fake!.publish(
          'btcusdt@markPrice@1s',
          protocol.markPrice(42_010.5, 42_000.25, 0.00038167, 1_900_000_000_000),
        );
        tickMs += 100;
        bridge.beforeTick(tickMs);
        kernel.tick(tickMs);
        expect(kernel.read('funding.rate')).toBe(0.00038167);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(kernel.read('mark.mark')).toBe(42_010.5);
    expect(kernel.read('mark.index')).toBe(42_000.25);
    expect(kernel.read('mark.premium')).toBeCloseTo(10.25 / 42_000.25, 15);
    expect(kernel.read('funding.nextFundingMs')).toBe(1_900_000_000_000);
    expect(kernel.read('state.stale')).toBe(0);
    expect(bridge.stats()).toMatchObject({ dropped: 0, ignored: 0 });
    expect(h.dropLines).toEqual([]);
    bridge.stop();
  }, 20_000);
});
