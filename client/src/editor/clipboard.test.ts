import { describe, expect, it } from 'vitest';
import { catalog, registry, samplePatch } from '../test-support/fixtures';
import { applyEdits } from '@patchdesk/modules/patch/edits';
import { copySelection, pasteEdits, pasteOffsetPx } from './clipboard';

describe('copy and paste', () => {
  it('copies only the cables with both ends in the selection', () => {
    const content = copySelection(samplePatch(), new Set(['ema', 'add']));
    expect(content.modules.map((module) => module.id)).toEqual(['ema', 'add']);
    expect(content.cables).toEqual([
      { from: { module: 'ema', port: 'out' }, to: { module: 'add', port: 'a' } },
    ]);
  });

  it('pastes with fresh ids, offset positions and the internal cables rewired to the copies', () => {
    const patch = samplePatch();
    const { edits, moduleIds } = pasteEdits(patch, copySelection(patch, new Set(['ema', 'add'])));
    expect(moduleIds).toEqual(['ema2', 'add2']);
    expect(edits).toEqual([
      {
        kind: 'addModule',
        module: {
          id: 'ema2',
          type: 'indicators/ema',
          params: { period: 30 },
          position: { x: 300 + pasteOffsetPx, y: pasteOffsetPx },
        },
      },
      {
        kind: 'addModule',
        module: {
          id: 'add2',
          type: 'math/add',
          params: {},
          position: { x: 600 + pasteOffsetPx, y: pasteOffsetPx },
        },
      },
      {
        kind: 'connect',
        cable: { from: { module: 'ema2', port: 'out' }, to: { module: 'add2', port: 'a' } },
      },
    ]);
    // The server accepts the group: the pasted copy is a valid part of the patch.
    expect(applyEdits(patch, edits, registry).ok).toBe(true);
    expect(Object.keys(catalog)).toContain('math/add');
  });

  it('pasting twice gives distinct ids', () => {
    const patch = samplePatch();
    const content = copySelection(patch, new Set(['ema']));
    const first = pasteEdits(patch, content);
    const server = applyEdits(patch, first.edits, registry);
    expect(server.ok).toBe(true);
    if (!server.ok) return;
    expect(pasteEdits(server.patch, content).moduleIds).toEqual(['ema3']);
  });
});
