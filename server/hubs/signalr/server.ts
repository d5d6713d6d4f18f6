// SignalRServer: maps hubs to paths and serves them over express (HTTP) and ws (upgrades).
import type { Server } from 'node:http';
import type { Express } from 'express';
import { WebSocketServer } from 'ws';
import type { HubClients, HubDefinition } from './define-hub';
import { FlushScheduler } from './flush-scheduler';
import type { HubProtocol, ProtocolName } from './hub-protocol';
import { HubEndpoint } from './hub-endpoint';
import type { EndpointStats } from './hub-endpoint';
import { registerHubRoutes } from './http-routes';
import { createJsonProtocol } from './json-protocol';
import { createMsgpackProtocol } from './msgpack-protocol';
import { resolveOptions } from './options';
import type { ResolvedOptions, SignalRServerOptions } from './options';
import { handleUpgrade } from './upgrade';

const sweepIntervalMaxMs = 1_000;
const sweepIntervalMinMs = 10;

function normalizePath(path: string): string {
  if (!path.startsWith('/')) throw new Error(`SignalRServer.mapHub: path '${path}' must start with '/'`);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

export class SignalRServer {
  private readonly options: ResolvedOptions;
  private readonly endpoints = new Map<string, HubEndpoint>();
  private readonly scheduler = new FlushScheduler();
  private readonly protocols: Readonly<Record<ProtocolName, HubProtocol>>;
  private readonly wss: WebSocketServer;
  private app: Express | undefined;
  private httpServer: Server | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(options?: SignalRServerOptions) {
    this.options = resolveOptions(options);
    this.protocols = {
      json: createJsonProtocol(this.options.receiveMessageBytesMax),
      messagepack: createMsgpackProtocol(this.options.receiveMessageBytesMax),
    };
    // One WebSocket message may hold many batched hub messages, each checked against the limit.
    // UTF-8 is left to the JSON protocol, so bad text gets a SignalR Close rather than a bare 1007.
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      skipUTF8Validation: true,
      maxPayload: this.options.receiveMessageBytesMax * 8,
    });
  }

  mapHub(path: string, hub: HubDefinition): void {
    const normalized = normalizePath(path);
    if (this.endpoints.has(normalized))
      throw new Error(`SignalRServer.mapHub: '${normalized}' is already mapped`);
    const endpoint = new HubEndpoint(normalized, hub, this.options, this.protocols, this.scheduler);
    this.endpoints.set(normalized, endpoint);
    if (this.app !== undefined) registerHubRoutes(this.app, endpoint);
  }

  /**
   * Routes negotiate/SSE/long polling on the express app and WebSocket upgrades on the http server.
   * Call it before any catch-all route (SPA fallback, 404) so the hub paths are reached.
   */
  attach(app: Express, server: Server): void {
    if (this.app !== undefined) throw new Error('SignalRServer.attach: already attached');
    this.app = app;
    this.httpServer = server;
    for (const endpoint of this.endpoints.values()) registerHubRoutes(app, endpoint);
    server.on('upgrade', this.onUpgrade);
    const { keepAliveIntervalMs, clientTimeoutMs, handshakeTimeoutMs, disconnectTimeoutMs } = this.options;
    const intervalMs = Math.max(
      sweepIntervalMinMs,
      Math.min(
        sweepIntervalMaxMs,
        keepAliveIntervalMs / 2,
        clientTimeoutMs / 4,
        handshakeTimeoutMs / 2,
        disconnectTimeoutMs / 2,
      ),
    );
    this.sweepTimer = setInterval(this.sweep, intervalMs);
    this.sweepTimer.unref();
  }

  /** Push from outside an invocation (engine events, log records). */
  clients(path: string): HubClients {
    return this.endpoint(path).clients;
  }

  /** Connections past the handshake, on one hub or all. */
  connectionCount(path?: string): number {
    return this.stats(path).connections;
  }

  /** Connections, queued messages and bytes waiting in transports, on one hub or all. */
  stats(path?: string): EndpointStats {
    const endpoints = path === undefined ? [...this.endpoints.values()] : [this.endpoint(path)];
    const total: EndpointStats = { connections: 0, queuedMessages: 0, bufferedBytes: 0 };
    for (const endpoint of endpoints) {
      const stats = endpoint.stats();
      total.connections += stats.connections;
      total.queuedMessages += stats.queuedMessages;
      total.bufferedBytes += stats.bufferedBytes;
    }
    return total;
  }

  /** Sends Close to one connection (by connection id); false when no such connection. */
  closeConnection(connectionId: string, options: { error?: string; allowReconnect?: boolean } = {}): boolean {
    for (const endpoint of this.endpoints.values()) {
      const connection = endpoint.connections.get(connectionId);
      if (connection !== undefined) {
        connection.close(options);
        return true;
      }
    }
    return false;
  }

  /** Send Close to every connection (optionally allowReconnect) and stop timers. */
  async close(options: { allowReconnect?: boolean } = {}): Promise<void> {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.httpServer?.off('upgrade', this.onUpgrade);
    for (const endpoint of this.endpoints.values())
      endpoint.closeAll({ allowReconnect: options.allowReconnect });
    // Let the ws library hand the Close frames to the sockets.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private endpoint(path: string): HubEndpoint {
    const endpoint = this.endpoints.get(normalizePath(path));
    if (endpoint === undefined) throw new Error(`SignalRServer: no hub mapped at '${path}'`);
    return endpoint;
  }

  private readonly onUpgrade = (
    request: Parameters<typeof handleUpgrade>[2],
    socket: Parameters<typeof handleUpgrade>[3],
    head: Buffer,
  ) => {
    handleUpgrade(
      this.wss,
      (pathname) =>
        this.endpoints.get(pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname),
      request,
      socket,
      head,
    );
  };

  private readonly sweep = (): void => {
    const nowMs = Date.now();
    for (const endpoint of this.endpoints.values()) endpoint.sweep(nowMs);
  };
}
