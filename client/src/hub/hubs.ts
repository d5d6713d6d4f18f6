// The hub connections of the editor, on the page's own origin.
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type {
  LogHubMethods,
  PatchHubEvents,
  PatchHubMethods,
  ProbeHubMethods,
  StateHubEvents,
  StateHubMethods,
} from '@patchdesk/modules/contracts/hubs';
import type { RiskHubMethods, TradeHubMethods } from '@patchdesk/modules/contracts/trading';
import { backtestHubPath, type BacktestHubMethods } from '@patchdesk/modules/contracts/backtest';
import { useConnectionStore } from '../stores/connection-store';
import type { HubName } from '../stores/connection-store';
import { HubClient } from './hub-client';
import type { WireProtocol } from './hub-client';

export interface Hubs {
  patch: HubClient<PatchHubMethods, PatchHubEvents>;
  probe: HubClient<ProbeHubMethods>;
  state: HubClient<StateHubMethods, StateHubEvents>;
  logs: HubClient<LogHubMethods>;
  /** The paper run's orders, fills, positions and account (TradeHub). */
  trades: HubClient<TradeHubMethods>;
  /** Kill switch and dead-man (RiskHub). */
  risk: HubClient<RiskHubMethods>;
  /** Backtests: start, progress, results, stored results (BacktestHub). */
  backtest: HubClient<BacktestHubMethods>;
}

/** MessagePack by default; `?protocol=json` makes the traffic readable in the browser's tools. */
export function wireProtocolFromUrl(search: string): WireProtocol {
  return new URLSearchParams(search).get('protocol') === 'json' ? 'json' : 'messagepack';
}

export function createHubs(origin: string, protocol: WireProtocol): Hubs {
  const options = (hub: HubName, path: string) => ({
    hub,
    url: `${origin}${path}`,
    protocol,
    onState: (
      state: Parameters<ReturnType<typeof useConnectionStore.getState>['setLink']>[1],
      error?: string,
    ) => useConnectionStore.getState().setLink(hub, state, error),
  });
  return {
    patch: new HubClient(options('patch', hubPaths.patch)),
    probe: new HubClient(options('probe', hubPaths.probe)),
    state: new HubClient(options('state', hubPaths.state)),
    logs: new HubClient(options('logs', hubPaths.logs)),
    trades: new HubClient(options('trades', hubPaths.trades)),
    risk: new HubClient(options('risk', hubPaths.risk)),
    backtest: new HubClient(options('backtest', backtestHubPath)),
  };
}
