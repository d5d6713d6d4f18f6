// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PatchEdit } from '@patchdesk/modules/patch/types';
import { defaultPaneLayout } from '../editor/plot-panes';
import { useGraphStore } from '../stores/graph-store';
import { plotHeightDefaultPx, useUiStore } from '../stores/ui-store';
import { sampleDocument } from '../test-support/fixtures';
import { PaneLayoutSession, paneLayoutSaveDelayMs } from './pane-layout-session';

describe('PaneLayoutSession', () => {
  let sent: PatchEdit[][];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    useUiStore.getState().setPaneLayout(defaultPaneLayout);
    useUiStore.getState().setPlotHeightPx(plotHeightDefaultPx);
    useGraphStore.getState().loadDocument(sampleDocument(1));
    stop = new PaneLayoutSession({
      submitUnrecorded: async (_label, edits) => {
        sent.push([...edits]);
        return true;
      },
    }).start();
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('saves a changed layout once, after the pause, with the panel height', () => {
    useUiStore.getState().setPaneLayout({ order: ['volume', 'price'], collapsed: [] });
    useUiStore.getState().setPlotHeightPx(300);
    useUiStore.getState().setPlotHeightPx(320);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(paneLayoutSaveDelayMs);
    expect(sent).toEqual([
      [{ kind: 'setView', view: { panes: { order: ['volume', 'price'], collapsed: [], heightPx: 320 } } }],
    ]);
  });

  it('shows the layout a patch opens with, and writes nothing back for it', () => {
    const document = sampleDocument(2);
    const panes = { order: ['bool', 'price'], collapsed: ['bool'], heightPx: 260 };
    useGraphStore
      .getState()
      .loadDocument({ ...document, name: 'laid-out', patch: { ...document.patch, view: { panes } } });
    expect(useUiStore.getState().paneLayout).toEqual({ order: ['bool', 'price'], collapsed: ['bool'] });
    expect(useUiStore.getState().plotHeightPx).toBe(260);
    vi.advanceTimersByTime(paneLayoutSaveDelayMs * 2);
    expect(sent).toEqual([]);
    // Another patch with no layout saved starts from the default panes.
    useGraphStore.getState().loadDocument({ ...document, name: 'plain' });
    expect(useUiStore.getState().paneLayout).toEqual(defaultPaneLayout);
    vi.advanceTimersByTime(paneLayoutSaveDelayMs * 2);
    expect(sent).toEqual([]);
  });
});
