// A local fake venue for tests and benches: one HTTP + WebSocket server on 127.0.0.1 that
// speaks one venue's protocol (a FakeProtocol: REST routes, subscribe and ack formats, payload
// builders over recorded messages in ./fixtures). ccxt is pointed at it through base-URL
// overrides. It logs every request it saw, so a test can assert nothing went elsewhere, and
// has controls for the failure cases: cut connections, skip a book sequence number, send a raw
// (malformed) frame, answer the next HTTP requests with a rate-limit status.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface HttpAnswer {
  status?: number;
  body: unknown;
}

export interface WsReply {
  /** Messages sent back to this connection (acks; a string is sent as is). */
  replies: unknown[];
  /** Topics this connection now receives. */
  subscribe: string[];
}

export interface FakeProtocol {
  readonly venue: string;
  /** Answer to a REST request; null gives 404. */
  http(method: string, path: string, query: URLSearchParams, body: string): HttpAnswer | null;
  /** What a client's text frame asks for (subscribe, ping); null ignores it. */
  onClientMessage(text: string): WsReply | null;
}

interface Connection {
  socket: WebSocket;
  path: string;
  topics: Set<string>;
}

export class FakeVenue {
  /** Every HTTP request as "METHOD /path?query", and every client WS frame as "WS /path <frame>". */
  readonly seen: string[] = [];
  private readonly connections = new Set<Connection>();
  private rateLimited: { status: number; count: number } | null = null;
  private subscribeWaiters: { topic: string; resolve: () => void }[] = [];
  connectionsOpened = 0;

  private constructor(
    readonly protocol: FakeProtocol,
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(protocol: FakeProtocol): Promise<FakeVenue> {
    const server = createServer();
    const wss = new WebSocketServer({ server, maxPayload: 1 << 20 });
    const venue = new FakeVenue(protocol, server, wss);
    server.on('request', (req, res) => venue.onHttp(req, res));
    wss.on('connection', (socket, req) => venue.onSocket(socket, req.url ?? '/'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return venue;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Sends `payload` to every connection subscribed to `topic`; returns how many got it. */
  publish(topic: string, payload: unknown): number {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    let sent = 0;
    for (const connection of this.connections) {
      if (connection.topics.has(topic) && connection.socket.readyState === connection.socket.OPEN) {
        connection.socket.send(text);
        sent++;
      }
    }
    return sent;
  }

  /** Sends a frame as is (malformed JSON, an unexpected message) to every connection. */
  sendRaw(text: string): void {
    for (const connection of this.connections) connection.socket.send(text);
  }

  /** Drops every WebSocket connection without a close handshake (a cut cable). */
  cutConnections(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
  }

  /** The next `count` HTTP requests are answered with `status` (429 or 418). */
  rateLimitNext(status: 429 | 418, count = 1): void {
    this.rateLimited = { status, count };
  }

  subscribedTopics(): string[] {
    return [...this.connections].flatMap((connection) => [...connection.topics]);
  }

  /** Resolves once some connection has subscribed to `topic`. */
  waitForSubscription(topic: string): Promise<void> {
    if (this.subscribedTopics().includes(topic)) return Promise.resolve();
    return new Promise((resolve) => this.subscribeWaiters.push({ topic, resolve }));
  }

  async close(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (body.length < 1 << 20) body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      this.seen.push(`${req.method} ${url.pathname}${url.search}${body ? ` ${body}` : ''}`);
      if (this.rateLimited && this.rateLimited.count > 0) {
        this.rateLimited.count--;
        const { status } = this.rateLimited;
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ code: -1003, msg: 'Too many requests' }));
        return;
      }
      let answer: HttpAnswer | null;
      try {
        answer = this.protocol.http(req.method ?? 'GET', url.pathname, url.searchParams, body);
      } catch (error) {
        answer = { status: 500, body: { msg: (error as Error).message } };
      }
      res.writeHead(answer ? (answer.status ?? 200) : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ? answer.body : { msg: 'not found in the fake venue' }));
    });
  }

  private onSocket(socket: WebSocket, path: string): void {
    const connection: Connection = { socket, path, topics: new Set() };
    this.connections.add(connection);
    this.connectionsOpened++;
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => this.connections.delete(connection));
    socket.on('message', (data) => {
      const text = String(data);
      this.seen.push(`WS ${path} ${text}`);
      const reply = this.protocol.onClientMessage(text);
      if (!reply) return;
      for (const topic of reply.subscribe) connection.topics.add(topic);
      for (const message of reply.replies) {
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      }
      this.subscribeWaiters = this.subscribeWaiters.filter((waiter) => {
        if (!connection.topics.has(waiter.topic)) return true;
        waiter.resolve();
        return false;
      });
    });
  }
}
