// The graph document as React Flow nodes and edges. Built incrementally: a module whose object
// did not change keeps its node object, so React Flow and the memoised ModuleNode skip it.
import type { Edge, Node } from '@xyflow/react';
import type { Cable, Patch, PatchModule } from '@patchdesk/modules/patch/types';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import { cableKey } from './diff-highlight';
import { portColor } from './port-colors';

export interface ModuleNodeData extends Record<string, unknown> {
  module: PatchModule;
  entry: CatalogEntry | undefined;
}
export type ModuleFlowNode = Node<ModuleNodeData, 'module'>;

export interface CableEdgeData extends Record<string, unknown> {
  cable: Cable;
  portType: PortType | undefined;
}
export type CableFlowEdge = Edge<CableEdgeData>;

export function toFlowNodes(
  patch: Patch,
  catalog: Readonly<Record<string, CatalogEntry>>,
  previous: readonly ModuleFlowNode[],
): ModuleFlowNode[] {
  const previousById = new Map(previous.map((node) => [node.id, node]));
  return patch.modules.map((module) => {
    const entry = catalog[module.type];
    const before = previousById.get(module.id);
    if (before && before.data.module === module && before.data.entry === entry) return before;
    return {
      ...before,
      id: module.id,
      type: 'module',
      position: module.position,
      data: { module, entry },
      dragHandle: '.module-node__header',
    };
  });
}

export function toFlowEdges(
  patch: Patch,
  catalog: Readonly<Record<string, CatalogEntry>>,
  previous: readonly CableFlowEdge[],
): CableFlowEdge[] {
  const previousById = new Map(previous.map((edge) => [edge.id, edge]));
  const typeById = new Map(patch.modules.map((module) => [module.id, module.type]));
  const typeOf = (moduleId: string, port: string): PortType | undefined => {
    const moduleType = typeById.get(moduleId);
    return moduleType ? catalog[moduleType]?.outputs.find((output) => output.name === port)?.type : undefined;
  };
  return patch.cables.map((cable) => {
    const id = cableKey(cable);
    const before = previousById.get(id);
    const portType = typeOf(cable.from.module, cable.from.port);
    if (before && before.data?.portType === portType) return before;
    return {
      ...before,
      id,
      type: 'cable',
      source: cable.from.module,
      sourceHandle: cable.from.port,
      target: cable.to.module,
      targetHandle: cable.to.port,
      data: { cable, portType },
      style: { stroke: portColor(portType), strokeWidth: 2 },
    };
  });
}
