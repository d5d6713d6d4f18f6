import { describe, expect, it } from 'vitest';
import { diffPatches, isEmptyDiff, renderDiff } from './diff';
import type { Patch } from './types';

function base(): Patch {
  return {
    schemaVersion: 1,
    name: 'cross',
    description: 'v1',
    modules: [
      { id: 'src', type: 'sources/bars', params: {}, position: { x: 0, y: 0 } },
      { id: 'fast', type: 'indicators/ema', params: { period: 5 }, position: { x: 100, y: 0 } },
      { id: 'slow', type: 'indicators/ema', params: { period: 50 }, position: { x: 100, y: 100 } },
    ],
    cables: [
      { from: { module: 'src', port: 'close' }, to: { module: 'fast', port: 'price' } },
      { from: { module: 'src', port: 'close' }, to: { module: 'slow', port: 'price' } },
    ],
  };
}

describe('diffPatches', () => {
  it('finds nothing between equal patches', () => {
    const diff = diffPatches(base(), base());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(renderDiff(diff)).toBe('no changes\n');
  });

  it('reports every kind of change', () => {
    const a = base();
    const b = base();
    b.name = 'cross 2';
    b.modules = b.modules.filter((m) => m.id !== 'slow');
    b.modules.push({ id: 'sum', type: 'math/add', params: {}, position: { x: 300, y: 0 } });
    b.modules[1].params = { period: 8, warmup: false };
    b.modules[0].type = 'sources/replay';
    b.modules[0].position = { x: 10, y: -5 };
    b.cables = [b.cables[0], { from: { module: 'fast', port: 'value' }, to: { module: 'sum', port: 'a' } }];
    const diff = diffPatches(a, b);
    expect(diff.modulesAdded.map((m) => m.id)).toEqual(['sum']);
    expect(diff.modulesRemoved.map((m) => m.id)).toEqual(['slow']);
    expect(diff.typesChanged).toEqual([{ moduleId: 'src', from: 'sources/bars', to: 'sources/replay' }]);
    expect(diff.paramsChanged).toEqual([
      { moduleId: 'fast', param: 'period', from: 5, to: 8 },
      { moduleId: 'fast', param: 'warmup', from: undefined, to: false },
    ]);
    expect(diff.moved).toEqual([{ moduleId: 'src', from: { x: 0, y: 0 }, to: { x: 10, y: -5 } }]);
    expect(diff.cablesRemoved).toEqual([a.cables[1]]);
    expect(diff.cablesAdded).toEqual([b.cables[1]]);
    expect(diff.metadataChanged).toEqual([{ field: 'name', from: 'cross', to: 'cross 2' }]);
    expect(renderDiff(diff).split('\n')).toEqual([
      '~ name: "cross" -> "cross 2"',
      '- module slow (indicators/ema)',
      '+ module sum (math/add)',
      '~ module src: type sources/bars -> sources/replay',
      '~ param fast.period: 5 -> 8',
      '~ param fast.warmup: (unset) -> false',
      '~ moved src: (0, 0) -> (10, -5)',
      '- cable src.close -> slow.price',
      '+ cable fast.value -> sum.a',
      '',
    ]);
  });

  it('ignores cable order and shows added module params', () => {
    const a = base();
    const b = base();
    b.cables.reverse();
    b.modules.push({
      id: 'k',
      type: 'sources/constant',
      params: { value: 2, label: 'x' },
      position: { x: 0, y: 0 },
    });
    const diff = diffPatches(a, b);
    expect(diff.cablesAdded).toEqual([]);
    expect(renderDiff(diff)).toBe('+ module k (sources/constant) {label: "x", value: 2}\n');
  });
});
