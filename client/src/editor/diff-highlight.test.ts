import { describe, expect, it } from 'vitest';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { diffHighlight, diffIsEmpty } from './diff-highlight';

const empty: PatchDiff = {
  modulesAdded: [],
  modulesRemoved: [],
  paramsChanged: [],
  typesChanged: [],
  moved: [],
  cablesAdded: [],
  cablesRemoved: [],
  metadataChanged: [],
};

describe('diffHighlight', () => {
  it('marks added, removed, changed and moved modules, and the changed params', () => {
    const diff: PatchDiff = {
      ...empty,
      modulesAdded: [{ id: 'rsi', type: 'indicators/rsi', params: {}, position: { x: 0, y: 0 } }],
      modulesRemoved: [{ id: 'sma', type: 'indicators/sma', params: {}, position: { x: 0, y: 0 } }],
      paramsChanged: [{ moduleId: 'ema', param: 'period', from: 20, to: 30 }],
      moved: [
        { moduleId: 'ema', from: { x: 0, y: 0 }, to: { x: 5, y: 5 } },
        { moduleId: 'bars', from: { x: 0, y: 0 }, to: { x: 5, y: 5 } },
      ],
      cablesAdded: [{ from: { module: 'bars', port: 'close' }, to: { module: 'rsi', port: 'in' } }],
    };
    expect(diffHighlight(diff)).toEqual({
      modules: { rsi: 'added', sma: 'removed', ema: 'changed', bars: 'moved' },
      params: { 'ema.period': true },
      cables: { 'bars.close>rsi.in': 'added' },
    });
  });

  it('tells an empty diff from one with changes', () => {
    expect(diffIsEmpty(empty)).toBe(true);
    expect(diffIsEmpty({ ...empty, metadataChanged: [{ field: 'description', from: 'a', to: 'b' }] })).toBe(
      false,
    );
  });
});
