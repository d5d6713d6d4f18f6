// Keeps one ProbeHub subscription for the probed ports of the open patch: resubscribes when the
// set of probes or of existing ports changes, and after every reconnect.
import type { ISubscription } from '@microsoft/signalr';
import type { ProbeFrame } from '@patchdesk/modules/contracts/hubs';
import type { PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { decodeProbeValues } from '../hub/probe-frames';
import type { Hubs } from '../hub/hubs';
import { defaultProbes, existingProbes, loadProbes, saveProbes } from '../editor/default-probes';
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

  constructor(
    private readonly hub: Hubs['probe'],
    private readonly onError: (message: string) => void,
  ) {}

  start(): () => void {
    const unsubscribeProbes = useProbeStore.subscribe((state, previous) => {
      if (state.probes === previous.probes) return;
      if (this.patchName && !this.loading) saveProbes(this.patchName, state.probes);
      this.schedule();
    });
    const unsubscribeGraph = useGraphStore.subscribe((state, previous) => {
      if (
        state.document?.patch.modules !== previous.document?.patch.modules ||
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

  /** A patch was opened: restore its remembered probes or pick the defaults. */
  loadForPatch(document: PatchDocument): void {
    const catalog = useGraphStore.getState().catalog;
    const remembered = loadProbes(document.name);
    this.loading = true;
    useProbeStore.getState().setProbes(remembered ?? defaultProbes(document.patch, catalog));
    this.loading = false;
    if (remembered === null && Object.keys(catalog).length > 0) {
      saveProbes(document.name, useProbeStore.getState().probes);
    }
    if (this.patchName !== document.name) {
      useProbeStore.getState().clearValues();
      probeHistory.clear();
    }
    this.patchName = document.name;
    this.resubscribe(true);
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
    this.subscription = this.hub.stream('subscribe', document.name, keys, subscriptionId).subscribe({
      next: (frame) => {
        if (this.subscriptionId !== subscriptionId) return;
        const values = decodeProbeValues(frame.values);
        const timeMs = Number(frame.timeMs);
        useProbeStore.getState().applyFrame(keys, timeMs, values);
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
