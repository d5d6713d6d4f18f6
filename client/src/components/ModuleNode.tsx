// The one node type of the canvas, drawn from the module's catalog entry: title, typed input
// and output handles coloured by port type, inline parameter fields, and probe badges.
import { memo, useCallback } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import type { CatalogPort } from '@patchdesk/modules/sdk/registry';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import type { ModuleFlowNode } from '../editor/flow-elements';
import { portColor } from '../editor/port-colors';
import { useEditor } from '../session/editor';
import { useProbeStore } from '../stores/probe-store';
import { useUiStore } from '../stores/ui-store';
import { ParamField } from './ParamField';
import { ProbeBadge } from './ProbeBadge';
import { OrderBadge } from '../trading/OrderBadge';

function InputPort({ port }: { port: CatalogPort }) {
  return (
    <div className="port port--in" title={`${port.name}: ${port.type}${port.required ? '' : ' (optional)'}`}>
      <Handle
        type="target"
        position={Position.Left}
        id={port.name}
        className={`handle handle--in handle--${port.type}`}
        style={{ background: portColor(port.type) }}
      />
      <span className={`port__name${port.required ? '' : ' port__name--optional'}`}>{port.name}</span>
    </div>
  );
}

function OutputPort({ moduleId, port }: { moduleId: string; port: CatalogPort }) {
  const key = `${moduleId}.${port.name}`;
  const probed = useProbeStore((state) => state.probes.includes(key));
  const { actions } = useEditor();
  const toggle = useCallback(() => actions.toggleProbe(key), [actions, key]);
  return (
    <div
      className="port port--out"
      title={`${port.name}: ${port.type} (click to ${probed ? 'unprobe' : 'probe'})`}
    >
      <button
        type="button"
        className={`port__name port__toggle nodrag${probed ? ' port__toggle--probed' : ''}`}
        data-testid={`probe-toggle-${key}`}
        aria-pressed={probed}
        onClick={toggle}
      >
        {port.name}
      </button>
      {/* After the output's name, by the handle it leaves from: it cannot be read as an input's value. */}
      {probed ? <ProbeBadge probeKey={key} portType={port.type} /> : null}
      <Handle
        type="source"
        position={Position.Right}
        id={port.name}
        className={`handle handle--out handle--${port.type}`}
        style={{ background: portColor(port.type) }}
        onClick={toggle}
      />
    </div>
  );
}

export const ModuleNode = memo(function ModuleNode({ id, data, selected }: NodeProps<ModuleFlowNode>) {
  const { module, entry } = data;
  const { actions } = useEditor();
  const change = useUiStore((state) => state.highlight?.modules[id]);
  const changedParams = useUiStore((state) => state.highlight?.params);
  const onParam = useCallback(
    (moduleId: string, param: string, value: ParamValue) => void actions.setParam(moduleId, param, value),
    [actions],
  );
  const category = entry?.category ?? 'unknown';
  const classes = ['module-node', `module-node--${category}`];
  if (selected) classes.push('module-node--selected');
  if (change) classes.push(`module-node--${change}`);
  return (
    <div
      className={classes.join(' ')}
      data-testid={`module-${id}`}
      data-module-type={module.type}
      data-change={change}
    >
      <div className="module-node__header" title={entry?.description ?? `Unknown module type ${module.type}`}>
        <span className="module-node__title">{entry?.title ?? module.type}</span>
        {category === 'orders' ? <OrderBadge moduleId={id} moduleType={module.type} /> : null}
        <span className="module-node__id">{id}</span>
      </div>
      {entry ? (
        <div className="module-node__ports">
          <div className="module-node__inputs">
            {entry.inputs.map((port) => (
              <InputPort key={port.name} port={port} />
            ))}
          </div>
          <div className="module-node__outputs">
            {entry.outputs.map((port) => (
              <OutputPort key={port.name} moduleId={id} port={port} />
            ))}
          </div>
        </div>
      ) : (
        <div className="module-node__missing">Unknown type {module.type}</div>
      )}
      {entry && entry.params.length > 0 ? (
        <div className="module-node__params">
          {entry.params.map((spec) => (
            <ParamField
              key={spec.name}
              moduleId={id}
              spec={spec}
              value={module.params[spec.name] ?? spec.defaultValue}
              highlighted={changedParams?.[`${id}.${spec.name}`] === true}
              onChange={onParam}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
});
