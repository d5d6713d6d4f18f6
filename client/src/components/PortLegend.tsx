// The legend of port types in the canvas corner: each type has its own colour and its own handle
// shape (styles.css, .handle--TYPE), so types differ for people who do not tell the colours apart.
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { portColors } from '../editor/port-colors';

const portTypeLabels: Record<PortType, string> = {
  number: 'number',
  bool: 'bool',
  bar: 'bar (OHLCV)',
  orderIntent: 'order intent',
};

export function PortLegend() {
  return (
    <ul className="port-legend" data-testid="port-legend" aria-label="Port types">
      {(Object.keys(portTypeLabels) as PortType[]).map((type) => (
        <li key={type} data-port-type={type}>
          <span className={`port-legend__shape handle--${type}`} style={{ background: portColors[type] }} />
          {portTypeLabels[type]}
        </li>
      ))}
    </ul>
  );
}
