// One logical SignalR connection: negotiated, then bound to a transport, handshake, hub messages
// in and out, keep-alive, and (WebSockets with stateful reconnect) surviving a dropped socket.
import type { Logger } from 'pino';
import type { ConnectionHost } from './connection-host';
import { handshakeError, handshakeSuccess, readHandshake } from './handshake';
import type { HubProtocol } from './hub-protocol';
import { livenessAction } from './liveness';
import type { ConnectionState } from './liveness';
import { HubSession } from './hub-session';
import type { SessionOwner } from './hub-session';
import { MessageType } from './messages';
import { MessageSpan } from './message-span';
import { OutboundMessage } from './outbound-message';
import { Outbox } from './outbox';
import { StatefulBuffer } from './stateful-buffer';
import type { LongPollingTransport } from './transports/long-polling';
import { transportFormats } from './transports/transport';
import type { Transport, TransportEvents, TransportKind } from './transports/transport';

export type { ConnectionState } from './liveness';

export interface ConnectionInit {
  connectionId: string;
  token: string;
  /** Negotiate asked for stateful reconnect and the server agreed. */
  statefulNegotiated: boolean;
  authenticated: boolean;
  nowMs: number;
}

const pingMessage = new OutboundMessage({ type: MessageType.Ping });

export class Connection implements TransportEvents, SessionOwner {
  readonly connectionId: string;
  readonly token: string;
  readonly authenticated: boolean;
  state: ConnectionState = 'negotiated';
  transportKind: TransportKind | undefined;
  protocol: HubProtocol | undefined;
  readonly outbox: Outbox;
  private readonly statefulNegotiated: boolean;
  private stateful: StatefulBuffer | undefined;
  private handshakeBytes: Buffer | undefined;
  private session: HubSession<Connection> | undefined;
  private readonly createdAtMs: number;
  private stateSinceMs: number;
  private lastReceivedAtMs: number;
  private readonly logger: Logger;

  constructor(
    private readonly host: ConnectionHost<Connection>,
    init: ConnectionInit,
  ) {
    this.connectionId = init.connectionId;
    this.token = init.token;
    this.authenticated = init.authenticated;
    this.statefulNegotiated = init.statefulNegotiated;
    this.createdAtMs = this.stateSinceMs = this.lastReceivedAtMs = init.nowMs;
    this.outbox = new Outbox(host.options.outboundQueueMax, host.options.writeBytesMax, init.nowMs);
    this.logger = host.logger.child({ connectionId: init.connectionId });
  }

  get transport(): Transport | undefined {
    return this.outbox.transport;
  }

  /** A socket may replace this connection's socket (stateful reconnect reattach). */
  canReattach(): boolean {
    return this.stateful !== undefined && (this.state === 'active' || this.state === 'detached');
  }

  /** Binds the first transport; the handshake comes next. */
  attach(transport: Transport, nowMs: number): void {
    this.transportKind = transport.kind;
    this.outbox.transport = transport;
    this.state = 'handshaking';
    this.stateSinceMs = this.lastReceivedAtMs = nowMs;
    this.logger.debug({ transport: transport.kind }, 'transport connected');
  }

  /** A new WebSocket for a stateful connection: Sequence, replay of unacked output, then the queue. */
  reattach(transport: Transport, nowMs: number): void {
    const stateful = this.stateful;
    const protocol = this.protocol;
    if (stateful === undefined || protocol === undefined)
      throw new Error('reattach: connection is not stateful');
    const previous = this.outbox.transport;
    this.outbox.transport = transport;
    previous?.abort();
    stateful.detached();
    this.state = 'active';
    this.stateSinceMs = this.lastReceivedAtMs = nowMs;
    const replay = stateful.replay();
    const sequence = protocol.write({ type: MessageType.Sequence, sequenceId: replay.sequenceId });
    this.outbox.writeNow(Buffer.concat([sequence, ...replay.chunks]), nowMs);
    this.host.scheduler.mark(this);
    this.logger.debug(
      { sequenceId: replay.sequenceId, replayed: replay.chunks.length },
      'transport reattached',
    );
  }

  received(data: Buffer): void {
    if (this.state === 'closed') return;
    this.lastReceivedAtMs = Date.now();
    if (this.state === 'handshaking') this.readHandshake(data);
    else if (this.state === 'active') this.session?.receive(data);
  }

  writable(): void {
    if (this.state !== 'closed') this.host.scheduler.mark(this);
  }

  closed(error?: Error): void {
    if (this.state === 'closed') return;
    this.outbox.transport = undefined;
    if (this.stateful !== undefined && this.state === 'active') {
      this.state = 'detached';
      this.stateSinceMs = Date.now();
      this.stateful.detached();
      this.logger.debug('transport dropped; waiting for the client to reattach');
      return;
    }
    this.dispose(error);
  }

  /** Queues a message (Ping, Close and Ack included) for the next flush. */
  sendMessage(message: OutboundMessage, coalesceKey?: string): void {
    if ((this.state !== 'active' && this.state !== 'detached') || this.protocol === undefined) return;
    // Coalesce only while the client lags: a client keeping up gets every item.
    const lagging = coalesceKey !== undefined && this.outbox.transport?.canWrite() !== true;
    if (
      !this.outbox.queue.push(
        message.bytesFor(this.protocol),
        message.trackable,
        lagging ? coalesceKey : undefined,
      )
    ) {
      const limit = this.host.options.outboundQueueMax;
      this.logger.warn({ limit }, 'outbound queue full: closing a client that does not keep up');
      this.close({
        error: `Connection closed: the client did not keep up (more than ${limit} queued messages).`,
        allowReconnect: true,
      });
      return;
    }
    this.host.scheduler.mark(this);
  }

