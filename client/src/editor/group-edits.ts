// Group edits: a group is a titled frame in the patch's view. Each edit builds the whole new
// group list for one setView edit (so an undo puts back the list as it was, see invert-edits.ts);
// moving a frame also moves the modules inside it, in the same undoable edit group.
import type { PatchEdit, PatchGroup, Position } from '@patchdesk/modules/patch/types';
import { groupSideMax, groupSideMin } from '@patchdesk/modules/patch/schema';

/** A module's box on the canvas, flow coordinates. */
export interface ModuleBox {
  id: string;
  position: Position;
  width: number;
  height: number;
}

/** Room between a frame and the modules it was drawn around; the top holds the title bar. */
export const groupPaddingSide = 24;
export const groupPaddingTop = 44;
/** A frame drawn with nothing selected. */
export const groupDefaultSize = { width: 360, height: 240 };

function setGroups(groups: PatchGroup[]): PatchEdit {
  return { kind: 'setView', view: { groups } };
}

function side(value: number): number {
  return Math.min(groupSideMax, Math.max(groupSideMin, Math.round(value)));
}

/** `group-N` with the smallest N not taken: ids stay short and a reload keeps them. */
export function nextGroupId(groups: readonly PatchGroup[]): string {
  const taken = new Set(groups.map((group) => group.id));
  let n = 1;
  while (taken.has(`group-${n}`)) n++;
  return `group-${n}`;
}

/** A frame around the given modules (padded, title bar on top), or of the default size at `at`. */
export function addGroupEdit(
  groups: readonly PatchGroup[],
  id: string,
  around: readonly ModuleBox[],
  at: Position,
): PatchEdit {
  if (around.length === 0) {
    const position = {
      x: Math.round(at.x - groupDefaultSize.width / 2),
      y: Math.round(at.y - groupDefaultSize.height / 2),
    };
    return setGroups([...groups, { id, title: 'Group', position, size: { ...groupDefaultSize } }]);
  }
  const left = Math.min(...around.map((box) => box.position.x)) - groupPaddingSide;
  const top = Math.min(...around.map((box) => box.position.y)) - groupPaddingTop;
  const right = Math.max(...around.map((box) => box.position.x + box.width)) + groupPaddingSide;
  const bottom = Math.max(...around.map((box) => box.position.y + box.height)) + groupPaddingSide;
  const position = { x: Math.floor(left), y: Math.floor(top) };
  const size = { width: side(Math.ceil(right) - position.x), height: side(Math.ceil(bottom) - position.y) };
  return setGroups([...groups, { id, title: 'Group', position, size }]);
}

/** Null when nothing changes (same title, or the group is gone): no edit, no undo step. */
export function renameGroupEdit(groups: readonly PatchGroup[], id: string, title: string): PatchEdit | null {
  const found = groups.find((group) => group.id === id);
  if (!found || found.title === title) return null;
  return setGroups(groups.map((group) => (group.id === id ? { ...group, title } : group)));
}

/** The new size is clamped to the schema's bounds, so a drag too small still makes a frame. */
export function resizeGroupEdit(
  groups: readonly PatchGroup[],
  id: string,
  size: { width: number; height: number },
): PatchEdit | null {
  const next = { width: side(size.width), height: side(size.height) };
  const found = groups.find((group) => group.id === id);
  if (!found || (found.size.width === next.width && found.size.height === next.height)) return null;
  return setGroups(groups.map((group) => (group.id === id ? { ...group, size: next } : group)));
}

/** Deletes the frame only: the modules inside stay where they are. */
export function removeGroupEdit(groups: readonly PatchGroup[], id: string): PatchEdit | null {
  if (!groups.some((group) => group.id === id)) return null;
  return setGroups(groups.filter((group) => group.id !== id));
}

/** The modules a frame holds: those whose box centre lies inside it. */
export function modulesInGroup(group: PatchGroup, boxes: readonly ModuleBox[]): string[] {
  const { x, y } = group.position;
  const { width, height } = group.size;
  return boxes
    .filter((box) => {
      const cx = box.position.x + box.width / 2;
      const cy = box.position.y + box.height / 2;
      return cx >= x && cx <= x + width && cy >= y && cy <= y + height;
    })
    .map((box) => box.id);
}

/**
 * The frame moved to `to`, and every module inside it (where it was) moved by the same rounded
 * offset: one group of edits, one undo step. Empty when the frame did not move.
 */
export function moveGroupEdits(
  groups: readonly PatchGroup[],
  id: string,
  to: Position,
  boxes: readonly ModuleBox[],
): PatchEdit[] {
  const found = groups.find((group) => group.id === id);
  if (!found) return [];
  const dx = Math.round(to.x - found.position.x);
  const dy = Math.round(to.y - found.position.y);
  if (dx === 0 && dy === 0) return [];
  const inside = new Set(modulesInGroup(found, boxes));
  const position = { x: found.position.x + dx, y: found.position.y + dy };
  const edits: PatchEdit[] = [
    setGroups(groups.map((group) => (group.id === id ? { ...group, position } : group))),
  ];
  for (const box of boxes)
    if (inside.has(box.id))
      edits.push({
        kind: 'moveModule',
        moduleId: box.id,
        position: { x: box.position.x + dx, y: box.position.y + dy },
      });
  return edits;
}
