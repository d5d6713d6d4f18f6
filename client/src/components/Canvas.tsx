// The patch canvas: React Flow over the graph store. Edits go to the server through the editor;
// while a cable is dragged, CSS lights up the compatible inputs without re-rendering any node.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, MouseEvent as ReactMouseEvent, PointerEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type { Connection, IsValidConnection, Node, OnConnectEnd, OnConnectStart } from '@xyflow/react';
import { categoryColor } from '../editor/category-colors';
import { cableRefusal, isValidCable } from '../editor/connection-rules';
import type { CableFlowEdge, ModuleFlowNode } from '../editor/flow-elements';
import { lastPointer, setCanvasApi } from '../session/canvas-bridge';
import { useEditor } from '../session/editor';
import { useGraphStore } from '../stores/graph-store';
import { useUiStore } from '../stores/ui-store';
import { CableEdge } from './CableEdge';
import { CableHint, proposedCable } from './CableHint';
import { CanvasFarContext } from './canvas-detail';
import { CanvasComments } from './CanvasComments';
import { CanvasGroups } from './CanvasGroups';
import { CanvasOverview } from './CanvasOverview';
import { ModuleNode } from './ModuleNode';
import { MergeView } from './MergeView';
import { PatchProblems } from './PatchProblems';
import { SubpatchBar } from './SubpatchBar';
import { isSubpatchType } from '@patchdesk/modules/patch/flatten';
import { PortLegend } from './PortLegend';

export const paletteDragType = 'application/x-patchdesk-module';
/** Below this zoom the port rows and params are unreadable; they are hidden (see styles.css). */
export const farZoomMax = 0.4;
/**
 * Below this zoom modules are specks: the canvas draws an overview (a few SVG paths) instead of
 * painting every node and cable, and modules cannot be dragged until you zoom back in.
 */
export const overviewZoomMax = 0.2;
/** A patch opens framed, but never zoomed out past reading distance: a large one opens on its middle. */
export const openZoomMin = 0.35;
/** Far enough out to fit a few thousand modules: below overviewZoomMax the canvas stays cheap to draw. */
export const canvasZoomMin = 0.02;
/**
 * The zoom floor while a patch is being opened and framed. With the floor at canvasZoomMin, opening
 * a 1,000-module patch took twice as long (2.2-2.7 s against 1.1 s, `npm run bench -- editor-large`),
 * so the deeper floor only applies once the patch is framed.
 */
export const openingZoomMin = 0.05;
/** Past this many modules only the visible ones are in the DOM, which keeps panning smooth. */
export const visibleOnlyModulesMin = 200;

const nodeTypes = { module: ModuleNode };
const edgeTypes = { cable: CableEdge };

function minimapColor(node: Node): string {
  return categoryColor((node as ModuleFlowNode).data?.entry?.category);
}

