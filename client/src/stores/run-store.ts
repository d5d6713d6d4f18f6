// Run status per patch (StateHub) and the recent log records (LogHub).
import { create } from 'zustand';
import type { LogRecord, RunStatus } from '@patchdesk/modules/contracts/hubs';

/** Records kept for the log panel; the server keeps the full log. */
export const logRecordsMax = 500;

export interface RunState {
  statuses: Record<string, RunStatus>;
  logs: LogRecord[];
  /** The run controls' choice for the next run: replay the data once, or loop over it. */
  loop: boolean;
  setLoop(loop: boolean): void;
  setStatus(status: RunStatus): void;
  setStatuses(statuses: readonly RunStatus[]): void;
  addLogs(records: readonly LogRecord[]): void;
  clearLogs(): void;
}

export const useRunStore = create<RunState>()((set, get) => ({
  statuses: {},
  logs: [],
  loop: false,
  setLoop(loop) {
    set({ loop });
  },
  setStatus(status) {
    set({ statuses: { ...get().statuses, [status.patchName]: status } });
  },
  setStatuses(statuses) {
    set({ statuses: Object.fromEntries(statuses.map((status) => [status.patchName, status])) });
  },
  addLogs(records) {
    if (records.length === 0) return;
    set({ logs: [...get().logs, ...records].slice(-logRecordsMax) });
  },
  clearLogs() {
    set({ logs: [] });
  },
}));