  hasRoom(): boolean {
    return this.outbox.hasRoom();
  }

  waitForRoom(): Promise<void> {
    return this.outbox.waitForRoom();
  }

  flush(nowMs: number): void {
    if (this.state === 'active') this.outbox.flush(nowMs);
  }

  /** Sends Close (after anything queued) and ends the connection. */
  close(options: { error?: string; allowReconnect?: boolean } = {}, cause?: Error): void {
    if (this.state === 'closed') return;
    const protocol = this.protocol;
    const closeBytes =
      protocol !== undefined && (this.state === 'active' || this.state === 'detached')
        ? protocol.write({
            type: MessageType.Close,
            error: options.error,
            allowReconnect: options.allowReconnect,
          })
        : undefined;
    this.finish(closeBytes, cause ?? (options.error === undefined ? undefined : new Error(options.error)));
  }

  /** The client ended the connection (long-polling DELETE): no Close message, queued output dropped. */
  end(): void {
    if (this.state === 'closed') return;
    this.outbox.transport?.end(undefined, false);
    this.dispose();
  }

  /** Called about once a second: keep-alive pings, timeouts, reaping. */
  sweep(nowMs: number): void {
    const { options } = this.host;
    const action = livenessAction(
      {
        state: this.state,
        nowMs,
        createdAtMs: this.createdAtMs,
        stateSinceMs: this.stateSinceMs,
        lastReceivedAtMs: this.lastReceivedAtMs,
        lastWriteAtMs: this.outbox.lastWriteAtMs,
        queueEmpty: this.outbox.queue.length === 0,
        longPolling: this.transportKind === 'LongPolling',
      },
      options,
    );
    switch (action) {
      case 'ping':
        return this.sendMessage(pingMessage);
      case 'client-timeout':
        this.logger.debug('client timeout');
        return this.close({
          error: `Client timeout: nothing received for ${options.clientTimeoutMs} ms.`,
          allowReconnect: true,
        });
      case 'expire-negotiation':
        return this.dispose();
      case 'cancel-handshake':
        return this.finish(handshakeError('Handshake was canceled.'), new Error('handshake timed out'));
      case 'expire-detached':
        return this.dispose(new Error('the client did not reattach in time'));
      case 'sweep-long-polling': {
        const transport = this.outbox.transport as LongPollingTransport | undefined;
        if (transport?.sweep(nowMs, options.longPollTimeoutMs, options.disconnectTimeoutMs)) {
          this.dispose(new Error('the long-polling client stopped polling'));
        }
        return;
      }
      case 'none':
        return;
    }
  }

  isOpen(): boolean {
    return this.state !== 'closed';
  }

  isActive(): boolean {
    return this.state === 'active';
  }

  closedByClient(error?: Error): void {
    this.finish(undefined, error);
  }

  wake(): void {
    this.host.scheduler.mark(this);
  }

  private readHandshake(data: Buffer): void {
    const received = this.handshakeBytes === undefined ? data : Buffer.concat([this.handshakeBytes, data]);
    const outcome = readHandshake(received, transportFormats[this.transportKind ?? 'WebSockets']);
    if (outcome.kind === 'incomplete') {
      this.handshakeBytes = received;
      return;
    }
    this.handshakeBytes = undefined;
    if (outcome.kind === 'refused') {
      this.logger.debug({ error: outcome.error }, 'handshake refused');
      this.finish(handshakeError(outcome.error), new Error(outcome.error));
      return;
    }
    const { options } = this.host;
    const protocol = this.host.protocols[outcome.protocol];
    this.protocol = protocol;
    this.outbox.binary = protocol.transferFormat === 'Binary';
    if (this.statefulNegotiated && outcome.version >= 2 && this.transportKind === 'WebSockets') {
      this.stateful = this.outbox.stateful = new StatefulBuffer(options.statefulReconnectBufferBytes);
    }
    this.state = 'active';
    // The answer leaves in its own write: the client only starts numbering messages after it.
    this.outbox.queue.push(MessageSpan.of(handshakeSuccess), false);
    this.outbox.flush(Date.now());
    const session = new HubSession(this, this.host, protocol, this.stateful, this.logger);
    this.session = session;
    this.logger.debug(
      { protocol: protocol.name, version: outcome.version, stateful: this.stateful !== undefined },
      'handshake complete',
    );
    if (outcome.rest.length > 0) session.receive(outcome.rest);
  }

  /** Ends the transport after whatever is queued plus `finalData`, then disposes. */
  private finish(finalData: Buffer | undefined, error: Error | undefined): void {
    const transport = this.outbox.transport;
    if (transport !== undefined) {
      const pending = this.state === 'active' ? this.outbox.queue.takeAll() : [];
      if (finalData !== undefined) pending.push(finalData);
      transport.end(
        pending.length > 0 ? Buffer.concat(pending) : undefined,
        this.state === 'handshaking' ? false : this.outbox.binary,
      );
    }
    this.dispose(error);
  }

  private dispose(error?: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.outbox.releaseWaiters();
    this.host.groups.removeAll(this);
    this.host.forget(this);
    this.logger.debug({ reason: error?.message }, 'connection closed');
    this.session?.dispose(error);
  }
}
