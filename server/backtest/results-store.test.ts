// The results store on both stores: save, list, open (bit for bit what was saved, NaN as null),
// compare, delete; and the stored inputs reproduce the result.
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../patches/patch-files';
import { storeTargets, targetRuns } from '../store/test-stores';
import { runBacktest } from './runner';
import { BacktestResultsStore } from './results-store';
import { barsOf, levelCrossPatch } from './testing';

const bars = barsOf([
  [40_000, 40_000, 40_000, 40_000],
  [40_000, 40_100, 39_990, 40_100],
  [40_200, 40_300, 40_150, 40_250],
  [40_250, 40_400, 40_200, 40_300],
  [40_300, 40_310, 39_900, 40_000],
  [39_950, 39_960, 39_800, 39_900],
]);

for (const target of storeTargets('backtest_results')) {
  describe.runIf(targetRuns(target))(`backtest results store (${target.name})`, () => {
    afterAll(() => target.cleanup());

    it('saves, lists newest first, opens, compares and deletes', async () => {
      const store = await target.open();
      try {
        const results = new BacktestResultsStore(store);
        const patch = levelCrossPatch(40_050, 0.1);
        const config = { slippageBps: 0, takerFee: 0.0005 };
        const first = await runBacktest({ patch, bars, model: config });
        const second = await runBacktest({ patch, bars, model: { ...config, takerFee: 0.001 } });
        const data = { kind: 'file' as const, name: 'bars.csv', sha256: 'ab'.repeat(32) };
        const idA = await results.save({
          name: 'a',
          patch,
          patchHash: contentHash(patch),
          data,
          config,
          result: first,
          createdAtMs: 1_000,
        });
        const idB = await results.save({
          name: 'b',
          patch,
          patchHash: contentHash(patch),
          data,
          config: { ...config, takerFee: 0.001 },
          result: second,
          createdAtMs: 2_000,
        });
        expect((await results.list()).map((item) => item.name)).toEqual(['b', 'a']);

        const opened = await results.open(idA);
        expect(opened?.summary.account).toEqual(first.account);
        expect(opened?.series.trades).toEqual(first.trades);
        expect(opened?.series.fills).toEqual(first.fills);
        expect(opened?.series.candles).toEqual(first.candles);
        expect(opened?.metrics).toEqual(JSON.parse(JSON.stringify(first.metrics)));
        expect(opened?.metrics.averageWin).toBeNull(); // NaN: no winning trade
        // What was stored reproduces the result bit for bit.
        const again = await runBacktest({ patch: opened!.patch, bars, model: opened!.config });
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));

        const comparison = await results.compare(idA, idB);
        expect(comparison?.sameInputs).toBe(false);
        const fees = comparison?.metrics.find((m) => m.name === 'fees');
        expect(fees?.a).toBeCloseTo(first.metrics.fees, 12);
        expect(fees?.delta).toBeCloseTo(second.metrics.fees - first.metrics.fees, 12);
        expect((await results.compare(idA, idA))?.sameInputs).toBe(true);

        expect(await results.delete(idA)).toBe(true);
        expect(await results.delete(idA)).toBe(false);
        expect(await results.open(idA)).toBeNull();
        expect(await results.compare(idA, idB)).toBeNull();
        expect((await results.list()).map((item) => item.id)).toEqual([idB]);
      } finally {
        await store.close();
      }
    });

    it('refuses to store a cancelled backtest', async () => {
      const store = await target.open();
      try {
        const controller = new AbortController();
        controller.abort();
        const patch = levelCrossPatch(40_050, 0.1);
        const cancelled = await runBacktest({ patch, bars, signal: controller.signal });
        const results = new BacktestResultsStore(store);
        await expect(
          results.save({
            name: 'x',
            patch,
            patchHash: '0',
            data: { kind: 'query', query: {} },
            config: {},
            result: cancelled,
            createdAtMs: 1,
          }),
        ).rejects.toThrow(/only a completed backtest/);
        expect(await results.list()).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
