// The one cable type: React Flow's bezier, unless it would pass under a module, in which case it
// is drawn along a lane around them (editor/cable-route.ts). Each cable selects only its route
// from the store, so moving a module re-renders the cables whose route changed.
import { memo, useCallback } from 'react';
import { BaseEdge, getBezierPath, useStore } from '@xyflow/react';
import type { EdgeProps, ReactFlowState } from '@xyflow/react';
import { lanePath, routeCable } from '../editor/cable-route';
import type { Box, CableRoute } from '../editor/cable-route';
import type { CableFlowEdge } from '../editor/flow-elements';

/**
 * Past this many modules cables stay plain beziers: routing checks each cable against every
 * module on each store change, and a patch that large is read zoomed out (see Canvas.tsx's
 * visibleOnlyModulesMin, the same figure).
 */
export const routedModulesMax = 200;

const bezier: CableRoute = { kind: 'bezier' };

function sameRoute(a: CableRoute, b: CableRoute): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'bezier' || b.kind === 'bezier') return true;
  return (
    a.points.length === b.points.length &&
    a.points.every((p, i) => p.x === b.points[i].x && p.y === b.points[i].y)
  );
}

function otherBoxes(state: ReactFlowState, source: string, target: string): Box[] {
  const boxes: Box[] = [];
  for (const [id, node] of state.nodeLookup) {
    if (id === source || id === target || !node.measured.width || !node.measured.height) continue;
    const { x, y } = node.internals.positionAbsolute;
    boxes.push({ id, x, y, width: node.measured.width, height: node.measured.height });
  }
  return boxes;
}

export const CableEdge = memo(function CableEdge(props: EdgeProps<CableFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const route = useStore(
    useCallback(
      (state: ReactFlowState) =>
        state.nodeLookup.size > routedModulesMax
          ? bezier
          : routeCable(
              { x: sourceX, y: sourceY },
              { x: targetX, y: targetY },
              otherBoxes(state, source, target),
            ),
      [source, target, sourceX, sourceY, targetX, targetY],
    ),
    sameRoute,
  );
  const [bezierPath] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <BaseEdge
      id={id}
      path={route.kind === 'lanes' ? lanePath(route.points) : bezierPath}
      style={props.style}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      interactionWidth={props.interactionWidth}
    />
  );
});
