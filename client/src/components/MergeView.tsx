// The merge view, over the canvas: a save was refused because someone saved in between. Each
// conflict shows theirs, ours and the result, and is settled by a click; the canvas outlines
// what the merge changes in our copy. "Save merged" applies the result (one undoable group)
// and saves it on top of their version.
import { useEffect, useMemo, useState } from 'react';
import { describeConflict } from '@patchdesk/modules/patch/conflict-text';
import { diffPatches } from '@patchdesk/modules/patch/diff';
import { mergePatches } from '@patchdesk/modules/patch/merge';
import type { MergeSide } from '@patchdesk/modules/patch/merge-types';
import { diffHighlight } from '../editor/diff-highlight';
import { conflictSideText } from '../editor/merge-sides';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { useMergeStore } from '../stores/merge-store';
import { useUiStore } from '../stores/ui-store';

export function MergeView() {
  const { actions } = useEditor();
  const merge = useMergeStore((state) => state.merge);
  const choose = useMergeStore((state) => state.choose);
  const close = useMergeStore((state) => state.close);
  const ours = useGraphStore((state) => state.document?.patch);
  const setHighlight = useUiStore((state) => state.setHighlight);
  const [busy, setBusy] = useState(false);

  const result = useMemo(
    () => (merge && ours ? mergePatches(merge.base, ours, merge.theirs, { choices: merge.choices }) : null),
    [merge, ours],
  );
  // What the merge changes in our copy, outlined on the canvas.
  useEffect(() => {
    if (!result || !ours) return;
    setHighlight(diffHighlight(diffPatches(ours, result.patch)));
  }, [result, ours, setHighlight]);

  if (!merge || !result) return null;
  const side = (id: string): MergeSide => merge.choices[id] ?? 'ours';
  const cancel = (): void => {
    close();
    setHighlight(null);
  };
  return (
    <section className="merge-view" data-testid="merge-view" aria-label="Merge">
      <h3>
        Merge with version {merge.theirsVersion} (theirs) · your edits since version {merge.baseVersion} are
        ours
      </h3>
      <p className="merge-view__summary" data-testid="merge-summary">
        {result.conflicts.length === 0
          ? 'No conflicts: their changes and yours combine cleanly (outlined on the canvas).'
          : `${result.conflicts.length} conflict${result.conflicts.length === 1 ? '' : 's'}: click the side to keep. Everything else combines cleanly.`}
      </p>
      {result.conflicts.length > 0 ? (
        <table className="merge-view__conflicts">
          <thead>
            <tr>
              <th>conflict</th>
              <th>theirs</th>
              <th>ours</th>
              <th>result</th>
            </tr>
          </thead>
          <tbody>
            {result.conflicts.map((conflict) => {
              const chosen = side(conflict.id);
              const theirs = conflictSideText(conflict, 'theirs');
              const mine = conflictSideText(conflict, 'ours');
              return (
                <tr key={conflict.id} data-testid={`merge-conflict-${conflict.id}`} data-chosen={chosen}>
                  <td>{describeConflict(conflict)}</td>
                  {theirs === null || mine === null ? (
                    <td colSpan={3}>nothing to choose</td>
                  ) : (
                    <>
                      <td>
                        <button
                          type="button"
                          className={chosen === 'theirs' ? 'primary' : ''}
                          data-testid={`merge-take-theirs-${conflict.id}`}
                          onClick={() => choose(conflict.id, 'theirs')}
                        >
                          {theirs}
                        </button>
                      </td>
                      <td>
                        <button
                          type="button"
                          className={chosen === 'ours' ? 'primary' : ''}
                          data-testid={`merge-keep-ours-${conflict.id}`}
                          onClick={() => choose(conflict.id, 'ours')}
                        >
                          {mine}
                        </button>
                      </td>
                      <td data-testid={`merge-result-${conflict.id}`}>
                        {chosen === 'theirs' ? theirs : mine}
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="dialog__buttons">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          data-testid="merge-save"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await actions.saveMerge();
            setBusy(false);
          }}
        >
          Save merged as version {merge.theirsVersion + 1}
        </button>
      </div>
    </section>
  );
}
