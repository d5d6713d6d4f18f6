// The connection state, always visible: green when every hub is up, amber while reconnecting
// (edits are queued and sent on reconnect), red when offline.
import { useConnectionStore, overallLinkState } from '../stores/connection-store';
import { useGraphStore } from '../stores/graph-store';
import { useEditor } from '../session/editor';

const labels = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
} as const;

export function ConnectionBadge() {
  const { edits } = useEditor();
  const links = useConnectionStore((state) => state.links);
  const lastError = useConnectionStore((state) => state.lastError);
  const pendingEdits = useConnectionStore((state) => state.pendingEdits);
  // Re-read the outbox size whenever the document changes (an offline edit changes it).
  useGraphStore((state) => state.document);
  const state = overallLinkState(links);
  const queued = edits.queuedEdits;
  const detail = Object.entries(links)
    .map(([hub, link]) => `${hub}: ${link}`)
    .join(', ');
  return (
    <span
      className={`connection connection--${state}`}
      data-testid="connection-state"
      data-state={state}
      data-pending={pendingEdits}
      title={`${detail}${lastError && state !== 'connected' ? `\n${lastError}` : ''}`}
    >
      <span className="connection__dot" />
      {labels[state]}
      {pendingEdits > 0 && state === 'connected' ? ' · saving…' : ''}
      {queued > 0 ? ` · ${queued} edits queued` : ''}
    </span>
  );
}
