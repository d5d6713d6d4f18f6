// Global keyboard shortcuts. Keys typed into a field belong to the field, except Escape.
import { useEffect } from 'react';
import { shortcutFor } from '../editor/shortcuts';
import type { Editor } from '../session/editor';
import { getCanvasApi } from '../session/canvas-bridge';
import { useUiStore } from '../stores/ui-store';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(editor: Editor): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = shortcutFor(event);
      if (!action) return;
      const ui = useUiStore.getState();
      if (action === 'close') {
        ui.setHelpOpen(false);
        ui.setDialog(null);
        return;
      }
      if (typingIn(event.target) || ui.dialog !== null) return;
      event.preventDefault();
      const { actions } = editor;
      switch (action) {
        case 'undo':
          void actions.undo();
          break;
        case 'redo':
          void actions.redo();
          break;
        case 'delete':
          void actions.deleteSelection();
          break;
        case 'copy':
          actions.copySelection();
          break;
        case 'paste':
          void actions.paste();
          break;
        case 'selectAll':
          actions.selectAll();
          break;
        case 'save':
          ui.setDialog({ kind: 'save' });
          break;
        case 'layout':
          void actions.autoLayout();
          break;
        case 'fitView':
          getCanvasApi()?.fitView();
          break;
        case 'search':
          document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')?.focus();
          break;
        case 'help':
          ui.setHelpOpen(!ui.helpOpen);
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editor]);
}
