// While a cable is dragged over a port it cannot join, says why next to that port ("bar cannot
// feed number"); the port dimming itself is CSS (see Canvas), so only this small label re-renders.
import { useConnection, ViewportPortal } from '@xyflow/react';
import type { Handle } from '@xyflow/react';
import { cableRefusal } from '../editor/connection-rules';
import { useGraphStore } from '../stores/graph-store';

/** The cable a drag from `from` to `to` proposes, whichever end the drag started at. */
export function proposedCable(from: Handle, to: Handle) {
  const [output, input] = from.type === 'source' ? [from, to] : [to, from];
  return {
    source: output.nodeId,
    sourceHandle: output.id ?? null,
    target: input.nodeId,
    targetHandle: input.id ?? null,
  };
}

export function CableHint() {
  const connection = useConnection();
  if (!connection.inProgress || connection.isValid !== false || !connection.toHandle) return null;
  const { document, catalog } = useGraphStore.getState();
  if (!document) return null;
  const reason = cableRefusal(
    document.patch,
    (type) => catalog[type],
    proposedCable(connection.fromHandle, connection.toHandle),
  );
  if (!reason) return null;
  return (
    <ViewportPortal>
      <div
        className="cable-hint"
        data-testid="cable-hint"
        role="status"
        style={{ transform: `translate(${connection.to.x + 12}px, ${connection.to.y + 12}px)` }}
      >
        {reason}
      </div>
    </ViewportPortal>
  );
}
