// Comment edits: each builds the whole new comment list for one setView edit, so an undo puts
// back the list as it was (see invert-edits.ts) and the server's schema checks the bounds.
import type { PatchComment, PatchEdit, Position } from '@patchdesk/modules/patch/types';

function setComments(comments: PatchComment[]): PatchEdit {
  return { kind: 'setView', view: { comments } };
}

/** `comment-N` with the smallest N not taken: ids stay short and a reload keeps them. */
export function nextCommentId(comments: readonly PatchComment[]): string {
  const taken = new Set(comments.map((comment) => comment.id));
  let n = 1;
  while (taken.has(`comment-${n}`)) n++;
  return `comment-${n}`;
}

export function addCommentEdit(comments: readonly PatchComment[], id: string, at: Position): PatchEdit {
  const position = { x: Math.round(at.x), y: Math.round(at.y) };
  return setComments([...comments, { id, text: '', position }]);
}

/** Null when nothing changes (same text, or the comment is gone): no edit, no undo step. */
export function setCommentTextEdit(
  comments: readonly PatchComment[],
  id: string,
  text: string,
): PatchEdit | null {
  const found = comments.find((comment) => comment.id === id);
  if (!found || found.text === text) return null;
  return setComments(comments.map((comment) => (comment.id === id ? { ...comment, text } : comment)));
}

export function moveCommentEdit(
  comments: readonly PatchComment[],
  id: string,
  to: Position,
): PatchEdit | null {
  const position = { x: Math.round(to.x), y: Math.round(to.y) };
  const found = comments.find((comment) => comment.id === id);
  if (!found || (found.position.x === position.x && found.position.y === position.y)) return null;
  return setComments(comments.map((comment) => (comment.id === id ? { ...comment, position } : comment)));
}

export function removeCommentEdit(comments: readonly PatchComment[], id: string): PatchEdit | null {
  if (!comments.some((comment) => comment.id === id)) return null;
  return setComments(comments.filter((comment) => comment.id !== id));
}
