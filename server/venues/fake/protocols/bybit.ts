// Bybit v5 (linear) as the fake venue speaks it: instruments over REST; {op: subscribe} acked
// with the recorded ack (req_id echoed); pings answered; payloads from the recorded messages
// with topic, times and values rewritten. Book: a snapshot then deltas carrying `u`.
import type { FakeProtocol, HttpAnswer, WsReply } from '../fake-venue';
import { fixture } from '../fixtures';

const venue = 'bybit';
type Level = [number, number];

export class BybitProtocol implements FakeProtocol {
  readonly venue = venue;
  private updateId = 5_000;
  /** What the REST ticker reports as last price. */
  lastPrice = 17_216;

  http(method: string, path: string, query: URLSearchParams): HttpAnswer | null {
    if (method === 'GET' && path === '/v5/market/instruments-info' && query.get('category') === 'linear') {
      const instruments = fixture<{ result: { list: unknown[] } }>(venue, 'http_get_instruments_linear');
      // ccxt asks a second time for pre-launch instruments: there are none.
      if (query.get('status') === 'PreLaunch') instruments.result.list = [];
      return { body: instruments };
    }
    if (method === 'GET' && path === '/v5/market/tickers' && query.get('category') === 'linear') {
      // The REST ticker carries the same fields as the recorded WebSocket ticker's data.
      const { data } = fixture<{ data: Record<string, unknown> }>(venue, 'ws_ticker_linear');
      const symbol = query.get('symbol') ?? 'BTCUSDT';
      return {
        body: {
          retCode: 0,
          retMsg: 'OK',
          result: { category: 'linear', list: [{ ...data, symbol, lastPrice: String(this.lastPrice) }] },
          time: Date.now(),
        },
      };
    }
    return null;
  }

  onClientMessage(text: string): WsReply | null {
    const message = JSON.parse(text) as { op?: string; args?: string[]; req_id?: string };
    if (message.op === 'ping') {
      return {
        replies: [{ success: true, ret_msg: 'pong', conn_id: 'fake', req_id: message.req_id, op: 'ping' }],
        subscribe: [],
      };
    }
    if (message.op !== 'subscribe' || !Array.isArray(message.args)) return null;
    const ack = fixture(venue, 'ws_subscription_ack');
    return { replies: [{ ...ack, req_id: message.req_id }], subscribe: message.args };
  }

  trade(
    t: { id: string; price: number; amount: number; side: 'Buy' | 'Sell'; timeMs?: number },
    symbol = 'BTCUSDT',
  ): object {
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_public_trade');
    const timeMs = t.timeMs ?? Date.now();
    const data = {
      ...message.data[0],
      T: timeMs,
      s: symbol,
      S: t.side,
      v: String(t.amount),
      p: String(t.price),
      i: t.id,
    };
    return { ...message, topic: `publicTrade.${symbol}`, ts: timeMs, data: [data] };
  }

  ticker(last: number, symbol = 'BTCUSDT'): object {
    const message = fixture<{ data: Record<string, unknown> }>(venue, 'ws_ticker_linear');
    return {
      ...message,
      topic: `tickers.${symbol}`,
      ts: Date.now(),
      data: { ...message.data, symbol, lastPrice: String(last) },
    };
  }

  bookSnapshot(depth: number, bids: Level[], asks: Level[], symbol = 'BTCUSDT'): object {
    return this.book('ws_orderbook_snapshot', depth, bids, asks, symbol);
  }

  bookDelta(depth: number, bids: Level[], asks: Level[], symbol = 'BTCUSDT'): object {
    return this.book('ws_orderbook_delta', depth, bids, asks, symbol);
  }

  private book(name: string, depth: number, bids: Level[], asks: Level[], symbol: string): object {
    const message = fixture<{ data: Record<string, unknown> }>(venue, name);
    this.updateId++;
    return {
      ...message,
      topic: `orderbook.${depth}.${symbol}`,
      ts: Date.now(),
      data: {
        ...message.data,
        s: symbol,
        u: this.updateId,
        seq: this.updateId,
        b: bids.map(([p, s]) => [String(p), String(s)]),
        a: asks.map(([p, s]) => [String(p), String(s)]),
      },
    };
  }
}
