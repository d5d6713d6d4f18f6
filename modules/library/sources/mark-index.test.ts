import { describe, expect, it } from 'vitest';
import { createModuleHarness } from '../../sdk/testing';
import { okxBtc, testMarket, writeTick } from './internal/test-market';
import { markIndex } from './mark-index';

describe('sources/mark-index', () => {
  it('emits mark, index and the premium over the index on each mark update', () => {
    const market = testMarket();
    const harness = createModuleHarness(markIndex, { stream: 0 });
    writeTick(market, okxBtc, [{ kind: 'mark', markPrice: 50_010, indexPrice: null }]);
    const noIndex = harness.step({}, { market });
    expect(noIndex.outputs.mark).toBe(50_010);
    expect(noIndex.outputs.index).toBeNaN();
    expect(noIndex.outputs.premium).toBeNaN();
    writeTick(market, okxBtc, [{ kind: 'mark', markPrice: 50_010, indexPrice: 50_000 }]);
    const both = harness.step({}, { market });
    expect(both.outputs.index).toBe(50_000);
    expect(both.outputs.premium).toBeCloseTo(10 / 50_000, 15); // 0.0002
    expect(harness.step({}, { market }).emitted).toBe(false);
    expect(createModuleHarness(markIndex).step({}).emitted).toBe(false);
  });
});
