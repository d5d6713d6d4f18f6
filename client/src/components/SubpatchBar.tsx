// Over the canvas: "Make subpatch" while modules are selected, and inside an opened subpatch a
// breadcrumb back to the patch with "Unmake". Double-click an instance to open it.
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { definitionOf } from '../editor/subpatch-view';

export function SubpatchBar() {
  const { actions } = useEditor();
  const openInstance = useGraphStore((state) => state.openInstance);
  const patchName = useGraphStore((state) => state.document?.patch.name ?? '');
  const title = useGraphStore((state) =>
    state.document && state.openInstance !== null
      ? (definitionOf(state.document.patch, state.openInstance)?.title ?? '')
      : '',
  );
  const selected = useGraphStore((state) => state.nodes.filter((node) => node.selected).length);
  if (openInstance !== null) {
    return (
      <nav className="subpatch-bar" data-testid="subpatch-breadcrumb" aria-label="Subpatch">
        <button type="button" onClick={() => useGraphStore.getState().openSubpatch(null)}>
          {patchName}
        </button>
        <span aria-hidden="true">›</span>
        <strong>
          {openInstance}
          {title && title !== openInstance ? ` (${title})` : ''}
        </strong>
        <button
          type="button"
          className="subpatch-bar__unmake"
          onClick={() => void actions.unmakeSubpatch(openInstance)}
        >
          Unmake subpatch
        </button>
      </nav>
    );
  }
  if (selected === 0) return null;
  return (
    <div className="subpatch-bar" data-testid="subpatch-make">
      <span>{selected} selected</span>
      <button type="button" onClick={() => void actions.makeSubpatch()}>
        Make subpatch
      </button>
      <button type="button" data-testid="group-selection" onClick={() => void actions.addGroup()}>
        Group
      </button>
    </div>
  );
}
