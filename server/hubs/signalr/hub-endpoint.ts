// One mapped hub path: its connections (by id and by secret token), groups and clients.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { Connection } from './connection';
import type { ConnectionHost } from './connection-host';
import type { HubClients, HubDefinition } from './define-hub';
import type { FlushScheduler } from './flush-scheduler';
import { Groups } from './groups';
import { createHubClients } from './hub-clients';
import type { HubProtocol, ProtocolName } from './hub-protocol';
import type { ResolvedOptions } from './options';
import type { LongPollingTransport } from './transports/long-polling';

export interface EndpointStats {
  connections: number;
  queuedMessages: number;
  bufferedBytes: number;
}

interface Lingering {
  transport: LongPollingTransport;
  sinceMs: number;
}

/** URL-safe: the client appends the token to the query without escaping it. */
function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class HubEndpoint implements ConnectionHost<Connection> {
  /** Connections past the handshake: the audience of `clients.all` and groups. */
  readonly connections = new Map<string, Connection>();
  readonly groups: Groups<Connection>;
  readonly clients: HubClients;
  readonly logger: Logger;
  private readonly tokens = new Map<string, Connection>();
  /** Ended long-polling connections whose last output (a Close) still waits for a poll. */
  private readonly lingering = new Map<string, Lingering>();

  constructor(
    readonly path: string,
    readonly hub: HubDefinition,
    readonly options: ResolvedOptions,
    readonly protocols: Readonly<Record<ProtocolName, HubProtocol>>,
    readonly scheduler: FlushScheduler,
  ) {
    this.groups = new Groups(options.groupsPerConnectionMax);
    this.clients = createHubClients(this);
    this.logger = options.logger.child({ hub: hub.name, path });
  }

  /** A new connection (negotiate, or a WebSocket with skipNegotiation); undefined when too many are pending. */
  create(init: {
    negotiateVersion: number;
    statefulNegotiated: boolean;
    authenticated: boolean;
  }): Connection | undefined {
    if (this.tokens.size - this.connections.size >= this.options.pendingConnectionsMax) return undefined;
    const connectionId = newId(16);
    // Version 0 has no separate token: the client connects with the connection id.
    const token = init.negotiateVersion >= 1 ? newId(32) : connectionId;
    const connection = new Connection(this, {
      connectionId,
      token,
      statefulNegotiated: init.statefulNegotiated,
      authenticated: init.authenticated,
      nowMs: Date.now(),
    });
    this.tokens.set(token, connection);
    return connection;
  }

  findByToken(token: string): Connection | undefined {
    return this.tokens.get(token);
  }

  /** The transport of a closed long-polling connection still holding output for its last poll. */
  findLingering(token: string): LongPollingTransport | undefined {
    return this.lingering.get(token)?.transport;
  }

  clientsFor(connection: Connection): HubClients {
    return createHubClients(this, connection);
  }

  activated(connection: Connection): void {
    this.connections.set(connection.connectionId, connection);
  }

  forget(connection: Connection): void {
    this.tokens.delete(connection.token);
    this.connections.delete(connection.connectionId);
    const transport = connection.transport;
    if (transport?.kind === 'LongPolling') {
      const polling = transport as LongPollingTransport;
      if (polling.hasUndeliveredData())
        this.lingering.set(connection.token, { transport: polling, sinceMs: Date.now() });
    }
  }

  sweep(nowMs: number): void {
    for (const connection of this.tokens.values()) connection.sweep(nowMs);
    for (const [token, entry] of this.lingering) {
      if (!entry.transport.hasUndeliveredData() || nowMs - entry.sinceMs >= this.options.disconnectTimeoutMs)
        this.lingering.delete(token);
    }
  }

  closeAll(options: { error?: string; allowReconnect?: boolean }): void {
    for (const connection of [...this.tokens.values()]) connection.close(options);
  }

  stats(): EndpointStats {
    let queuedMessages = 0;
    let bufferedBytes = 0;
    for (const connection of this.connections.values()) {
      queuedMessages += connection.outbox.queue.length;
      bufferedBytes += connection.transport?.bufferedBytes() ?? 0;
    }
    return { connections: this.connections.size, queuedMessages, bufferedBytes };
  }
}
