// Over the canvas: "Make subpatch" while modules are selected, and inside an opened subpatch a
// breadcrumb back to the patch, level by level when subpatches nest, with "Unmake".
// Double-click an instance to open it (inside an opened one too).
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { definitionOf, instanceLevels } from '../editor/subpatch-view';

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
    // One crumb per level: the patch, then each instance on the way down to the open one.
    const levels = instanceLevels(openInstance);
    const nested = levels.length > 1;
    return (
      <nav className="subpatch-bar" data-testid="subpatch-breadcrumb" aria-label="Subpatch">
        <button type="button" onClick={() => useGraphStore.getState().openSubpatch(null)}>
          {patchName}
        </button>
        {levels.slice(0, -1).map((level) => (
          <span key={level} className="subpatch-bar__level">
            <span aria-hidden="true">›</span>{' '}
            <button type="button" onClick={() => useGraphStore.getState().openSubpatch(level)}>
              {level.slice(level.lastIndexOf('/') + 1)}
            </button>
          </span>
        ))}
        <span aria-hidden="true">›</span>
        <strong>
          {openInstance.slice(openInstance.lastIndexOf('/') + 1)}
          {title && title !== openInstance ? ` (${title})` : ''}
        </strong>
        {nested ? null : (
          // Unmaking puts a top-level instance's modules back in the patch; inside another
          // subpatch that is not offered yet.
          <button
            type="button"
            className="subpatch-bar__unmake"
            onClick={() => void actions.unmakeSubpatch(openInstance)}
          >
            Unmake subpatch
          </button>
        )}
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
