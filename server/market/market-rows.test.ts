import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../store/test-stores';
import type { MarketEvent } from './events';
import { addEventRow, emptyRows, tradeGroupsMax, writeMarketRows } from './market-rows';

const targets = storeTargets('market_rows');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

function trade(venue: string, symbol: string, t: number, id: string, price: number): MarketEvent {
  return {
    kind: 'trade',
    venue,
    symbol,
    exchangeTimeMs: t,
    receivedAtMs: t + 3,
    tradeId: id,
    price,
    amount: 0.5,
    side: id.endsWith('1') ? 'sell' : 'buy',
    sideFrom: 'venue',
  };
}

/** Interleaved pairs, each trade once plus one repeat of the first (a redelivery). */
function batch(pairs: number): MarketEvent[] {
  const events: MarketEvent[] = [];
  for (let i = 0; i < 3; i++) {
    for (let p = 0; p < pairs; p++) events.push(trade(`v${p}`, 'BTC/USDT', 1_000 + i, `${p}${i}`, 100 + i));
  }
  events.push(events[0]);
  return events;
}

describe.each(targets)('writeMarketRows trades on $name', (target) => {
  // Two pairs take the one-statement-a-pair path, tradeGroupsMax + 1 the all-arrays path.
  for (const pairs of [2, tradeGroupsMax + 1]) {
    it.runIf(targetRuns(target))(`stores every trade of ${pairs} interleaved pairs once`, async () => {
      const store = await target.open();
      try {
        const rows = emptyRows();
        for (const event of batch(pairs)) addEventRow(rows, event);
        expect(await writeMarketRows(store.db, rows)).toBe(3 * pairs + 1);
        expect(await writeMarketRows(store.db, rows)).toBe(3 * pairs + 1); // a retried batch: no-op
        const stored = await store.db
          .selectFrom('market_trades')
          .select(['venue', 'symbol', 'time_ms', 'trade_id', 'price', 'side', 'received_at_ms'])
          .orderBy('venue')
          .orderBy('time_ms')
          .execute();
        // By hand: pair p has trades at 1000, 1001, 1002 with ids p0, p1, p2, prices 100..102,
        // received 3 ms later; ids ending in 1 are sells (-1).
        const expected = [];
        for (let p = 0; p < pairs; p++) {
          for (let i = 0; i < 3; i++) {
            expected.push({
              venue: `v${p}`,
              symbol: 'BTC/USDT',
              time_ms: 1_000 + i,
              trade_id: `${p}${i}`,
              price: 100 + i,
              side: i === 1 ? -1 : 1,
              received_at_ms: 1_003 + i,
            });
          }
        }
        expect(
          stored.map((row) => ({
            ...row,
            time_ms: Number(row.time_ms),
            received_at_ms: Number(row.received_at_ms),
          })),
        ).toEqual(expected);
      } finally {
        await store.close();
      }
    });
  }
});
