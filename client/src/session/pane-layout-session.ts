// The probe panes' layout (order, collapsed panes, the panel's height) saved in the patch's view
// (`view.panes`, a setView edit that is not on the undo stack; diff ignores it), so the patch
// reopens arranged as it was left, in any browser. A layout changed here is sent after a short
// pause (a resize drag sends one edit, not one per pixel); a view changed by a load, a restore
// or another editor is shown.
import type { PatchPaneLayout } from '@patchdesk/modules/patch/types';
import { defaultPaneLayout, type PaneLayout } from '../editor/plot-panes';
import { useGraphStore } from '../stores/graph-store';
import { plotHeightDefaultPx, useUiStore } from '../stores/ui-store';
import type { EditSession } from './edit-session';

export const paneLayoutSaveDelayMs = 400;

export function viewPanesOf(layout: PaneLayout, heightPx: number): PatchPaneLayout {
  return { order: [...layout.order], collapsed: [...layout.collapsed], heightPx: Math.round(heightPx) };
}

export function layoutOfView(panes: PatchPaneLayout | undefined): { layout: PaneLayout; heightPx: number } {
  if (!panes) return { layout: defaultPaneLayout, heightPx: plotHeightDefaultPx };
  return {
    layout: { order: [...panes.order], collapsed: [...panes.collapsed] },
    heightPx: panes.heightPx ?? plotHeightDefaultPx,
  };
}

function sameLayout(a: PatchPaneLayout | undefined, b: PatchPaneLayout): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class PaneLayoutSession {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #showing = false;

  constructor(private readonly edits: Pick<EditSession, 'submitUnrecorded'>) {}

  start(): () => void {
    this.#show(true);
    const stopGraph = useGraphStore.subscribe((state, previous) => {
      const opened = state.document?.name !== previous.document?.name;
      if (opened || state.document?.patch.view?.panes !== previous.document?.patch.view?.panes)
        this.#show(opened);
    });
    const stopUi = useUiStore.subscribe((state, previous) => {
      if (this.#showing) return;
      if (state.paneLayout !== previous.paneLayout || state.plotHeightPx !== previous.plotHeightPx)
        this.#schedule();
    });
    return () => {
      stopGraph();
      stopUi();
      if (this.#timer !== null) clearTimeout(this.#timer);
    };
  }

  /** Sends what is on show now, unless the patch already has it. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const document = useGraphStore.getState().document;
    if (!document) return;
    const { paneLayout, plotHeightPx } = useUiStore.getState();
    const panes = viewPanesOf(paneLayout, plotHeightPx);
    if (sameLayout(document.patch.view?.panes, panes)) return;
    void this.edits.submitUnrecorded('pane layout', [{ kind: 'setView', view: { panes } }]);
  }

  #schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), paneLayoutSaveDelayMs);
  }

  /**
   * Shows the document's layout. A patch opened with none saved starts from the default panes
   * (the height on show stays); nothing is written until the person changes something.
   */
  #show(opened: boolean): void {
    const panes = useGraphStore.getState().document?.patch.view?.panes;
    if (!panes && !opened) return;
    const ui = useUiStore.getState();
    const { layout, heightPx } = panes
      ? layoutOfView(panes)
      : { layout: defaultPaneLayout, heightPx: ui.plotHeightPx };
    if (sameLayout(viewPanesOf(ui.paneLayout, ui.plotHeightPx), viewPanesOf(layout, heightPx))) return;
    this.#showing = true;
    try {
      ui.setPaneLayout(layout);
      ui.setPlotHeightPx(heightPx);
    } finally {
      this.#showing = false;
    }
  }
}
