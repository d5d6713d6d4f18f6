// Groups on the canvas: titled frames drawn in flow coordinates (a viewport portal, so they pan
// and zoom with the modules) under the cables and modules, kept out of React Flow's nodes, which
// are modules only. Only the title bar and the resize corner take the pointer: a click inside a
// frame reaches the canvas and the modules as if the frame were not there. Saved in the patch's
// view, so diff and the kernel never see them.
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { useStore, ViewportPortal } from '@xyflow/react';
import type { PatchGroup, Position } from '@patchdesk/modules/patch/types';
import { groupSideMin, groupTitleLengthMax } from '@patchdesk/modules/patch/schema';
import { modulesInGroup } from '../editor/group-edits';
import type { ModuleBox } from '../editor/group-edits';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';

const noGroups: PatchGroup[] = [];

export function CanvasGroups() {
  const groups = useGraphStore((state) =>
    // Groups belong to the patch itself; an opened subpatch shows its own modules only.
    state.openInstance === null ? (state.document?.patch.view?.groups ?? noGroups) : noGroups,
  );
  if (groups.length === 0) return null;
  return (
    <ViewportPortal>
      {groups.map((group) => (
        <CanvasGroup key={group.id} group={group} />
      ))}
    </ViewportPortal>
  );
}

interface Drag {
  pointerX: number;
  pointerY: number;
  at: Position;
  size: PatchGroup['size'];
  /** The modules inside when the drag began, where they were: they follow the frame. */
  boxes: ModuleBox[];
}

function nodeBoxes(): ModuleBox[] {
  return useGraphStore.getState().nodes.map((node) => ({
    id: node.id,
    position: node.position,
    width: node.measured?.width ?? 0,
    height: node.measured?.height ?? 0,
  }));
}

const CanvasGroup = memo(function CanvasGroup({ group }: { group: PatchGroup }) {
  const { actions } = useEditor();
  const zoom = useStore((state) => state.transform[2]);
  const [title, setTitle] = useState(group.title);
  // While dragged or resized the frame follows the pointer locally; the change is sent on release.
  const [dragAt, setDragAt] = useState<Position | null>(null);
  const [dragSize, setDragSize] = useState<PatchGroup['size'] | null>(null);
  const drag = useRef<Drag | null>(null);

  // Another editor (or an undo) renamed it: show that unless this one is being typed in.
  useEffect(() => setTitle(group.title), [group.title]);

  const start = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      if (event.button !== 0) return false;
      event.stopPropagation();
      event.currentTarget.setPointerCapture(event.pointerId);
      const all = nodeBoxes();
      const inside = new Set(modulesInGroup(group, all));
      drag.current = {
        pointerX: event.clientX,
        pointerY: event.clientY,
        at: group.position,
        size: group.size,
        boxes: all.filter((box) => inside.has(box.id)),
      };
      return true;
    },
    [group],
  );
  const delta = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const began = drag.current;
      if (!began) return null;
      return {
        dx: (event.clientX - began.pointerX) / zoom,
        dy: (event.clientY - began.pointerY) / zoom,
        began,
      };
    },
    [zoom],
  );

  const onMoveDown = useCallback((event: PointerEvent<HTMLDivElement>) => void start(event), [start]);
  const onMove = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      const moved = delta(event);
      if (!moved) return;
      const { dx, dy, began } = moved;
      setDragAt({ x: began.at.x + dx, y: began.at.y + dy });
      // The modules inside follow locally, as in a node drag; the document moves them on release.
      useGraphStore.getState().onNodesChange(
        began.boxes.map((box) => ({
          type: 'position',
          id: box.id,
          position: { x: box.position.x + dx, y: box.position.y + dy },
        })),
      );
    },
    [delta],
  );
  const onMoveUp = useCallback(() => {
    const began = drag.current;
    drag.current = null;
    if (!began || !dragAt) return;
    void actions
      .moveGroup(group.id, dragAt, began.boxes)
      .then((ok) => {
        if (!ok) useGraphStore.getState().resyncNodes();
      })
      .finally(() => setDragAt(null));
  }, [actions, dragAt, group.id]);

  const onResizeDown = useCallback((event: PointerEvent<HTMLDivElement>) => void start(event), [start]);
  const onResize = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      const moved = delta(event);
      if (!moved) return;
      const { dx, dy, began } = moved;
      setDragSize({
        width: Math.max(groupSideMin, began.size.width + dx),
        height: Math.max(groupSideMin, began.size.height + dy),
      });
    },
    [delta],
  );
  const onResizeUp = useCallback(() => {
    drag.current = null;
    if (dragSize) void actions.resizeGroup(group.id, dragSize).finally(() => setDragSize(null));
  }, [actions, dragSize, group.id]);

  const at = dragAt ?? group.position;
  const size = dragSize ?? group.size;
  return (
    <div
      className="canvas-group"
      data-testid={`group-${group.id}`}
      style={{ transform: `translate(${at.x}px, ${at.y}px)`, width: size.width, height: size.height }}
    >
      <div
        className="canvas-group__header nodrag nopan nowheel"
        data-testid="group-drag"
        onPointerDown={onMoveDown}
        onPointerMove={onMove}
        onPointerUp={onMoveUp}
        title="Drag to move the group and the modules inside it"
      >
        <span className="canvas-group__grip" data-testid="group-grip" aria-hidden="true">
          ⠿
        </span>
        <input
          className="canvas-group__title"
          data-testid="group-title"
          aria-label="Group title"
          value={title}
          // As wide as the title, so the rest of the bar is free to grab.
          size={Math.max(8, title.length + 1)}
          maxLength={groupTitleLengthMax}
          placeholder="Group title"
          onPointerDown={(event) => event.stopPropagation()}
          onChange={(event) => setTitle(event.target.value)}
          // Sent once when the field is left (or Enter): one undo step per rename.
          onBlur={() => void actions.renameGroup(group.id, title)}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Enter') event.currentTarget.blur();
          }}
        />
        <button
          type="button"
          data-testid="group-delete"
          aria-label="Delete group (its modules stay)"
          title="Delete group (its modules stay)"
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => void actions.deleteGroup(group.id)}
        >
          ×
        </button>
      </div>
      <div
        className="canvas-group__resize nodrag nopan"
        data-testid="group-resize"
        title="Drag to resize"
        onPointerDown={onResizeDown}
        onPointerMove={onResize}
        onPointerUp={onResizeUp}
      />
    </div>
  );
});
