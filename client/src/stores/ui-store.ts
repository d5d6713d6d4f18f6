// Transient interface state: toasts, overlays, the side panel, and the diff shown on the canvas.
import { create } from 'zustand';
import type { DiffHighlight } from '../editor/diff-highlight';
import { defaultPaneLayout } from '../editor/plot-panes';
import type { PaneLayout } from '../editor/plot-panes';
import { lastPointer } from '../session/canvas-bridge';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** Screen position to show it at (near the cursor); the canvas corner otherwise. */
  at: { x: number; y: number } | null;
}

export type SidePanel = 'probes' | 'module' | 'versions' | 'logs' | 'trading' | 'market' | 'backtest';
export type Dialog = { kind: 'save' } | { kind: 'create' } | { kind: 'rename' } | null;

/** The probe panel's height: tall enough for a price pane, an oscillator and bool lanes. */
export const plotHeightDefaultPx = 380;
export const plotHeightMinPx = 140;

/** Between the least a pane needs and three quarters of the window (the canvas keeps the rest). */
export function clampPlotHeight(heightPx: number, windowHeightPx: number): number {
  const max = Math.max(plotHeightMinPx, Math.floor(windowHeightPx * 0.75));
  return Math.round(Math.min(Math.max(heightPx, plotHeightMinPx), max));
}

/** How long a toast stays, so a refusal is read but does not linger. */
export const toastLifetimeMs = 6000;

export interface UiState {
  toasts: Toast[];
  helpOpen: boolean;
  panel: SidePanel;
  highlight: DiffHighlight | null;
  dialog: Dialog;
  plotHeightPx: number;
  setPlotHeightPx(heightPx: number): void;
  /** The probe panes' order and collapsed ones, shown from and saved to the patch's view.panes (session/pane-layout-session.ts). */
  paneLayout: PaneLayout;
  setPaneLayout(layout: PaneLayout): void;
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
  plotHeightPx: plotHeightDefaultPx,
  setPlotHeightPx(plotHeightPx) {
    set({ plotHeightPx });
  },
  paneLayout: defaultPaneLayout,
  setPaneLayout(paneLayout) {
    set({ paneLayout });
  },

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
