// OKX v5 as the fake venue speaks it: instruments (swap, spot) over REST; {op: subscribe} acked
// with {event: subscribe, arg}; the text ping answered with "pong". Topics are
// "<channel>:<instId>". The books channel sends a snapshot on subscribe, then updates whose
// prevSeqId is the previous seqId; `skipSequence()` breaks that once.
import type { FakeProtocol, HttpAnswer, WsReply } from '../fake-venue';
import { fixture } from '../fixtures';

const venue = 'okx';
type Level = [number, number];

export class OkxProtocol implements FakeProtocol {
  readonly venue = venue;
  private seqId = 200_000;
  private bids: Level[] = [
    [100, 1],
    [99.5, 2],
  ];
  private asks: Level[] = [
    [100.5, 1],
    [101, 3],
  ];
  snapshotsSent = 0;

  http(method: string, path: string, query: URLSearchParams): HttpAnswer | null {
    if (method !== 'GET' || path !== '/api/v5/public/instruments') return null;
    const type = query.get('instType');
    if (type === 'SWAP') return { body: fixture(venue, 'http_get_instruments_swap') };
    if (type === 'SPOT') return { body: fixture(venue, 'http_get_instruments_spot') };
    return null;
  }

  onClientMessage(text: string): WsReply | null {
    if (text === 'ping') return { replies: ['pong'], subscribe: [] };
    const message = JSON.parse(text) as { op?: string; args?: { channel: string; instId: string }[] };
    if (message.op !== 'subscribe' || !Array.isArray(message.args)) return null;
    const replies: unknown[] = [];
    for (const arg of message.args) {
      replies.push({ event: 'subscribe', arg, connId: 'fake' });
      if (arg.channel === 'books') replies.push(this.bookSnapshot(arg.instId));
    }
    return { replies, subscribe: message.args.map((arg) => `${arg.channel}:${arg.instId}`) };
  }

  trade(
    t: { id: string; price: number; amount: number; side: 'buy' | 'sell'; timeMs?: number },
    instId = 'BTC-USDT-SWAP',
  ): object {
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_trades');
    const ts = String(t.timeMs ?? Date.now());
    const data = {
      ...message.data[0],
      instId,
      tradeId: t.id,
      px: String(t.price),
      sz: String(t.amount),
      side: t.side,
      ts,
    };
    return { arg: { channel: 'trades', instId }, data: [data] };
  }

  ticker(last: number, instId = 'BTC-USDT-SWAP'): object {
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_tickers');
    const data = { ...message.data[0], instType: 'SWAP', instId, last: String(last), ts: String(Date.now()) };
    return { arg: { channel: 'tickers', instId }, data: [data] };
  }

  funding(rate: number, nextFundingMs: number, instId = 'BTC-USDT-SWAP'): object {
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_funding_rate');
    const now = Date.now();
    const data = {
      ...message.data[0],
      instId,
      fundingRate: String(rate),
      fundingTime: String(now),
      nextFundingTime: String(nextFundingMs),
      ts: String(now),
    };
    return { arg: { channel: 'funding-rate', instId }, data: [data] };
  }

  /**
   * A mark-price push. No WebSocket mark-price message was recorded; the channel's data has the
   * fields of the recorded REST answer (instType, instId, markPx, ts), which is used here.
   */
  markPrice(mark: number, instId = 'BTC-USDT-SWAP'): object {
    const recorded = fixture<{ data: Record<string, unknown>[] }>(venue, 'http_get_mark_price');
    const data = { ...recorded.data[0], instId, markPx: String(mark), ts: String(Date.now()) };
    return { arg: { channel: 'mark-price', instId }, data: [data] };
  }

  bookSnapshot(instId = 'BTC-USDT-SWAP'): object {
    this.snapshotsSent++;
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_books_snapshot');
    this.seqId++;
    const data = {
      ...message.data[0],
      bids: wire(this.bids),
      asks: wire(this.asks),
      ts: String(Date.now()),
      prevSeqId: -1,
      seqId: this.seqId,
    };
    return { ...message, arg: { channel: 'books', instId }, data: [data] };
  }

  bookUpdate(bids: Level[], asks: Level[], instId = 'BTC-USDT-SWAP'): object {
    const message = fixture<{ data: Record<string, unknown>[] }>(venue, 'ws_books_update');
    const prevSeqId = this.seqId;
    this.seqId++;
    this.bids = merge(this.bids, bids, -1);
    this.asks = merge(this.asks, asks, 1);
    const data = {
      ...message.data[0],
      bids: wire(bids),
      asks: wire(asks),
      ts: String(Date.now()),
      prevSeqId,
      seqId: this.seqId,
    };
    return { ...message, arg: { channel: 'books', instId }, data: [data] };
  }

  skipSequence(count = 3): void {
    this.seqId += count;
  }
}

function wire(levels: Level[]): string[][] {
  return levels.map(([price, size]) => [String(price), String(size), '0', '1']);
}

function merge(book: Level[], changes: Level[], direction: 1 | -1): Level[] {
  const map = new Map(book);
  for (const [price, size] of changes) {
    if (size === 0) map.delete(price);
    else map.set(price, size);
  }
  return [...map.entries()].sort((a, b) => direction * (a[0] - b[0]));
}
