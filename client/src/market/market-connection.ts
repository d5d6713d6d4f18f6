// The market panel's own MarketHub connection: opened when the panel shows, closed when it
// hides, so an editor that never looks at markets holds no market socket. It keeps the newest
// ticker frame and the venues' health (asked again every `venuesPollMs`, since a venue's state
// changes without a ticker: an unreachable venue sends none).
import { HubConnectionBuilder, JsonHubProtocol, LogLevel } from '@microsoft/signalr';
import type { HubConnection, ISubscription } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type { MarketTickerFrame, VenueStatus } from '@patchdesk/modules/contracts/hubs';
import type { WireProtocol } from '../hub/hub-client';

export const venuesPollMs = 2_000;

export interface MarketView {
  link: 'connecting' | 'connected' | 'disconnected';
  venues: VenueStatus[] | null;
  frame: MarketTickerFrame | null;
  error: string | null;
}

export function openMarketConnection(
  origin: string,
  protocol: WireProtocol,
  onView: (view: MarketView) => void,
): () => void {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl(`${origin}${hubPaths.market}`)
    .withHubProtocol(protocol === 'json' ? new JsonHubProtocol() : new MessagePackHubProtocol())
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
  let view: MarketView = { link: 'connecting', venues: null, frame: null, error: null };
  let closed = false;
  let subscription: ISubscription<MarketTickerFrame> | null = null;
  const set = (change: Partial<MarketView>): void => {
    if (closed) return;
    view = { ...view, ...change };
    onView(view);
  };
  const refreshVenues = (): void => {
    connection.invoke<VenueStatus[]>('getVenues').then(
      (venues) => set({ venues }),
      (error: unknown) => set({ error: `venues: ${(error as Error).message}` }),
    );
  };
  const follow = (): void => {
    set({ link: 'connected', error: null });
    refreshVenues();
    subscription?.dispose();
    subscription = connection.stream<MarketTickerFrame>('tickers', {}).subscribe({
      next: (frame) => set({ frame }),
      error: (error) => set({ error: `tickers: ${(error as Error).message}` }),
      complete: () => undefined,
    });
  };
  connection.onreconnecting(() => set({ link: 'connecting' }));
  connection.onreconnected(follow);
  connection.onclose(() => set({ link: 'disconnected' }));
  connection
    .start()
    .then(follow, (error: unknown) =>
      set({ link: 'disconnected', error: `market hub: ${(error as Error).message}` }),
    );
  const timer = setInterval(() => {
    if (view.link === 'connected') refreshVenues();
  }, venuesPollMs);
  return () => {
    closed = true;
    clearInterval(timer);
    subscription?.dispose();
    void connection.stop();
  };
}
