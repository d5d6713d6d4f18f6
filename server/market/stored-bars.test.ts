import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../store/test-stores';
import { emptyRows, writeMarketRows } from './market-rows';
import { lastStoredBarMs, readStoredBars } from './stored-bars';

const targets = storeTargets('stored_bars');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

describe.each(targets)('readStoredBars on $name', (target) => {
  it.runIf(targetRuns(target))('returns [from, to) of one series as columns, oldest first', async () => {
    const store = await target.open();
    const rows = emptyRows();
    const bar = (venue: string, timeframe: string, t: number, priceType: 'last' | 'mark' = 'last') => ({
      venue,
      symbol: 'BTC/USDT:USDT',
      price_type: priceType,
      timeframe,
      open_time_ms: t,
      open: t / 60_000 + 0.5,
      high: t / 60_000 + 1.25,
      low: t / 60_000,
      close: t / 60_000 + 1,
      volume: 0.1 * (t / 60_000),
    });
    // Written out of order, with neighbours that must not leak in.
    for (const t of [240_000, 0, 180_000, 60_000, 120_000]) rows.bars.push(bar('okx', '1m', t));
    rows.bars.push(bar('bybit', '1m', 60_000), bar('okx', '5m', 0), bar('okx', '1m', 60_000, 'mark'));
    await writeMarketRows(store.db, rows);
    const columns = await readStoredBars(store, 'okx', 'BTC/USDT:USDT', '1m', 60_000, 240_000);
    expect(columns.length).toBe(3);
    expect([...columns.timeMs]).toEqual([60_000, 120_000, 180_000]);
    expect([...columns.open]).toEqual([1.5, 2.5, 3.5]);
    expect([...columns.high]).toEqual([2.25, 3.25, 4.25]);
    expect([...columns.low]).toEqual([1, 2, 3]);
    expect([...columns.close]).toEqual([2, 3, 4]);
    expect([...columns.volume]).toEqual([0.1, 0.2, 0.30000000000000004]);
    expect((await readStoredBars(store, 'okx', 'BTC/USDT:USDT', '1m', 0, 60_000, 'mark')).length).toBe(0);
    expect((await readStoredBars(store, 'okx', 'BTC/USDT:USDT', '1m', 60_000, 60_001, 'mark')).length).toBe(
      1,
    );
    expect((await readStoredBars(store, 'kraken', 'BTC/USDT:USDT', '1m', 0, 1e15)).length).toBe(0);
    expect(await lastStoredBarMs(store, 'okx', 'BTC/USDT:USDT', '1m', 'last')).toBe(240_000);
    expect(await lastStoredBarMs(store, 'okx', 'BTC/USDT:USDT', '1h', 'last')).toBe(null);
    await store.close();
  });
});
