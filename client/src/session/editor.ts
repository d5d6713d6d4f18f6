// Builds the editor's session: the hub connections and the parts that keep the stores in
// step with the server. Components reach it through EditorContext.
import { createContext, useContext } from 'react';
import type { PatchSummary } from '@patchdesk/modules/contracts/hubs';
import type { Problem } from '@patchdesk/modules/patch/types';
import { createHubs, wireProtocolFromUrl } from '../hub/hubs';
import type { Hubs } from '../hub/hubs';
import { useUiStore } from '../stores/ui-store';
import { EditSession } from './edit-session';
import { EditorActions } from './editor-actions';
import { PatchSync } from './patch-sync';
import { PaneLayoutSession } from './pane-layout-session';
import { ProbeSession } from './probe-session';
import { RunSession } from './run-session';
import { sendEdits } from './send-edits';
import { TradingSession } from './trading-session';

export interface Editor {
  hubs: Hubs;
  edits: EditSession;
  sync: PatchSync;
  probes: ProbeSession;
  runs: RunSession;
  trading: TradingSession;
  actions: EditorActions;
  stop(): Promise<void>;
}

const lastPatchStorageKey = 'patchdesk.lastPatch';

/** What a refusal says to the user: the server's messages, which name the path or the types. */
export function describeProblems(problems: readonly Problem[]): string {
  if (problems.length === 0) return 'The server refused the edit';
  const shown = problems.slice(0, 2).map((problem) => problem.message);
  return problems.length > 2 ? `${shown.join('; ')} (and ${problems.length - 2} more)` : shown.join('; ');
}

/** The patch named in the URL, else the last one opened here, else a running one (the demo). */
function choosePatch(patches: readonly PatchSummary[]): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('patch');
  if (fromUrl) return fromUrl;
  const names = patches.map((patch) => patch.name);
  const last = localStorage.getItem(lastPatchStorageKey);
  if (last && names.includes(last)) return last;
  return patches.find((patch) => patch.running)?.name ?? names[0] ?? null;
}

function showOpenPatch(name: string): void {
  localStorage.setItem(lastPatchStorageKey, name);
  const url = new URL(window.location.href);
  if (url.searchParams.get('patch') === name) return;
  url.searchParams.set('patch', name);
  window.history.replaceState(null, '', url);
}

export function createEditor(): Editor {
  const hubs = createHubs(window.location.origin, wireProtocolFromUrl(window.location.search));
  const toast = useUiStore.getState().showToast;
  const edits = new EditSession(
    {
      get isConnected() {
        return hubs.patch.isConnected;
      },
      send: (name, group) => sendEdits(hubs.patch, name, group),
    },
    {
      refused: (problems, label) => toast('error', `Refused (${label}): ${describeProblems(problems)}`),
      gap: () => void sync.refetch(),
      failed: (message, label) => toast('error', `${label} failed: ${message}`),
    },
  );
  const probes = new ProbeSession(hubs.probe, edits, (message) => toast('error', message, null));
  const sync: PatchSync = new PatchSync(
    hubs.patch,
    edits,
    probes,
    {
      error: (message) => toast('error', message, null),
      info: (message) => toast('info', message, null),
      opened: showOpenPatch,
    },
    choosePatch,
  );
  const runs = new RunSession(hubs.state, hubs.logs, (message) => toast('error', message, null));
  const trading = new TradingSession(hubs, (message) => toast('error', message, null));
  const actions = new EditorActions(hubs.patch, edits, sync);

  const paneLayout = new PaneLayoutSession(edits);
  const stops = [sync.start(), probes.start(), runs.start(), trading.start(), paneLayout.start()];
  for (const hub of Object.values(hubs)) void hub.start();

  return {
    hubs,
    edits,
    sync,
    probes,
    runs,
    trading,
    actions,
    async stop() {
      stops.forEach((stop) => stop());
      await Promise.all(Object.values(hubs).map((hub) => hub.stop()));
    },
  };
}

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor: no EditorContext provider above this component');
  return editor;
}
