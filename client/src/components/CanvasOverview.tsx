// The canvas zoomed far out (below `overviewZoomMax`): styles.css stops painting React Flow's
// module and cable layers, and this draws the patch instead as a few SVG paths in flow
// coordinates inside the viewport. A pan only moves the viewport, so nothing here re-renders;
// the paths are rebuilt when modules, cables, their sizes, the selection or the diff change.
import { memo, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useEdges, useNodes, useStore, useStoreApi } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { categoryColor } from '../editor/category-colors';
import type { CableFlowEdge, ModuleFlowNode } from '../editor/flow-elements';
import { moduleBoxes } from '../editor/module-boxes';
import type { BoxSourceNode } from '../editor/module-boxes';
import { overviewShapes } from '../editor/overview-shapes';
import type { CableMark, ModuleMark } from '../editor/overview-shapes';
import { useUiStore } from '../stores/ui-store';

// Line widths in screen pixels. SVG's non-scaling-stroke ignores the viewport's CSS transform,
// so the widths are divided by the zoom here; the zoom changes on zooming, never on a pan.
const bodyStrokePx = 1;
const stripeStrokePx = 2;
const cableStrokePx: Record<CableMark, number> = { plain: 1, selected: 2, added: 2, removed: 1 };
const outlineStrokePx = 2;
const dashPx = [4, 3];
const dashedModuleMarks: readonly ModuleMark[] = ['removed', 'moved'];

const selectZoom = (state: ReactFlowState) => state.transform[2];
const selectDomNode = (state: ReactFlowState) => state.domNode;

export const CanvasOverview = memo(function CanvasOverview() {
  // Both arrays are replaced when an element changes (a measurement too), never by a pan.
  const nodes = useNodes<ModuleFlowNode>();
  const edges = useEdges<CableFlowEdge>();
  const highlight = useUiStore((state) => state.highlight);
  const zoom = useStore(selectZoom);
  const store = useStoreApi<ModuleFlowNode, CableFlowEdge>();
  // The layer React Flow keeps inside its viewport for drawings in flow coordinates, looked up
  // once it is in the DOM: its own ViewportPortal queries the whole canvas on every store
  // change, each step of a pan included.
  const domNode = useStore(selectDomNode);
  const [portal, setPortal] = useState<Element | null>(null);
  useEffect(() => setPortal(domNode?.querySelector('.react-flow__viewport-portal') ?? null), [domNode]);
  const shapes = useMemo(() => {
    // Positions, sizes and handle bounds as React Flow measured them.
    const { nodeLookup } = store.getState();
    const internal: BoxSourceNode[] = [];
    for (const node of nodes) {
      const found = nodeLookup.get(node.id);
      if (found) internal.push(found);
    }
    return overviewShapes(moduleBoxes(internal), edges, highlight);
  }, [nodes, edges, highlight, store]);
  const px = 1 / zoom;
  const dashes = dashPx.map((length) => length * px).join(' ');

  if (!portal) return null;
  return createPortal(
    <svg className="canvas-overview" data-testid="canvas-overview" width={1} height={1} aria-hidden>
      {shapes.cables.map((cable) => (
        <path
          key={cable.key}
          className={`canvas-overview__cable canvas-overview__cable--${cable.mark}`}
          stroke={cable.stroke}
          strokeWidth={cableStrokePx[cable.mark] * px}
          strokeDasharray={cable.mark === 'removed' ? dashes : undefined}
          d={cable.d}
        />
      ))}
      <path className="canvas-overview__body" strokeWidth={bodyStrokePx * px} d={shapes.bodies} />
      {shapes.stripes.map((stripe) => (
        <path
          key={stripe.category}
          className="canvas-overview__stripe"
          stroke={categoryColor(stripe.category)}
          strokeWidth={stripeStrokePx * px}
          d={stripe.d}
        />
      ))}
      {shapes.outlines.map((outline) => (
        <path
          key={outline.mark}
          className={`canvas-overview__outline canvas-overview__outline--${outline.mark}`}
          strokeWidth={outlineStrokePx * px}
          strokeDasharray={dashedModuleMarks.includes(outline.mark) ? dashes : undefined}
          d={outline.d}
        />
      ))}
    </svg>,
    portal,
  );
});
