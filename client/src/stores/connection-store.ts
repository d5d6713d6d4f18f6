// The state of each hub connection, always shown in the toolbar.
import { create } from 'zustand';

export type HubName = 'patch' | 'probe' | 'state' | 'logs' | 'trades' | 'risk' | 'backtest';
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionState {
  links: Record<HubName, LinkState>;
  lastError: string | null;
  /** Edit groups sent (or queued) and not yet answered. */
  pendingEdits: number;
  setLink(hub: HubName, state: LinkState, error?: string): void;
  setPendingEdits(count: number): void;
}

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  links: {
    patch: 'connecting',
    probe: 'connecting',
    state: 'connecting',
    logs: 'connecting',
    trades: 'connecting',
    risk: 'connecting',
    backtest: 'connecting',
  },
  lastError: null,
  pendingEdits: 0,
  setPendingEdits(pendingEdits) {
    set({ pendingEdits });
  },
  setLink(hub, state, error) {
    set({ links: { ...get().links, [hub]: state }, lastError: error ?? get().lastError });
  },
}));

/** The worst state across hubs: what the user needs to know at a glance. */
export function overallLinkState(links: Record<HubName, LinkState>): LinkState {
  const states = Object.values(links);
  for (const worst of ['disconnected', 'reconnecting', 'connecting'] as const) {
    if (states.includes(worst)) return worst;
  }
  return 'connected';
}
