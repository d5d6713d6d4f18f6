// The live value of one probed output. It selects only its own key from the probe store, so a
// frame re-renders the badges whose value changed and nothing else.
import { memo, useContext } from 'react';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { formatProbeValue } from '../editor/format-value';
import { useProbeStore } from '../stores/probe-store';
import { CanvasFarContext } from './canvas-detail';

export interface ProbeBadgeProps {
  probeKey: string;
  portType?: PortType;
  /** Only the badge on the canvas carries data-probe, so tests find exactly one per port. */
  tagged?: boolean;
  /** Shown until the first value arrives: "…" on the cramped node, words where there is room. */
  emptyText?: string;
}

export const ProbeBadge = memo(function ProbeBadge({
  probeKey,
  portType,
  tagged = true,
  emptyText = '…',
}: ProbeBadgeProps) {
  // Zoomed far out the badge is hidden: select nothing, so frames do not re-render it.
  const far = useContext(CanvasFarContext);
  const value = useProbeStore((state) => (far ? undefined : state.values[probeKey]));
  const decimals = useProbeStore((state) => state.priceDecimals[probeKey]);
  const text = value === undefined ? emptyText : formatProbeValue(value, portType, decimals);
  return (
    <span
      className={value === undefined ? 'probe-badge probe-badge--empty' : 'probe-badge'}
      data-probe={tagged ? probeKey : undefined}
      title={
        value === undefined ? `${probeKey}: no value yet (is the patch running?)` : `${probeKey} = ${text}`
      }
    >
      {text}
    </span>
  );
});
