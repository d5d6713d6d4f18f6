// Hyperliquid as the fake venue speaks it: POST /info keyed by "type" (meta and asset contexts
// from the recordings); {method: subscribe, subscription: {type, coin}} acked with a
// subscriptionResponse; {method: ping} answered with {channel: pong}. Topics are "<type>:<coin>".
// The l2Book channel sends whole books (no sequence numbers: nothing to resync).
import type { FakeProtocol, HttpAnswer, WsReply } from '../fake-venue';
import { fixture } from '../fixtures';

const venue = 'hyperliquid';

export class HyperliquidProtocol implements FakeProtocol {
  readonly venue = venue;

  http(method: string, path: string, _query: URLSearchParams, body: string): HttpAnswer | null {
    if (method !== 'POST' || path !== '/info') return null;
    const request = JSON.parse(body) as { type?: string };
    const meta = fixture(venue, 'http_meta_perp_sample');
    if (request.type === 'meta') return { body: meta };
    // ccxt asks for spot metadata even when loading swaps only (to name the collateral token).
    if (request.type === 'spotMeta') return { body: fixture(venue, 'http_spot_meta_non_usdc_collateral') };
    if (request.type === 'metaAndAssetCtxs') {
      return { body: [meta, fixture<{ ctxs: unknown[] }>(venue, 'asset_ctxs_first3').ctxs] };
    }
    return null;
  }

  onClientMessage(text: string): WsReply | null {
    const message = JSON.parse(text) as { method?: string; subscription?: { type: string; coin?: string } };
    if (message.method === 'ping') return { replies: [{ channel: 'pong' }], subscribe: [] };
    if (message.method !== 'subscribe' || !message.subscription) return null;
    const { type, coin } = message.subscription;
    return {
      replies: [
        {
          channel: 'subscriptionResponse',
          data: { method: 'subscribe', subscription: message.subscription },
        },
      ],
      subscribe: [`${type}:${coin ?? ''}`],
    };
  }

  /** side "B": the buyer took liquidity; "A": the seller did. */
  trade(
    t: { id: number; price: number; amount: number; side: 'A' | 'B'; timeMs?: number },
    coin = 'BTC',
  ): object {
    const recorded = fixture<Record<string, unknown>[]>(venue, 'http_recent_trades_btc')[0];
    const data = {
      ...recorded,
      coin,
      side: t.side,
      px: String(t.price),
      sz: String(t.amount),
      time: t.timeMs ?? Date.now(),
      tid: t.id,
    };
    return { channel: 'trades', data: [data] };
  }

  book(coin = 'BTC'): object {
    const data = fixture<Record<string, unknown>>(venue, 'ws_book_data');
    return { channel: 'l2Book', data: { ...data, coin, time: Date.now() } };
  }
}
