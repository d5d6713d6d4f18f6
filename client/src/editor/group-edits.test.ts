import { describe, expect, it } from 'vitest';
import type { PatchGroup } from '@patchdesk/modules/patch/types';
import {
  addGroupEdit,
  groupDefaultSize,
  modulesInGroup,
  moveGroupEdits,
  nextGroupId,
  removeGroupEdit,
  renameGroupEdit,
  resizeGroupEdit,
} from './group-edits';
import type { ModuleBox } from './group-edits';

const frame = (id: string, x = 0, y = 0, width = 300, height = 200, title = 'Group'): PatchGroup => ({
  id,
  title,
  position: { x, y },
  size: { width, height },
});
const box = (id: string, x: number, y: number, width = 100, height = 60): ModuleBox => ({
  id,
  position: { x, y },
  width,
  height,
});

describe('group edits', () => {
  it('picks the smallest free id', () => {
    expect(nextGroupId([])).toBe('group-1');
    expect(nextGroupId([frame('group-1'), frame('group-3')])).toBe('group-2');
  });

  it('frames the selected modules with padding and a title bar', () => {
    // Boxes span x 10..310 (200 + 110 wide) and y 50..170; padding 24 at the sides and bottom,
    // 44 on top: x -14..334, y 6..194.
    const edit = addGroupEdit([frame('a')], 'group-2', [box('m1', 10, 50), box('m2', 200, 110, 110)], {
      x: 999,
      y: 999,
    });
    expect(edit).toEqual({
      kind: 'setView',
      view: { groups: [frame('a'), frame('group-2', -14, 6, 348, 188)] },
    });
  });

  it('draws a default frame centred on the point when nothing is selected', () => {
    const edit = addGroupEdit([], 'group-1', [], { x: 100.4, y: 50 });
    expect(edit).toEqual({
      kind: 'setView',
      view: {
        groups: [
          frame('group-1', 100 - groupDefaultSize.width / 2, 50 - groupDefaultSize.height / 2, 360, 240),
        ],
      },
    });
  });

  it('renames, resizes (clamped) and deletes; no edit when nothing changes', () => {
    const list = [frame('a'), frame('b')];
    expect(renameGroupEdit(list, 'b', 'Entries')).toEqual({
      kind: 'setView',
      view: { groups: [frame('a'), frame('b', 0, 0, 300, 200, 'Entries')] },
    });
    expect(renameGroupEdit(list, 'b', 'Group')).toBeNull();
    expect(renameGroupEdit(list, 'zz', 'x')).toBeNull();
    expect(resizeGroupEdit(list, 'a', { width: 10, height: 250.6 })).toEqual({
      kind: 'setView',
      view: { groups: [frame('a', 0, 0, 40, 251), frame('b')] },
    });
    expect(resizeGroupEdit(list, 'a', { width: 300.2, height: 200 })).toBeNull();
    expect(removeGroupEdit(list, 'a')).toEqual({ kind: 'setView', view: { groups: [frame('b')] } });
    expect(removeGroupEdit(list, 'zz')).toBeNull();
  });

  it('holds the modules whose centre is inside', () => {
    // Centres: in (50, 30) inside; edge (300, 200) on the corner counts; out (351, 30) outside.
    const boxes = [box('in', 0, 0), box('edge', 250, 170), box('out', 301, 0)];
    expect(modulesInGroup(frame('g'), boxes)).toEqual(['in', 'edge']);
  });

  it('moves the frame and the modules inside by the same rounded offset, the others stay', () => {
    const boxes = [box('in', 20, 40), box('out', 500, 40)];
    const edits = moveGroupEdits([frame('g', 0, 0), frame('h', 900, 0)], 'g', { x: 30.4, y: -9.6 }, boxes);
    expect(edits).toEqual([
      { kind: 'setView', view: { groups: [frame('g', 30, -10), frame('h', 900, 0)] } },
      { kind: 'moveModule', moduleId: 'in', position: { x: 50, y: 30 } },
    ]);
    expect(moveGroupEdits([frame('g')], 'g', { x: 0.3, y: 0 }, boxes)).toEqual([]);
    expect(moveGroupEdits([frame('g')], 'nope', { x: 5, y: 0 }, boxes)).toEqual([]);
  });
});
