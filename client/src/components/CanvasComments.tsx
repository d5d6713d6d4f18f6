// Comments on the canvas: text notes drawn in flow coordinates (a viewport portal, so they pan
// and zoom with the modules) but kept out of React Flow's nodes, which are modules only. Saved
// in the patch's view, so diff and the kernel never see them.
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { useStore, ViewportPortal } from '@xyflow/react';
import type { PatchComment, Position } from '@patchdesk/modules/patch/types';
import { commentTextLengthMax } from '@patchdesk/modules/patch/schema';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';

const noComments: PatchComment[] = [];

export function CanvasComments() {
  const comments = useGraphStore((state) =>
    // Comments belong to the patch itself; an opened subpatch shows its own modules only.
    state.openInstance === null ? (state.document?.patch.view?.comments ?? noComments) : noComments,
  );
  if (comments.length === 0) return null;
  return (
    <ViewportPortal>
      {comments.map((comment) => (
        <CanvasComment key={comment.id} comment={comment} />
      ))}
    </ViewportPortal>
  );
}

const CanvasComment = memo(function CanvasComment({ comment }: { comment: PatchComment }) {
  const { actions } = useEditor();
  const zoom = useStore((state) => state.transform[2]);
  const [draft, setDraft] = useState(comment.text);
  // While dragged, the note follows the pointer locally; the move is sent once, on release.
  const [dragAt, setDragAt] = useState<Position | null>(null);
  const dragStart = useRef<{ pointerX: number; pointerY: number; at: Position } | null>(null);

  // Another editor (or an undo) changed the text: show it unless this one is being typed in.
  useEffect(() => setDraft(comment.text), [comment.text]);

  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      dragStart.current = { pointerX: event.clientX, pointerY: event.clientY, at: comment.position };
    },
    [comment.position],
  );
  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      const start = dragStart.current;
      if (!start) return;
      setDragAt({
        x: start.at.x + (event.clientX - start.pointerX) / zoom,
        y: start.at.y + (event.clientY - start.pointerY) / zoom,
      });
    },
    [zoom],
  );
  const onPointerUp = useCallback(() => {
    dragStart.current = null;
    if (dragAt) void actions.moveComment(comment.id, dragAt).finally(() => setDragAt(null));
  }, [actions, comment.id, dragAt]);

  const at = dragAt ?? comment.position;
  return (
    <div
      className="canvas-comment nodrag nopan nowheel"
      data-testid={`comment-${comment.id}`}
      style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
    >
      <div
        className="canvas-comment__header"
        data-testid="comment-drag"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        title="Drag to move"
      >
        <span>Comment</span>
        <button
          type="button"
          data-testid="comment-delete"
          aria-label="Delete comment"
          title="Delete comment"
          onPointerDown={(event) => event.stopPropagation()}
          onClick={() => void actions.deleteComment(comment.id)}
        >
          ×
        </button>
      </div>
      <textarea
        className="canvas-comment__text"
        data-testid="comment-text"
        value={draft}
        maxLength={commentTextLengthMax}
        placeholder="Write a note…"
        onChange={(event) => setDraft(event.target.value)}
        // Sent once when the field is left: one undo step per edit, not per keystroke.
        onBlur={() => void actions.setCommentText(comment.id, draft)}
        onKeyDown={(event) => event.stopPropagation()}
      />
    </div>
  );
});
