// Binance USD-M futures as the fake venue speaks it: exchangeInfo (crafted, see the fixture's
// comment) and depth snapshots over REST; SUBSCRIBE / {result: null, id} over WebSocket; stream
// payloads built from the recorded messages with their times, ids and prices rewritten. The
// depth stream keeps Binance's futures sequence rule (each diff's `pu` is the previous `u`);
// `skipSequence()` breaks it once, as a lost message would.
import type { FakeProtocol, HttpAnswer, WsReply } from '../fake-venue';
import { fixture } from '../fixtures';
import type { FakeHistory } from '../history';

const venue = 'binanceusdm';
type Level = [number, number];

export class BinanceUsdmProtocol implements FakeProtocol {
  readonly venue = venue;
  /** Last depth update id sent (or skipped). */
  private updateId = 1_000;
  private bids = new Map<number, number>([
    [100, 1],
    [99.5, 2],
  ]);
  private asks = new Map<number, number>([
    [100.5, 1],
    [101, 3],
  ]);
  depthSnapshotsServed = 0;
  /** Klines, mark-price klines and funding history, when a test sets them (history.ts). */
  history: FakeHistory | null = null;

  http(method: string, path: string, query: URLSearchParams): HttpAnswer | null {
    const history = method === 'GET' ? this.history?.answer(path, query) : null;
    if (history) return history;
    if (method === 'GET' && path === '/fapi/v1/exchangeInfo')
      return { body: fixture(venue, 'exchange_info_crafted') };
    if (method === 'GET' && path === '/fapi/v1/depth' && query.get('symbol') === 'BTCUSDT') {
      this.depthSnapshotsServed++;
      const snapshot = fixture(venue, 'depth_response');
      snapshot.lastUpdateId = this.updateId;
      snapshot.E = Date.now();
      snapshot.T = Date.now();
      snapshot.bids = sideOf(this.bids, -1);
      snapshot.asks = sideOf(this.asks, 1);
      return { body: snapshot };
    }
    return null;
  }

  onClientMessage(text: string): WsReply | null {
    const message = JSON.parse(text) as { method?: string; params?: string[]; id?: number };
    if (message.method !== 'SUBSCRIBE' || !Array.isArray(message.params)) return null;
    return { replies: [{ result: null, id: message.id }], subscribe: message.params };
  }

  /** A trade; `buyerIsMaker` true means the seller was the aggressor (Binance's "m"). */
  trade(t: { id: number; price: number; amount: number; buyerIsMaker: boolean; timeMs?: number }): object {
    const message = fixture(venue, 'trade_stream');
    const timeMs = t.timeMs ?? Date.now();
    return {
      ...message,
      E: timeMs,
      T: timeMs,
      t: t.id,
      p: String(t.price),
      q: String(t.amount),
      m: t.buyerIsMaker,
    };
  }

  /** A depth diff that follows the previous one (pu = previous u). */
  depthUpdate(bids: Level[], asks: Level[]): object {
    for (const [price, size] of bids) setLevel(this.bids, price, size);
    for (const [price, size] of asks) setLevel(this.asks, price, size);
    const previous = this.updateId;
    this.updateId += 1;
    const message = fixture(venue, 'depth_update_stream');
    const now = Date.now();
    return {
      ...message,
      E: now,
      T: now,
      U: this.updateId,
      u: this.updateId,
      pu: previous,
      b: bids.map(([p, s]) => [String(p), String(s)]),
      a: asks.map(([p, s]) => [String(p), String(s)]),
    };
  }

  /** Lose `count` update ids: the next diff's pu no longer matches what the client saw. */
  skipSequence(count = 3): void {
    this.updateId += count;
  }

  ticker(last: number): object {
    const message = fixture(venue, 'ticker_stream');
    const now = Date.now();
    return { ...message, e: '24hrMiniTicker', E: now, C: now, O: now - 86_400_000, c: String(last) };
  }

  markPrice(mark: number, index: number, rate: number, nextFundingMs: number): object {
    const message = fixture(venue, 'mark_price_stream');
    return {
      ...message,
      E: Date.now(),
      p: String(mark),
      i: String(index),
      r: String(rate),
      T: nextFundingMs,
    };
  }
}

function setLevel(side: Map<number, number>, price: number, size: number): void {
  if (size === 0) side.delete(price);
  else side.set(price, size);
}

function sideOf(side: Map<number, number>, direction: 1 | -1): string[][] {
  return [...side.entries()]
    .sort((a, b) => direction * (a[0] - b[0]))
    .map(([price, size]) => [String(price), String(size)]);
}
