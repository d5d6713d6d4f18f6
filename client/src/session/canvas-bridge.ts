// What the session needs from the canvas (where its centre is, node sizes), registered by the
// Canvas component once React Flow is ready. Keeps the session free of React.
import type { Position } from '@patchdesk/modules/patch/types';
import type { NodeSize } from '../editor/auto-layout';

export interface CanvasApi {
  /** Flow coordinates of the visible centre, where keyboard-added modules go. */
  centre(): Position;
  nodeSize(moduleId: string): NodeSize | undefined;
  fitView(): void;
}

let canvasApi: CanvasApi | null = null;

export function setCanvasApi(api: CanvasApi | null): void {
  canvasApi = api;
}

export function getCanvasApi(): CanvasApi | null {
  return canvasApi;
}

/** Last pointer position over the page, in screen pixels: where refusals are shown. Not state: it changes on every move. */
export const lastPointer: { x: number; y: number; known: boolean } = { x: 0, y: 0, known: false };
