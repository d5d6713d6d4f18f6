// Server options, their defaults (ASP.NET Core's where it has one) and their checks.
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { TransportKind } from './transports/transport';

export interface SignalRServerOptions {
  logger?: Logger;
  /** The http layer sets it when not listening on loopback. */
  requireAuth?: boolean;
  validateToken?(token: string): boolean;
  /** Ping when nothing was sent for this long. */
  keepAliveIntervalMs?: number;
  /** Drop a client when nothing was received for this long. */
  clientTimeoutMs?: number;
  /** Per connection, messages not yet written (coalesced stream items count once). */
  outboundQueueMax?: number;
  statefulReconnectBufferBytes?: number;
  /** Show non-HubError exception messages in Completion errors. */
  detailedErrors?: boolean;
  // Additions beyond the shared API doc:
  handshakeTimeoutMs?: number;
  /** Stateful reattach window, unused negotiations and idle long polling are reaped after this. */
  disconnectTimeoutMs?: number;
  /** A held poll is answered empty after this (must stay below the client's 100 s). */
  longPollTimeoutMs?: number;
  /** Largest single hub message accepted from a client. */
  receiveMessageBytesMax?: number;
  /** Transports offered in negotiate, in the client's preference order. */
  transports?: TransportKind[];
  /**
   * Host names the server answers to besides localhost, 127.0.0.0/8 and [::1] on the port a
   * request arrived on: `name` (any port) or `name:port`. Checked on every request and upgrade.
   */
  allowedHosts?: string[];
  /** Browser origins allowed besides those on an allowed host, written exactly (CORS and WebSocket). */
  allowedOrigins?: string[];
  /** Offer stateful reconnect to clients that ask for it. */
  statefulReconnect?: boolean;
  pendingConnectionsMax?: number;
  /**
   * Invocations of one connection waiting for or running in its queue. One more closes the
   * connection with a Close message saying why (a client that awaits its calls never comes near).
   */
  pendingInvocationsMax?: number;
  /** Encoded bytes of those pending invocations; past it the connection is closed likewise. */
  pendingInvocationBytesMax?: number;
  /** Applied to every error text sent to a client (e.g. to take server paths out). */
  redactText?: (text: string) => string;
  streamsPerConnectionMax?: number;
  uploadItemsMax?: number;
  groupsPerConnectionMax?: number;
  /** A WebSocket/SSE stream with this much unsent output takes no more until it drains. */
  sendHighWaterMarkBytes?: number;
  /** Queued messages are joined into writes of about this size. */
  writeBytesMax?: number;
  /** How long after receiving numbered messages the server acks them. */
  ackIntervalMs?: number;
}

export type ResolvedOptions = Required<
  Omit<SignalRServerOptions, 'validateToken' | 'allowedOrigins' | 'allowedHosts'>
> & {
  validateToken: ((token: string) => boolean) | undefined;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
};

export function resolveOptions(options: SignalRServerOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    logger: options.logger ?? pino({ name: 'signalr' }),
    requireAuth: options.requireAuth ?? false,
    validateToken: options.validateToken,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? 15_000,
    clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    outboundQueueMax: options.outboundQueueMax ?? 5_000,
    statefulReconnectBufferBytes: options.statefulReconnectBufferBytes ?? 100_000,
    detailedErrors: options.detailedErrors ?? false,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    disconnectTimeoutMs: options.disconnectTimeoutMs ?? 15_000,
    longPollTimeoutMs: options.longPollTimeoutMs ?? 90_000,
    receiveMessageBytesMax: options.receiveMessageBytesMax ?? 1024 * 1024,
    transports: options.transports ?? ['WebSockets', 'ServerSentEvents', 'LongPolling'],
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    statefulReconnect: options.statefulReconnect ?? true,
    pendingConnectionsMax: options.pendingConnectionsMax ?? 10_000,
    pendingInvocationsMax: options.pendingInvocationsMax ?? 256,
    pendingInvocationBytesMax: options.pendingInvocationBytesMax ?? 16 * 1024 * 1024,
    redactText: options.redactText ?? ((text: string) => text),
    streamsPerConnectionMax: options.streamsPerConnectionMax ?? 64,
    uploadItemsMax: options.uploadItemsMax ?? 1_000,
    groupsPerConnectionMax: options.groupsPerConnectionMax ?? 1_000,
    sendHighWaterMarkBytes: options.sendHighWaterMarkBytes ?? 256 * 1024,
    writeBytesMax: options.writeBytesMax ?? 64 * 1024,
    ackIntervalMs: options.ackIntervalMs ?? 1_000,
  };
  if (resolved.requireAuth && resolved.validateToken === undefined) {
    throw new Error('SignalRServer: requireAuth needs a validateToken function');
  }
  for (const key of [
    'keepAliveIntervalMs',
    'clientTimeoutMs',
    'outboundQueueMax',
    'handshakeTimeoutMs',
    'disconnectTimeoutMs',
    'pendingInvocationsMax',
    'pendingInvocationBytesMax',
  ] as const) {
    if (!(resolved[key] > 0)) throw new Error(`SignalRServer: ${key} must be positive, got ${resolved[key]}`);
  }
  if (resolved.keepAliveIntervalMs >= resolved.clientTimeoutMs) {
    resolved.logger.warn(
      { keepAliveIntervalMs: resolved.keepAliveIntervalMs, clientTimeoutMs: resolved.clientTimeoutMs },
      'keep-alive interval should be well under the client timeout (clients use 30 s by default)',
    );
  }
  return resolved;
}
