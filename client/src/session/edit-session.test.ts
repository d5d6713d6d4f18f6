// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { EditResult } from '@patchdesk/modules/contracts/hubs';
import { applyEdits } from '@patchdesk/modules/patch/edits';
import type { Patch, PatchEdit, Problem } from '@patchdesk/modules/patch/types';
import { useGraphStore } from '../stores/graph-store';
import { catalogEntries, registry, sampleDocument, samplePatch } from '../test-support/fixtures';
import { EditSession } from './edit-session';
import type { EditTransport } from './edit-session';

/** The server's side of an edit: the real patch edit rules over an in-memory working copy. */
class WorkingCopyTransport implements EditTransport {
  patch: Patch = samplePatch();
  revision = 1;
  isConnected = true;
  calls: PatchEdit[][] = [];

  async send(_name: string, edits: readonly PatchEdit[]): Promise<EditResult> {
    if (!this.isConnected) throw new Error('connection lost');
    this.calls.push([...edits]);
    const result = applyEdits(this.patch, edits, registry);
    if (!result.ok) return result;
    this.patch = result.patch;
    this.revision += 1;
    return { ok: true, revision: this.revision };
  }
}

let documentCounter = 0;

describe('EditSession', () => {
  let transport: WorkingCopyTransport;
  let refusals: Problem[][];
  let session: EditSession;
  let name: string;

  beforeEach(() => {
    transport = new WorkingCopyTransport();
    refusals = [];
    session = new EditSession(transport, {
      refused: (problems) => refusals.push([...problems]),
      gap: () => undefined,
      failed: () => undefined,
    });
    documentCounter += 1;
    name = `sample-${documentCounter}`;
    useGraphStore.getState().setCatalog(catalogEntries);
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name });
  });

  const local = () => useGraphStore.getState().document!;

  it('refuses a cycle with the server message and leaves the patch unchanged', async () => {
    await session.submit('disconnect', [
      {
        kind: 'disconnect',
        cable: { from: { module: 'bars', port: 'close' }, to: { module: 'ema', port: 'in' } },
      },
    ]);
    const before = local().patch;
    const ok = await session.submit('connect', [
      { kind: 'connect', cable: { from: { module: 'add', port: 'out' }, to: { module: 'ema', port: 'in' } } },
    ]);
    expect(ok).toBe(false);
    expect(local().patch).toBe(before);
    expect(refusals).toHaveLength(1);
    expect(refusals[0].map((problem) => problem.code)).toEqual(['CYCLE']);
    expect(refusals[0][0].message).toMatch(/ema/);
  });

  it('undoes and redoes through the server, keeping both copies equal', async () => {
    await session.submit('remove ema', [{ kind: 'removeModule', moduleId: 'ema' }]);
    expect(local().patch.modules.map((m) => m.id)).toEqual(['bars', 'add']);
    expect(await session.undo()).toBe(true);
    expect(
      local()
        .patch.modules.map((m) => m.id)
        .sort(),
    ).toEqual(['add', 'bars', 'ema']);
    expect(local().patch.cables).toHaveLength(3);
    expect(local().revision).toBe(transport.revision);
    expect(await session.redo()).toBe(true);
    expect(local().patch).toEqual(transport.patch);
  });

  it('queues edits made offline and sends them as one group on reconnect', async () => {
    transport.isConnected = false;
    await session.submit('set', [{ kind: 'setParam', moduleId: 'ema', param: 'period', value: 10 }]);
    await session.submit('move', [{ kind: 'moveModule', moduleId: 'ema', position: { x: 5, y: 6 } }]);
    expect(local().patch.modules[1].params.period).toBe(10);
    expect(session.queuedEdits).toBe(2);
    expect(transport.calls).toHaveLength(0);

    transport.isConnected = true;
    expect(await session.flushOutbox(name)).toBe(true);
    expect(transport.calls).toEqual([
      [
        { kind: 'setParam', moduleId: 'ema', param: 'period', value: 10 },
        { kind: 'moveModule', moduleId: 'ema', position: { x: 5, y: 6 } },
      ],
    ]);
    expect(transport.patch.modules[1]).toEqual(local().patch.modules[1]);
    expect(session.queuedEdits).toBe(0);
  });

  it('sends edits one group at a time, in the order they were made', async () => {
    const values = [11, 12, 13];
    await Promise.all(
      values.map((value) =>
        session.submit('set', [{ kind: 'setParam', moduleId: 'ema', param: 'period', value }]),
      ),
    );
    expect(transport.calls.map((call) => (call[0] as { value: number }).value)).toEqual(values);
    expect(local().patch.modules[1].params.period).toBe(13);
  });
});
