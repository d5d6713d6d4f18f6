// Keeps one ProbeHub subscription for the probed ports of the open patch: resubscribes when the
// set of probes or of existing ports changes, and after every reconnect. The probes are saved in
// the patch's view: a toggle here is sent as a setView edit, and a view changed elsewhere (another
// editor, a restore) is shown here.
import type { ISubscription } from '@microsoft/signalr';
import type { ProbeFrame } from '@patchdesk/modules/contracts/hubs';
import type { PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { decodeProbeValues } from '../hub/probe-frames';
import { priceDecimalsByKey } from '../editor/price-precision';
import type { Hubs } from '../hub/hubs';
import {
  defaultProbes,
  existingProbes,
  forgetLegacyProbes,
  loadLegacyProbes,
} from '../editor/default-probes';
import type { EditSession } from './edit-session';
import { useGraphStore } from '../stores/graph-store';
import { useProbeStore } from '../stores/probe-store';
import { probeHistory } from '../stores/probe-history';

/** Coalesces a burst of changes (paste, delete) into one resubscription. */
const resubscribeDelayMs = 30;

export class ProbeSession {
  private subscription: ISubscription<ProbeFrame> | null = null;
  private subscriptionId: string | null = null;
  private keys: string[] = [];
  private patchName: string | null = null;
  private counter = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private loading = false;
  /** setView edits sent and not yet answered: the document's view lags the panel meanwhile. */
  private viewEditsPending = 0;
  /** Most decimals seen on a price of the open patch's run. */
  private priceDecimalsSeen = 0;

  constructor(
    private readonly hub: Hubs['probe'],
    private readonly edits: Pick<EditSession, 'submitUnrecorded'>,
    private readonly onError: (message: string) => void,
  ) {}

  start(): () => void {
    const unsubscribeProbes = useProbeStore.subscribe((state, previous) => {
      if (state.probes === previous.probes) return;
      if (!this.loading) this.saveView(state.probes);
      this.schedule();
    });
    const unsubscribeGraph = useGraphStore.subscribe((state, previous) => {
      if (state.document?.patch.view !== previous.document?.patch.view) this.showView();
      if (
        state.document?.patch.modules !== previous.document?.patch.modules ||
        state.document?.patch.subpatches !== previous.document?.patch.subpatches ||
        state.catalog !== previous.catalog
      ) {
        this.schedule();
      }
    });
    const unsubscribeHub = this.hub.onConnected(() => this.resubscribe(true));
    return () => {
      unsubscribeProbes();
      unsubscribeGraph();
      unsubscribeHub();
      this.dispose();
    };
  }

  /**
   * A patch was opened: show the probes saved in its view; a patch saved before views existed
   * takes what this browser remembered for it (moved into the patch once), else the defaults.
   */
  loadForPatch(document: PatchDocument): void {
    const saved = document.patch.view?.probes;
    const legacy = saved === undefined ? loadLegacyProbes(document.name) : null;
    const catalog = useGraphStore.getState().catalog;
    this.setProbesQuietly(saved ?? legacy ?? defaultProbes(document.patch, catalog));
    if (legacy !== null) {
      void this.submitView(legacy).then((ok) => {
        if (ok) forgetLegacyProbes(document.name);
      });
    }
    if (this.patchName !== document.name) {
      this.priceDecimalsSeen = 0;
      useProbeStore.getState().clearValues();
      probeHistory.clear();
    }
    this.patchName = document.name;
    this.resubscribe(true);
  }

  /** The panel changed (a toggle): save the probes in the patch, unless it already has them. */
  private saveView(probes: readonly string[]): void {
    const document = useGraphStore.getState().document;
    if (!document || sameKeys(document.patch.view?.probes, probes)) return;
    void this.submitView(probes);
  }

  private async submitView(probes: readonly string[]): Promise<boolean> {
    this.viewEditsPending += 1;
    try {
      return await this.edits.submitUnrecorded('probes', [
        { kind: 'setView', view: { probes: [...probes] } },
      ]);
    } finally {
      this.viewEditsPending -= 1;
      // A refused or overtaken edit: the panel shows what the patch holds.
      if (this.viewEditsPending === 0) this.showView();
    }
  }

  /** The document's view changed (another editor, a restore, a refetch): show its probes. */
  private showView(): void {
    if (this.viewEditsPending > 0) return;
    const saved = useGraphStore.getState().document?.patch.view?.probes;
    if (saved === undefined || sameKeys(saved, useProbeStore.getState().probes)) return;
    this.setProbesQuietly(saved);
  }

  private setProbesQuietly(keys: readonly string[]): void {
    this.loading = true;
    try {
      useProbeStore.getState().setProbes(keys);
    } finally {
      this.loading = false;
    }
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.resubscribe(false);
    }, resubscribeDelayMs);
  }

  private resubscribe(force: boolean): void {
    const { document, catalog } = useGraphStore.getState();
    if (!document || !this.hub.isConnected) return;
    const keys = existingProbes(useProbeStore.getState().probes, document.patch, catalog);
    const same = keys.length === this.keys.length && keys.every((key, index) => key === this.keys[index]);
    if (same && !force && this.patchName === document.name && this.subscription) return;
    this.dispose();
    this.keys = keys;
    this.patchName = document.name;
    if (keys.length === 0) return;
    this.counter += 1;
    const subscriptionId = `probes-${this.counter}`;
    this.subscriptionId = subscriptionId;
    if (force) void this.fillFromServer(document.name, keys, subscriptionId);
    this.subscription = this.hub.stream('subscribe', document.name, keys, subscriptionId).subscribe({
      next: (frame) => {
        if (this.subscriptionId !== subscriptionId) return;
        const values = decodeProbeValues(frame.values);
        const timeMs = Number(frame.timeMs);
        useProbeStore.getState().applyFrame(keys, timeMs, values);
        const precision = priceDecimalsByKey(keys, values, this.priceDecimalsSeen);
        this.priceDecimalsSeen = precision.decimals;
        useProbeStore.getState().setPriceDecimals(precision.byKey);
        probeHistory.push(timeMs, keys, values);
      },
      error: (error) => {
        if (this.subscriptionId !== subscriptionId) return;
        this.subscription = null;
        // A dropped connection ends the stream too; the reconnect resubscribes.
        if (this.hub.isConnected) this.onError(`probes: ${(error as Error).message ?? String(error)}`);
      },
      complete: () => {
        if (this.subscriptionId === subscriptionId) this.subscription = null;
      },
    });
  }

  /** The minutes the server kept of these probes, in front of the frames (ProbeHub.history). */
  private async fillFromServer(
    patchName: string,
    keys: readonly string[],
    subscriptionId: string,
  ): Promise<void> {
    try {
      const kept = await this.hub.invoke('history', patchName, [...keys]);
      if (this.subscriptionId !== subscriptionId) return;
      probeHistory.fill(kept.timeMs.map(Number), keys, kept.values);
      showLastKept(keys, kept.timeMs, kept.values);
    } catch {
      // An older server has no history; the plot fills from the frames as before.
    }
  }

  private dispose(): void {
    const subscription = this.subscription;
    const subscriptionId = this.subscriptionId;
    this.subscription = null;
    this.subscriptionId = null;
    if (!subscription) return;
    subscription.dispose();
    if (subscriptionId && this.hub.isConnected)
      void this.hub.invoke('unsubscribe', subscriptionId).catch(() => false);
  }
}

function sameKeys(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((key, index) => key === b[index]);
}

/**
 * Until the first live frame, the probe list and the badges show the newest kept point, so a
 * reloaded editor whose plot is drawn from the server's history does not also say "no data yet".
 * A live frame that came first wins: it is newer.
 */
function showLastKept(
  keys: readonly string[],
  timeMs: readonly number[],
  columns: readonly (readonly (number | null)[])[],
): void {
  const last = timeMs.length - 1;
  if (last < 0 || useProbeStore.getState().lastFrameAtMs !== null) return;
  const values = new Float64Array(keys.length);
  keys.forEach((_, position) => {
    values[position] = columns[position]?.[last] ?? Number.NaN;
  });
  useProbeStore.getState().applyFrame(keys, Number(timeMs[last]), values);
}
