// The top bar: patches, save, undo/redo, layout, run controls, connection state, help.
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { useUiStore } from '../stores/ui-store';
import { ConnectionBadge } from './ConnectionBadge';
import { PatchMenu } from './PatchMenu';
import { RunControls } from './RunControls';

export function Toolbar() {
  const { actions } = useEditor();
  const canUndo = useGraphStore((state) => state.undoStack.length > 0);
  const canRedo = useGraphStore((state) => state.redoStack.length > 0);
  const undoLabel = useGraphStore((state) => state.undoStack.at(-1)?.label);
  const redoLabel = useGraphStore((state) => state.redoStack.at(-1)?.label);
  const setDialog = useUiStore((state) => state.setDialog);
  const setHelpOpen = useUiStore((state) => state.setHelpOpen);
  return (
    <header className="toolbar">
      <span className="toolbar__brand">PatchDesk</span>
      <PatchMenu />
      <button
        type="button"
        data-testid="save-button"
        onClick={() => setDialog({ kind: 'save' })}
        title="Save (Ctrl+S)"
      >
        Save
      </button>
      <span className="toolbar__group">
        <button
          type="button"
          data-testid="undo-button"
          disabled={!canUndo}
          onClick={() => void actions.undo()}
          title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          data-testid="redo-button"
          disabled={!canRedo}
          onClick={() => void actions.redo()}
          title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
        >
          ↷ Redo
        </button>
        <button
          type="button"
          data-testid="layout-button"
          onClick={() => void actions.autoLayout()}
          title="Auto layout (L)"
        >
          Layout
        </button>
        <button
          type="button"
          data-testid="comment-button"
          onClick={() => void actions.addComment()}
          title="Add a comment at the centre of the canvas (or right-click the canvas)"
        >
          Comment
        </button>
        <button
          type="button"
          data-testid="group-button"
          onClick={() => void actions.addGroup()}
          title="Frame the selected modules in a titled group (with none selected, draw one at the centre)"
        >
          Group
        </button>
      </span>
      <RunControls />
      <span className="toolbar__spacer" />
      <ConnectionBadge />
      <button
        type="button"
        data-testid="help-button"
        onClick={() => setHelpOpen(true)}
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </header>
  );
}