export function Canvas() {
  const { actions } = useEditor();
  const nodes = useGraphStore((state) => state.nodes);
  const large = nodes.length >= visibleOnlyModulesMin;
  const edges = useGraphStore((state) => state.edges);
  const documentName = useGraphStore((state) => state.document?.name);
  const empty = useGraphStore(
    (state) => state.document !== null && state.document.patch.modules.length === 0,
  );
  const onNodesChange = useGraphStore((state) => state.onNodesChange);
  const onEdgesChange = useGraphStore((state) => state.onEdgesChange);
  const highlight = useUiStore((state) => state.highlight);
  const flow = useReactFlow<ModuleFlowNode, CableFlowEdge>();
  // A boolean selector: the canvas re-renders when the zoom crosses the threshold, not on every pan.
  const far = useStore((state) => state.transform[2] < farZoomMax);
  const overview = useStore((state) => state.transform[2] < overviewZoomMax);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setCanvasApi({
      centre: () => {
        const bounds = wrapper.current?.getBoundingClientRect();
        if (!bounds) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({
          x: bounds.left + bounds.width / 2,
          y: bounds.top + bounds.height / 2,
        });
      },
      nodeSize: (id) => {
        const node = flow.getNode(id);
        return node?.measured?.width && node.measured.height
          ? { width: node.measured.width, height: node.measured.height }
          : undefined;
      },
      fitView: () => void flow.fitView({ padding: 0.15, duration: 200 }),
    });
    return () => setCanvasApi(null);
  }, [flow]);

  // A newly opened patch is framed once its nodes have been measured.
  const [framed, setFramed] = useState(false);
  useEffect(() => {
    if (!documentName) return;
    setFramed(false);
    const timer = setTimeout(() => {
      void flow.fitView({ padding: 0.15, minZoom: openZoomMin });
      setFramed(true);
    }, 80);
    return () => clearTimeout(timer);
  }, [documentName, flow]);

  const shownEdges = useMemo(() => {
    if (!highlight) return edges;
    return edges.map((edge) => {
      const change = highlight.cables[edge.id];
      return change ? { ...edge, className: `cable--${change}` } : edge;
    });
  }, [edges, highlight]);

  const isValidConnection = useCallback<IsValidConnection<CableFlowEdge>>((connection) => {
    const { shownPatch, viewCatalog } = useGraphStore.getState();
    return shownPatch ? isValidCable(shownPatch, (type) => viewCatalog[type], connection) : false;
  }, []);

  const onConnectStart = useCallback<OnConnectStart>((_event, { nodeId, handleId, handleType }) => {
    const { shownPatch, viewCatalog: catalog } = useGraphStore.getState();
    const module = shownPatch?.modules.find((candidate) => candidate.id === nodeId);
    const ports =
      handleType === 'source' ? catalog[module?.type ?? '']?.outputs : catalog[module?.type ?? '']?.inputs;
    const type = ports?.find((port) => port.name === handleId)?.type;
    if (wrapper.current && type) {
      wrapper.current.dataset.connectingType = type;
      wrapper.current.dataset.connectingFrom = handleType ?? 'source';
    }
  }, []);

  // A drop on a port the types refuse draws nothing; say why at the cursor, as the server's
  // refusals (cycles) do.
  const onConnectEnd = useCallback<OnConnectEnd>((event, state) => {
    if (wrapper.current) {
      delete wrapper.current.dataset.connectingType;
      delete wrapper.current.dataset.connectingFrom;
    }
    if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
    const { shownPatch, viewCatalog } = useGraphStore.getState();
    if (!shownPatch) return;
    const reason = cableRefusal(
      shownPatch,
      (type) => viewCatalog[type],
      proposedCable(state.fromHandle, state.toHandle),
    );
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (reason)
      useUiStore
        .getState()
        .showToast(
          'error',
          `Cable refused: ${reason}`,
          point ? { x: point.clientX, y: point.clientY } : null,
        );
  }, []);

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle || !connection.targetHandle) return;
      void actions.connect({
        from: { module: connection.source, port: connection.sourceHandle },
        to: { module: connection.target, port: connection.targetHandle },
      });
    },
    [actions],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: ModuleFlowNode, dragged: ModuleFlowNode[]) =>
      void actions.moveModules(dragged.map((node) => ({ id: node.id, position: node.position }))),
    [actions],
  );

  // A subpatch opens in place; the breadcrumb bar (SubpatchBar) goes back.
  const onNodeDoubleClick = useCallback((_event: unknown, node: ModuleFlowNode) => {
    if (isSubpatchType(node.data.module.type)) useGraphStore.getState().openSubpatch(node.id);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const moduleType = event.dataTransfer.getData(paletteDragType);
      if (!moduleType) return;
      event.preventDefault();
      void actions.addModule(moduleType, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [actions, flow],
  );

  // Right-click on empty canvas: a comment where the pointer is (React Flow's own menu is none).
  const onPaneContextMenu = useCallback(
    (event: MouseEvent | ReactMouseEvent) => {
      event.preventDefault();
      void actions.addComment(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [actions, flow],
  );

  const onPointerMove = useCallback((event: PointerEvent) => {
    lastPointer.x = event.clientX;
    lastPointer.y = event.clientY;
    lastPointer.known = true;
  }, []);

  return (
    <div
      className={`canvas${far ? ' canvas--far' : ''}${overview ? ' canvas--overview' : ''}`}
      ref={wrapper}
      data-testid="canvas"
      onPointerMove={onPointerMove}
      // On the wrapper, not on React Flow: a palette drop that lands on an overlay over the canvas
      // (the "Make subpatch" bar, the problems list, the legend) still adds the module there.
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <CanvasFarContext.Provider value={far}>
        <ReactFlow<ModuleFlowNode, CableFlowEdge>
          nodes={nodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onNodeDragStop={onNodeDragStop}
          onNodeDoubleClick={onNodeDoubleClick}
          onPaneContextMenu={onPaneContextMenu}
          zoomOnDoubleClick={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Meta', 'Control']}
          connectOnClick={false}
          colorMode="dark"
          onlyRenderVisibleElements={large}
          minZoom={framed ? canvasZoomMin : openingZoomMin}
          maxZoom={2.5}
          proOptions={{ hideAttribution: true }}
        >
          {overview ? <CanvasOverview /> : null}
          <CableHint />
          <CanvasGroups />
          <CanvasComments />
          <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#2a3140" />
          <MiniMap pannable zoomable nodeColor={minimapColor} maskColor="rgba(10, 12, 18, 0.7)" />
          <Controls showInteractive={false} />
        </ReactFlow>
      </CanvasFarContext.Provider>
      <PatchProblems />
      <SubpatchBar />
      <MergeView />
      <PortLegend />
      {empty ? (
        <div className="canvas-empty" data-testid="canvas-empty">
          <h3>An empty patch</h3>
          <p>
            Add a module: type its name in the palette search (press <kbd>/</kbd>) and press Enter, or drag
            one from the palette onto the canvas. Then drag from an output (right) to an input (left) to wire
            them, and click an output&apos;s name to probe it.
          </p>
        </div>
      ) : null}
    </div>
  );
}
