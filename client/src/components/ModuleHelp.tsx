// Help for the selected module, from the catalog: what it does, its ports (type, required) and its
// params (kind, bounds, default) and an example wiring (editor/module-example.ts), so a quant
// need not leave the editor to wire it.
import { useMemo } from 'react';
import type { CatalogEntry, CatalogParam } from '@patchdesk/modules/sdk/registry';
import { moduleExample } from '../editor/module-example';
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

function ModuleExampleSection({ entry }: { entry: CatalogEntry }) {
  const catalog = useGraphStore((state) => state.catalog);
  const example = useMemo(() => moduleExample(entry, catalog), [entry, catalog]);
  if (example.cables.length === 0) return null;
  return (
    <section data-testid="module-help-example">
      <h4>example</h4>
      {example.params.length > 0 ? (
        <p>
          <code>{example.moduleId}</code>:{' '}
          {example.params.map((param) => `${param.name} ${String(param.value)}`).join(', ')}
        </p>
      ) : null}
      <ul>
        {example.cables.map((cable) => (
          <li key={`${cable.from}>${cable.to}`}>
            <code>{cable.from}</code> → <code>{cable.to}</code>
          </li>
        ))}
      </ul>
    </section>
  );
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
      <ModuleExampleSection entry={entry} />
    </div>
  );
}
