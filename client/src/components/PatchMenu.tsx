// Open, create and rename patches; shows whether the working copy has unsaved edits.
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { usePatchListStore } from '../stores/patch-list-store';
import { useUiStore } from '../stores/ui-store';

export function PatchMenu() {
  const { sync } = useEditor();
  const document = useGraphStore((state) => state.document);
  const patches = usePatchListStore((state) => state.patches);
  const setDialog = useUiStore((state) => state.setDialog);
  const names = patches.map((patch) => patch.name);
  if (document && !names.includes(document.name)) names.unshift(document.name);
  // A patch file the server could not read is listed (so it can be repaired), marked as such.
  const errors = new Map(patches.filter((patch) => patch.error).map((patch) => [patch.name, patch.error]));
  return (
    <div className="patch-menu">
      <select
        data-testid="patch-select"
        value={document?.name ?? ''}
        onChange={(event) => void sync.open(event.target.value)}
        title="Open a patch"
      >
        {names.map((name) => (
          <option key={name} value={name} title={errors.get(name)}>
            {errors.has(name) ? `${name} (unreadable)` : name}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="patch-new"
        onClick={() => setDialog({ kind: 'create' })}
        title="New patch"
      >
        New
      </button>
      <button
        type="button"
        data-testid="patch-rename"
        disabled={!document}
        onClick={() => setDialog({ kind: 'rename' })}
        title="Rename this patch"
      >
        Rename
      </button>
      {document ? (
        <span className="patch-menu__status" data-testid="patch-status" data-dirty={document.dirty}>
          {document.dirty
            ? '● unsaved edits'
            : document.baseVersion > 0
              ? `saved v${document.baseVersion}`
              : 'never saved'}
        </span>
      ) : null}
    </div>
  );
}
