// The probed ports of the open patch with their current values; remove one with ×.
import { probePortType } from '../editor/probe-port-type';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { useProbeStore } from '../stores/probe-store';
import { ProbeBadge } from './ProbeBadge';
import { probeSeriesColor } from '../editor/probe-colors';

export function ProbeList() {
  const { actions } = useEditor();
  const probes = useProbeStore((state) => state.probes);
  const patch = useGraphStore((state) => state.document?.patch);
  const catalog = useGraphStore((state) => state.catalog);
  if (probes.length === 0) {
    return <p className="panel__empty">No probes. Click an output port on the canvas to probe it.</p>;
  }
  return (
    <ul className="probe-list" data-testid="probe-list">
      {probes.map((key, index) => (
        <li key={key} className="probe-list__row" data-probe-row={key}>
          <span className="probe-list__swatch" style={{ background: probeSeriesColor(index) }} />
          <span className="probe-list__key">{key}</span>
          {/* Typed as on the node, so a bool reads "false" in both places, not "0" here. */}
          <ProbeBadge
            probeKey={key}
            portType={probePortType(patch, catalog, key)}
            tagged={false}
            emptyText="no data yet"
          />
          <button
            type="button"
            className="icon"
            title={`Stop probing ${key}`}
            onClick={() => actions.toggleProbe(key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
