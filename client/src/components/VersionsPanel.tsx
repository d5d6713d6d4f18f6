// Saved versions of the open patch: pick two to diff (the changes are highlighted on the canvas)
// and restore any of them into the working copy.
import { useEffect, useState } from 'react';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { usePatchListStore } from '../stores/patch-list-store';
import { useUiStore } from '../stores/ui-store';
import { DiffView } from './DiffView';

function formatTime(timeMs: number): string {
  return new Date(timeMs).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function VersionsPanel() {
  const { actions } = useEditor();
  const name = useGraphStore((state) => state.document?.name);
  const baseVersion = useGraphStore((state) => state.document?.baseVersion ?? 0);
  const versions = usePatchListStore((state) => state.versions);
  const highlight = useUiStore((state) => state.highlight);
  const setHighlight = useUiStore((state) => state.setHighlight);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<PatchDiff | null>(null);

  useEffect(() => {
    if (name) void actions.loadVersions();
    setDiff(null);
  }, [name, actions]);

  // Default to comparing the two newest versions.
  const fromVersion = from ?? versions[1]?.version ?? versions[0]?.version ?? null;
  const toVersion = to ?? versions[0]?.version ?? null;

  if (versions.length === 0) {
    return <p className="panel__empty">No saved versions yet. Save to create version 1.</p>;
  }
  const options = versions.map((version) => (
    <option key={version.version} value={version.version}>
      v{version.version}
    </option>
  ));
  return (
    <div className="versions" data-testid="versions-panel">
      <div className="versions__diff-controls">
        <select
          data-testid="diff-from"
          value={fromVersion ?? ''}
          onChange={(event) => setFrom(Number(event.target.value))}
        >
          {options}
        </select>
        <span>→</span>
        <select
          data-testid="diff-to"
          value={toVersion ?? ''}
          onChange={(event) => setTo(Number(event.target.value))}
        >
          {options}
        </select>
        <button
          type="button"
          data-testid="diff-show"
          disabled={fromVersion === null || toVersion === null}
          onClick={async () => {
            if (fromVersion !== null && toVersion !== null)
              setDiff(await actions.diff(fromVersion, toVersion));
          }}
        >
          Diff
        </button>
        {highlight ? (
          <button
            type="button"
            data-testid="diff-clear"
            onClick={() => {
              setHighlight(null);
              setDiff(null);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {diff ? <DiffView diff={diff} /> : null}
      <ul className="versions__list">
        {versions.map((version) => (
          <li key={version.version} className="versions__item" data-testid={`version-${version.version}`}>
            <div className="versions__head">
              <strong>v{version.version}</strong>
              {version.version === baseVersion ? <span className="versions__base">base</span> : null}
              <span className="versions__time">{formatTime(version.savedAtMs)}</span>
              <button
                type="button"
                data-testid={`version-restore-${version.version}`}
                onClick={() => void actions.restore(version.version)}
                title="Replace the working copy with this version (undoable)"
              >
                Restore
              </button>
            </div>
            <div className="versions__message">{version.message || <em>no message</em>}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
