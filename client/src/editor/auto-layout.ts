// Automatic left-to-right layout with dagre, returned as moveModule edits so it is undoable.
import dagre from '@dagrejs/dagre';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';

export interface NodeSize {
  width: number;
  height: number;
}

const fallbackSize: NodeSize = { width: 220, height: 140 };

export function layoutEdits(patch: Patch, sizeOf: (moduleId: string) => NodeSize | undefined): PatchEdit[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const module of patch.modules) graph.setNode(module.id, { ...(sizeOf(module.id) ?? fallbackSize) });
  for (const cable of patch.cables) graph.setEdge(cable.from.module, cable.to.module);
  dagre.layout(graph);
  const edits: PatchEdit[] = [];
  for (const module of patch.modules) {
    const node = graph.node(module.id);
    const size = sizeOf(module.id) ?? fallbackSize;
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    const position = { x: Math.round(node.x - size.width / 2), y: Math.round(node.y - size.height / 2) };
    if (position.x !== module.position.x || position.y !== module.position.y) {
      edits.push({ kind: 'moveModule', moduleId: module.id, position });
    }
  }
  return edits;
}
