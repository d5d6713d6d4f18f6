// The datasets list and the range count on PGlite and (with DATABASE_URL) PostgreSQL: one row
// per venue, symbol and timeframe of trade-price bars, mark bars left out, numbers not strings.
import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../store/test-stores';
import { emptyRows, writeMarketRows } from './market-rows';
import { countStoredBars, listStoredDatasets } from './stored-datasets';

const targets = storeTargets('stored_datasets');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

describe.each(targets)('stored datasets on $name', (target) => {
  it.runIf(targetRuns(target))('lists each series once with its span and count', async () => {
    const store = await target.open();
    const rows = emptyRows();
    const bar = (venue: string, timeframe: string, t: number, priceType: 'last' | 'mark' = 'last') => ({
      venue,
      symbol: 'BTC/USDT:USDT',
      price_type: priceType,
      timeframe,
      open_time_ms: t,
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      volume: 3,
    });
    for (const t of [0, 60_000, 120_000, 180_000]) rows.bars.push(bar('okx', '1m', t));
    rows.bars.push(bar('okx', '5m', 300_000), bar('bybit', '1m', 60_000), bar('kraken', '1m', 0, 'mark'));
    await writeMarketRows(store.db, rows);
    expect(await listStoredDatasets(store)).toEqual([
      { venue: 'bybit', symbol: 'BTC/USDT:USDT', timeframe: '1m', firstMs: 60_000, lastMs: 60_000, count: 1 },
      { venue: 'okx', symbol: 'BTC/USDT:USDT', timeframe: '1m', firstMs: 0, lastMs: 180_000, count: 4 },
      { venue: 'okx', symbol: 'BTC/USDT:USDT', timeframe: '5m', firstMs: 300_000, lastMs: 300_000, count: 1 },
    ]);
    expect(await countStoredBars(store, 'okx', 'BTC/USDT:USDT', '1m', 60_000, 180_000)).toBe(2);
    expect(await countStoredBars(store, 'okx', 'BTC/USDT:USDT', '1m', 60_000, 180_001)).toBe(3);
    expect(await countStoredBars(store, 'kraken', 'BTC/USDT:USDT', '1m', 0, 1e15)).toBe(0);
    await store.close();
  });
});
