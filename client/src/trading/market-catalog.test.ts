import { describe, expect, it } from 'vitest';
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';
import { useRunConfigStore } from '../stores/run-config-store';
import { createMarketCatalog } from './market-catalog';
import type { MarketInvoke } from './market-catalog';

function fakeHub(failFirst = false) {
  const calls: string[] = [];
  let failures = failFirst ? 1 : 0;
  const invoke = (async (method: string, ...args: string[]) => {
    calls.push([method, ...args].join(' '));
    if (failures > 0) {
      failures -= 1;
      throw new Error('market hub: not connected');
    }
    if (method === 'getVenues') {
      return [{ venue: 'bybit', label: 'Bybit', state: 'live', reason: null, streams: [] }] as VenueStatus[];
    }
    return args[0] === 'bybit' ? ['BTC/USDT:USDT', 'ETH/USDT:USDT'] : [];
  }) as MarketInvoke;
  return { invoke, calls };
}

describe('market catalog', () => {
  it("asks for the venues and each venue's markets once, however many rows read them", async () => {
    const hub = fakeHub();
    const catalog = createMarketCatalog(hub.invoke);
    expect(await catalog.venues()).toEqual([{ venue: 'bybit', label: 'Bybit' }]);
    await catalog.venues();
    expect(await Promise.all([catalog.markets('bybit'), catalog.markets('bybit')])).toEqual([
      ['BTC/USDT:USDT', 'ETH/USDT:USDT'],
      ['BTC/USDT:USDT', 'ETH/USDT:USDT'],
    ]);
    expect(await catalog.markets('okx')).toEqual([]);
    expect(hub.calls).toEqual(['getVenues', 'getMarkets bybit', 'getMarkets okx']);
  });

  it('forgets a failed load, so the next ask tries again', async () => {
    const hub = fakeHub(true);
    const catalog = createMarketCatalog(hub.invoke);
    await expect(catalog.venues()).rejects.toThrow('not connected');
    expect(await catalog.venues()).toHaveLength(1);
    expect(hub.calls).toEqual(['getVenues', 'getVenues']);
  });
});

describe('run config store streams', () => {
  it('adds, edits and removes rows; a new venue clears the symbol', () => {
    const store = useRunConfigStore.getState();
    store.addStream();
    store.addStream();
    store.setStream(0, { venue: 'bybit' });
    store.setStream(0, { symbol: 'BTC/USDT:USDT' });
    store.setStream(1, { venue: 'okx', symbol: 'ETH/USDT' });
    expect(useRunConfigStore.getState().form.streams).toEqual([
      { venue: 'bybit', symbol: 'BTC/USDT:USDT' },
      { venue: 'okx', symbol: 'ETH/USDT' },
    ]);
    store.setStream(0, { venue: 'binanceusdm' });
    expect(useRunConfigStore.getState().form.streams[0]).toEqual({ venue: 'binanceusdm', symbol: '' });
    store.removeStream(0);
    expect(useRunConfigStore.getState().form.streams).toEqual([{ venue: 'okx', symbol: 'ETH/USDT' }]);
  });
});
