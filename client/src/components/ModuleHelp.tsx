// Help for the selected module, from the catalog: what it does, its ports (type, required) and its
// params (kind, bounds, default), so a quant need not leave the editor to wire it.
import type { CatalogParam } from '@patchdesk/modules/sdk/registry';
import { portColor } from '../editor/port-colors';
import { useGraphStore } from '../stores/graph-store';

function paramRange(spec: CatalogParam): string {
  switch (spec.kind) {
    case 'int':
    case 'float':
      return `${spec.kind}, ${spec.min} to ${spec.max}`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'bool':
      return 'true or false';
  }
}

export function ModuleHelp() {
  const selected = useGraphStore((state) => state.nodes.find((node) => node.selected)?.data);
  if (!selected) return <p className="panel__empty">Select a module on the canvas to see what it does.</p>;
  const { module, entry } = selected;
  if (!entry)
    return (
      <p className="panel__empty" data-testid="module-help">
        {module.id} is of type {module.type}, which this server&apos;s catalog does not have.
      </p>
    );
  return (
    <div className="module-help" data-testid="module-help">
      <h3>
        {entry.title} <code>{entry.type}</code>
      </h3>
      <p>{entry.description}</p>
      {(['inputs', 'outputs'] as const).map((side) =>
        entry[side].length > 0 ? (
          <section key={side}>
            <h4>{side}</h4>
            <ul>
              {entry[side].map((port) => (
                <li key={port.name} data-testid={`module-help-${side}-${port.name}`}>
                  <code>{port.name}</code> <span style={{ color: portColor(port.type) }}>{port.type}</span>
                  {side === 'inputs' && !port.required ? ' (optional)' : ''}: {port.description}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {entry.params.length > 0 ? (
        <section>
          <h4>params</h4>
          <ul>
            {entry.params.map((spec) => (
              <li key={spec.name} data-testid={`module-help-param-${spec.name}`}>
                <code>{spec.name}</code> ({paramRange(spec)}, default {String(spec.defaultValue)}):{' '}
                {spec.description}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
