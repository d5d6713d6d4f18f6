// The venues and each venue's markets for the run config's stream pickers, asked of MarketHub
// (getVenues, getMarkets) once and cached while the page is open: a venue's market list is read
// once however many rows pick from it. A failed load is forgotten, so the next ask retries.
import type { VenueStatus } from '@patchdesk/modules/contracts/hubs';

/** What the catalog needs of a hub connection: one invoke. */
export type MarketInvoke = <T>(method: 'getVenues' | 'getMarkets', ...args: string[]) => Promise<T>;

export interface MarketCatalog {
  /** The server's venues, by id and label. */
  venues(): Promise<{ venue: string; label: string }[]>;
  /** The symbols the server knows for a venue, sorted. */
  markets(venue: string): Promise<string[]>;
}

export function createMarketCatalog(invoke: MarketInvoke): MarketCatalog {
  let venues: Promise<{ venue: string; label: string }[]> | null = null;
  const markets = new Map<string, Promise<string[]>>();
  return {
    venues() {
      venues ??= invoke<VenueStatus[]>('getVenues').then(
        (list) => list.map(({ venue, label }) => ({ venue, label })),
        (error: unknown) => {
          venues = null;
          throw error;
        },
      );
      return venues;
    },
    markets(venue) {
      let pending = markets.get(venue);
      if (!pending) {
        pending = invoke<string[]>('getMarkets', venue).catch((error: unknown) => {
          markets.delete(venue);
          throw error;
        });
        markets.set(venue, pending);
      }
      return pending;
    },
  };
}
