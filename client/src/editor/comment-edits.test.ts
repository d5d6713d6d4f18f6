import { describe, expect, it } from 'vitest';
import type { PatchComment } from '@patchdesk/modules/patch/types';
import {
  addCommentEdit,
  moveCommentEdit,
  nextCommentId,
  removeCommentEdit,
  setCommentTextEdit,
} from './comment-edits';

const note = (id: string, text = '', x = 0): PatchComment => ({ id, text, position: { x, y: 0 } });

describe('comment edits', () => {
  it('picks the smallest free id', () => {
    expect(nextCommentId([])).toBe('comment-1');
    expect(nextCommentId([note('comment-1'), note('comment-3')])).toBe('comment-2');
  });

  it('adds an empty comment at a rounded position, keeping the others', () => {
    expect(addCommentEdit([note('a')], 'b', { x: 10.6, y: -3.2 })).toEqual({
      kind: 'setView',
      view: { comments: [note('a'), { id: 'b', text: '', position: { x: 11, y: -3 } }] },
    });
  });

  it('edits text and moves one comment; no edit when nothing changes', () => {
    const list = [note('a', 'hi'), note('b', 'there')];
    expect(setCommentTextEdit(list, 'b', 'you')).toEqual({
      kind: 'setView',
      view: { comments: [note('a', 'hi'), note('b', 'you')] },
    });
    expect(setCommentTextEdit(list, 'b', 'there')).toBeNull();
    expect(setCommentTextEdit(list, 'zz', 'x')).toBeNull();
    expect(moveCommentEdit(list, 'a', { x: 4.4, y: 0 })).toEqual({
      kind: 'setView',
      view: { comments: [note('a', 'hi', 4), note('b', 'there')] },
    });
    expect(moveCommentEdit(list, 'a', { x: 0.2, y: 0 })).toBeNull();
  });

  it('removes one comment', () => {
    expect(removeCommentEdit([note('a'), note('b')], 'a')).toEqual({
      kind: 'setView',
      view: { comments: [note('b')] },
    });
    expect(removeCommentEdit([note('a')], 'x')).toBeNull();
  });
});
