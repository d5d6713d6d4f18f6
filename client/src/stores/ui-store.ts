// Transient interface state: toasts, overlays, the side panel, and the diff shown on the canvas.
import { create } from 'zustand';
import type { DiffHighlight } from '../editor/diff-highlight';
import { lastPointer } from '../session/canvas-bridge';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** Screen position to show it at (near the cursor); the canvas corner otherwise. */
  at: { x: number; y: number } | null;
}

export type SidePanel = 'probes' | 'module' | 'versions' | 'logs' | 'trading';
export type Dialog = { kind: 'save' } | { kind: 'create' } | { kind: 'rename' } | null;

/** How long a toast stays, so a refusal is read but does not linger. */
export const toastLifetimeMs = 6000;

export interface UiState {
  toasts: Toast[];
  helpOpen: boolean;
  panel: SidePanel;
  highlight: DiffHighlight | null;
  dialog: Dialog;
  showToast(kind: Toast['kind'], message: string, at?: { x: number; y: number } | null): void;
  dismissToast(id: number): void;
  setHelpOpen(open: boolean): void;
  setPanel(panel: SidePanel): void;
  setHighlight(highlight: DiffHighlight | null): void;
  setDialog(dialog: Dialog): void;
}

let nextToastId = 1;

export const useUiStore = create<UiState>()((set, get) => ({
  toasts: [],
  helpOpen: false,
  panel: 'probes',
  highlight: null,
  dialog: null,

  showToast(kind, message, at) {
    const id = nextToastId;
    nextToastId += 1;
    set({
      toasts: [
        ...get().toasts.slice(-4),
        {
          id,
          kind,
          message,
          at: at === undefined ? (lastPointer.known ? { x: lastPointer.x, y: lastPointer.y } : null) : at,
        },
      ],
    });
    setTimeout(() => get().dismissToast(id), toastLifetimeMs);
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
  setHelpOpen(helpOpen) {
    set({ helpOpen });
  },
  setPanel(panel) {
    set({ panel });
  },
  setHighlight(highlight) {
    set({ highlight });
  },
  setDialog(dialog) {
    set({ dialog });
  },
}));
