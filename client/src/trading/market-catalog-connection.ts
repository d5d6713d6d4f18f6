// The page's one market catalog, over its own MarketHub connection opened on the first ask (an
// editor that never adds a market stream opens no market socket) and kept open after.
import { HubConnectionBuilder, JsonHubProtocol, LogLevel } from '@microsoft/signalr';
import type { HubConnection } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { wireProtocolFromUrl } from '../hub/hubs';
import { createMarketCatalog } from './market-catalog';
import type { MarketCatalog } from './market-catalog';

let catalog: MarketCatalog | null = null;

export function marketCatalog(): MarketCatalog {
  if (catalog) return catalog;
  let started: Promise<HubConnection> | null = null;
  const connect = (): Promise<HubConnection> => {
    if (started) return started;
    const protocol = wireProtocolFromUrl(window.location.search);
    const connection = new HubConnectionBuilder()
      .withUrl(`${window.location.origin}${hubPaths.market}`)
      .withHubProtocol(protocol === 'json' ? new JsonHubProtocol() : new MessagePackHubProtocol())
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    const starting = connection.start().then(() => connection);
    // A failed start is forgotten, so the next ask tries again.
    starting.catch(() => {
      started = null;
    });
    started = starting;
    return starting;
  };
  catalog = createMarketCatalog(async (method, ...args) => (await connect()).invoke(method, ...args));
  return catalog;
}
