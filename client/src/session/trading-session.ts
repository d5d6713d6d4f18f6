// Keeps the Trading panel in step with the open patch's paper run: one TradeHub stream while the
// run is a live paper run (a new run, another patch or a reconnect opens a new one, whose
// snapshot starts the view over), and the panel's commands: cancel, flatten, kill switch.
import type { ISubscription } from '@microsoft/signalr';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import type { ParityReport } from '@patchdesk/modules/contracts/parity';
import type { KillSwitchReport, TradingFrame, TradingSnapshot } from '@patchdesk/modules/contracts/trading';
import type { Hubs } from '../hub/hubs';
import { useGraphStore } from '../stores/graph-store';
import { useRunStore } from '../stores/run-store';
import { useTradingStore } from '../stores/trading-store';

/** A stream that fails while its run still runs is reopened this many times, then left closed. */
const streamRetriesMax = 5;
const streamRetryDelayMs = 1000;

/** The run a stream belongs to: a new start of the same patch is a new run. */
export function paperRunKey(status: RunStatus | undefined): string | null {
  if (!status || status.state !== 'running' || status.mode !== 'paper') return null;
  return `${status.patchName}@${status.startedAtMs ?? 0}`;
}

/** A parity check's answer for the panel: the report, or why there is none, in words. */
export type ParityOutcome = { ok: true; report: ParityReport } | { ok: false; reason: string };

export class TradingSession {
  private subscription: ISubscription<TradingSnapshot | TradingFrame> | null = null;
  private streamedKey: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly hubs: Pick<Hubs, 'trades' | 'risk'>,
    private readonly onError: (message: string) => void,
  ) {}

  start(): () => void {
    const off = [
      useGraphStore.subscribe((state, previous) => {
        if (state.document?.name === previous.document?.name) return;
        // Another patch: its account is not this one's.
        this.close();
        useTradingStore.getState().clear();
        this.sync();
      }),
      useRunStore.subscribe((state, previous) => {
        if (state.statuses !== previous.statuses) this.sync();
      }),
      this.hubs.trades.onConnected(() => this.sync(true)),
    ];
    return () => {
      off.forEach((unsubscribe) => unsubscribe());
      this.close();
    };
  }

  private get patchName(): string | null {
    return useGraphStore.getState().document?.name ?? null;
  }

  private currentKey(): string | null {
    const name = this.patchName;
    return name ? paperRunKey(useRunStore.getState().statuses[name]) : null;
  }

  /** Opens the stream of the live paper run, if there is one and it is not open yet. */
  private sync(reconnected = false): void {
    const key = this.currentKey();
    if (key === null) {
      // The run ended or is not a paper run: keep the last view to read, stop streaming.
      if (this.subscription) this.close();
      if (useTradingStore.getState().live) useTradingStore.getState().setLive(false, this.endNote());
      return;
    }
    if (!reconnected && key === this.streamedKey && this.subscription) return;
    if (key !== this.streamedKey) this.retries = 0;
    this.open(key);
  }

  /** Why the panel stopped following the run, in words. */
  private endNote(): string {
    const name = this.patchName;
    const status = name ? useRunStore.getState().statuses[name] : undefined;
    if (status?.state === 'error') return `The paper run failed: ${status.reason ?? 'no reason given'}`;
    return 'The paper run stopped.';
  }

  private open(key: string): void {
    const name = this.patchName;
    if (!name || !this.hubs.trades.isConnected) return;
    this.close();
    this.streamedKey = key;
    const store = useTradingStore.getState;
    const subscription = this.hubs.trades.stream('stream', name).subscribe({
      next: (message) => {
        if (this.subscription === subscription) store().applyMessage(message);
      },
      error: (error) => {
        if (this.subscription !== subscription) return;
        this.subscription = null;
        store().setLive(false, `Trading stream closed: ${error.message}`);
        this.retryLater(key);
      },
      complete: () => {
        if (this.subscription !== subscription) return;
        this.subscription = null;
        store().setLive(false, 'The paper run ended.');
      },
    });
    this.subscription = subscription;
  }

  private retryLater(key: string): void {
    if (this.retries >= streamRetriesMax) return;
    this.retries += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.currentKey() === key && !this.subscription) this.open(key);
    }, streamRetryDelayMs);
  }

  private close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const subscription = this.subscription;
    this.subscription = null;
    this.streamedKey = null;
    subscription?.dispose();
  }

  async cancelOrder(clientOrderId: string): Promise<void> {
    const name = this.patchName;
    if (!name) return;
    try {
      useTradingStore
        .getState()
        .applyOrder(await this.hubs.trades.invoke('cancelOrder', name, clientOrderId));
    } catch (error) {
      this.onError(`Could not cancel ${clientOrderId}: ${(error as Error).message}`);
    }
  }

  async flatten(symbol: string): Promise<void> {
    const name = this.patchName;
    if (!name) return;
    try {
      const order = await this.hubs.trades.invoke('flatten', name, symbol);
      if (order) useTradingStore.getState().applyOrder(order);
    } catch (error) {
      this.onError(`Could not flatten ${symbol}: ${(error as Error).message}`);
    }
  }

  /** Cancels every working order and closes every position at market; gates refuse new orders. */
  async killSwitch(): Promise<KillSwitchReport | null> {
    const name = this.patchName;
    if (!name) return null;
    try {
      const report = await this.hubs.risk.invoke('killSwitch', name, { flatten: true, stopRun: false });
      useTradingStore.getState().setKillSwitch(true);
      return report;
    } catch (error) {
      this.onError(`Kill switch failed: ${(error as Error).message}`);
      return null;
    }
  }

  async resetKillSwitch(): Promise<void> {
    const name = this.patchName;
    if (!name) return;
    try {
      await this.hubs.risk.invoke('resetKillSwitch', name);
      useTradingStore.getState().setKillSwitch(false);
    } catch (error) {
      this.onError(`Could not reset the kill switch: ${(error as Error).message}`);
    }
  }

  /**
   * Re-runs the open patch's newest recorded paper run as a backtest and compares
   * (TradeHub.parity). The newest: the panel shows the patch's latest paper run, and a trading
   * snapshot carries no run id. A running run is checked over the ticks recorded so far.
   */
  async checkParity(): Promise<ParityOutcome> {
    const name = this.patchName;
    if (!name) return { ok: false, reason: 'No patch is open.' };
    try {
      const [newest] = await this.hubs.trades.invoke('recordings', name);
      if (!newest) return { ok: false, reason: `No recorded paper run of ${name} yet.` };
      return { ok: true, report: await this.hubs.trades.invoke('parity', newest.runId) };
    } catch (error) {
      return { ok: false, reason: `Parity check failed: ${(error as Error).message}` };
    }
  }
}
