// Run lifecycle over StateHub and the log stream over LogHub.
import type { ISubscription } from '@microsoft/signalr';
import type { LogRecord, RunConfig } from '@patchdesk/modules/contracts/hubs';
import type { Hubs } from '../hub/hubs';
import { useRunStore } from '../stores/run-store';

/** Log records are batched so a burst renders once per interval, not once per record. */
const logFlushIntervalMs = 250;

/**
 * Run replays the bundled sample once and stops at its last bar ("ended"), unless the run
 * controls ask for a loop: then each pass replays the data's own times with its modules started
 * afresh (the status counts the passes). No time outside the data is ever shown.
 */
export const defaultRunConfig: RunConfig = { dataset: 'sample', loop: false };
/** What the run controls say about each choice. */
export const replayModeText = {
  once: 'replays the sample once and ends at its last bar',
  loop: 'replays the sample again and again; each pass starts the modules afresh at the first bar',
} as const;

export class RunSession {
  private logSubscription: ISubscription<LogRecord> | null = null;
  private pendingLogs: LogRecord[] = [];
  private flushTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly stateHub: Hubs['state'],
    private readonly logHub: Hubs['logs'],
    private readonly onError: (message: string) => void,
  ) {}

  start(): () => void {
    const off = [
      this.stateHub.on('status', (status) => useRunStore.getState().setStatus(status)),
      this.stateHub.onConnected(() => void this.refreshStatus()),
      this.logHub.onConnected(() => this.streamLogs()),
    ];
    this.flushTimer = setInterval(() => this.flushLogs(), logFlushIntervalMs);
    return () => {
      off.forEach((unsubscribe) => unsubscribe());
      this.logSubscription?.dispose();
      if (this.flushTimer !== null) clearInterval(this.flushTimer);
    };
  }

  async run(
    patchName: string,
    config: RunConfig = { ...defaultRunConfig, loop: useRunStore.getState().loop },
  ): Promise<void> {
    try {
      useRunStore.getState().setStatus(await this.stateHub.invoke('start', patchName, config));
    } catch (error) {
      this.onError(`Could not start "${patchName}": ${(error as Error).message}`);
    }
  }

  async stop(patchName: string): Promise<void> {
    try {
      useRunStore.getState().setStatus(await this.stateHub.invoke('stop', patchName));
    } catch (error) {
      this.onError(`Could not stop "${patchName}": ${(error as Error).message}`);
    }
  }

  private async refreshStatus(): Promise<void> {
    try {
      useRunStore.getState().setStatuses(await this.stateHub.invoke('getStatus'));
    } catch (error) {
      this.onError(`Could not read run status: ${(error as Error).message}`);
    }
  }

  private streamLogs(): void {
    this.logSubscription?.dispose();
    // The server replays recent records first; start from an empty panel to avoid duplicates.
    useRunStore.getState().clearLogs();
    this.pendingLogs = [];
    this.logSubscription = this.logHub.stream('stream', { minLevel: 'info' }).subscribe({
      next: (record) => {
        this.pendingLogs.push({ ...record, timeMs: Number(record.timeMs) });
      },
      error: () => {
        this.logSubscription = null;
      },
      complete: () => {
        this.logSubscription = null;
      },
    });
  }

  private flushLogs(): void {
    if (this.pendingLogs.length === 0) return;
    const records = this.pendingLogs;
    this.pendingLogs = [];
    useRunStore.getState().addLogs(records);
  }
}
