// @vitest-environment jsdom
// The probes saved with the patch: the panel shows the view of the open patch, a toggle is sent
// as a setView edit (not undoable), a view changed elsewhere is shown, and probes an older editor
// kept in localStorage move into the patch once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EditResult, PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { applyEdits } from '@patchdesk/modules/patch/edits';
import type { Patch, PatchEdit } from '@patchdesk/modules/patch/types';
import type { Hubs } from '../hub/hubs';
import { useGraphStore } from '../stores/graph-store';
import { useProbeStore } from '../stores/probe-store';
import { catalogEntries, registry, sampleDocument } from '../test-support/fixtures';
import { EditSession } from './edit-session';
import { ProbeSession } from './probe-session';

/** The server's working copy under the real edit rules. */
class WorkingCopy {
  revision = 1;
  calls: PatchEdit[][] = [];
  constructor(public patch: Patch) {}
  readonly isConnected = true;
  async send(_name: string, edits: readonly PatchEdit[]): Promise<EditResult> {
    this.calls.push([...edits]);
    const result = applyEdits(this.patch, edits, registry);
    if (!result.ok) return result;
    this.patch = result.patch;
    this.revision += 1;
    return { ok: true, revision: this.revision };
  }
}

/** Offline as far as probes go: these tests are about which probes, not about frames. */
const offlineProbeHub = {
  isConnected: false,
  onConnected: () => () => undefined,
} as unknown as Hubs['probe'];

let counter = 0;

describe('ProbeSession and the view saved with the patch', () => {
  let server: WorkingCopy;
  let edits: EditSession;
  let probes: ProbeSession;
  let stop: () => void;
  let document: PatchDocument;

  const open = (patch: Patch) => {
    counter += 1;
    document = { ...sampleDocument(1), name: `probed-${counter}`, patch };
    server = new WorkingCopy(patch);
    edits = new EditSession(server, {
      refused: () => undefined,
      gap: () => undefined,
      failed: () => undefined,
    });
    probes = new ProbeSession(offlineProbeHub, edits, () => undefined);
    stop = probes.start();
    useGraphStore.getState().loadDocument(document);
    probes.loadForPatch(document);
  };

  beforeEach(() => {
    localStorage.clear();
    useGraphStore.getState().setCatalog(catalogEntries);
  });
  afterEach(() => stop());

  it('shows the probes the patch holds and sends nothing on opening', async () => {
    open({ ...sampleDocument().patch, view: { probes: ['add.out', 'bars.close'] } });
    expect(useProbeStore.getState().probes).toEqual(['add.out', 'bars.close']);
    await edits.idle();
    expect(server.calls).toEqual([]);
  });

  it('sends a toggle as a setView edit, not on the undo stack', async () => {
    open({ ...sampleDocument().patch, view: { probes: ['bars.close'] } });
    useProbeStore.getState().toggleProbe('ema.out');
    await edits.idle();
    expect(server.calls).toEqual([[{ kind: 'setView', view: { probes: ['bars.close', 'ema.out'] } }]]);
    expect(server.patch.view).toEqual({ probes: ['bars.close', 'ema.out'] });
    expect(useGraphStore.getState().document?.patch.view).toEqual({ probes: ['bars.close', 'ema.out'] });
    expect(useGraphStore.getState().undoStack).toEqual([]);
  });

  it('shows a view another editor set', () => {
    open({ ...sampleDocument().patch, view: { probes: ['bars.close'] } });
    useGraphStore.getState().applyRemote([{ kind: 'setView', view: { probes: ['ema.out'] } }], 2);
    expect(useProbeStore.getState().probes).toEqual(['ema.out']);
    expect(server.calls).toEqual([]);
  });

  it('moves probes kept in localStorage into the patch once', async () => {
    const name = `probed-${counter + 1}`;
    localStorage.setItem(`patchdesk.probes.${name}`, JSON.stringify(['add.out']));
    open(sampleDocument().patch);
    expect(useProbeStore.getState().probes).toEqual(['add.out']);
    await edits.idle();
    expect(server.patch.view).toEqual({ probes: ['add.out'] });
    expect(localStorage.getItem(`patchdesk.probes.${name}`)).toBeNull();
  });

  it('a patch with no saved probes shows the defaults and saves nothing until a toggle', async () => {
    open(sampleDocument().patch);
    expect(useProbeStore.getState().probes).toEqual(['bars.close', 'ema.out']);
    await edits.idle();
    expect(server.calls).toEqual([]);
  });
});
