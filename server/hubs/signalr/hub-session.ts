// A connection after its handshake: hub messages in (with stateful-reconnect numbering and
// Acks), the hub's onConnected/onDisconnected, and the dispatcher running its calls.
import type { Logger } from 'pino';
import { createConnectionContext } from './connection-context';
import type { ContextSubject } from './connection-context';
import type { ConnectionHost } from './connection-host';
import type { ConnectionContext } from './define-hub';
import { HubDispatcher } from './hub-dispatcher';
import type { HubProtocol } from './hub-protocol';
import { InvalidDataError, isTrackable, MessageType } from './messages';
import type { HubMessage } from './messages';
import { OutboundMessage } from './outbound-message';
import type { StatefulBuffer } from './stateful-buffer';
import type { StreamSink } from './stream-pump';

/** What a session needs from its connection. */
export interface SessionOwner extends ContextSubject, StreamSink {
  isActive(): boolean;
  close(options: { error?: string; allowReconnect?: boolean }, cause?: Error): void;
  /** The client sent Close: end without answering. */
  closedByClient(error?: Error): void;
  /** Flush soon (an Ack made room in the stateful buffer). */
  wake(): void;
}

export class HubSession<C extends SessionOwner> {
  readonly context: ConnectionContext;
  private readonly connected: Promise<void>;
  private readonly dispatcher: HubDispatcher;
  private ackTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly owner: C,
    private readonly host: ConnectionHost<C>,
    readonly protocol: HubProtocol,
    readonly stateful: StatefulBuffer | undefined,
    private readonly logger: Logger,
  ) {
    this.context = createConnectionContext(owner, host);
    host.activated(owner);
    const context = this.context;
    this.connected = Promise.resolve()
      .then(() => host.hub.onConnected?.(context))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'onConnected threw; closing the connection');
        owner.close(
          { error: 'Connection closed with an error.' },
          error instanceof Error ? error : new Error(String(error)),
        );
      });
    const { options } = host;
    this.dispatcher = new HubDispatcher(
      owner,
      host.hub,
      context,
      {
        detailedErrors: options.detailedErrors,
        streamsPerConnectionMax: options.streamsPerConnectionMax,
        uploadItemsMax: options.uploadItemsMax,
        pendingInvocationsMax: options.pendingInvocationsMax,
        pendingInvocationBytesMax: options.pendingInvocationBytesMax,
        redactText: options.redactText,
        overloaded: (reason) => {
          logger.warn({ reason }, 'closing a connection over its invocation limit');
          owner.close({ error: `Connection closed with an error. ${reason}` });
        },
      },
      logger,
      this.connected,
    );
  }

  /** Bytes after the handshake: one WebSocket message or POST body of whole messages. */
  receive(data: Buffer): void {
    let messages: HubMessage[];
    const sizes: number[] = [];
    try {
      messages = this.protocol.parse(data, sizes);
    } catch (error) {
      const reason = error instanceof InvalidDataError ? error.message : `Unreadable input: ${String(error)}`;
      this.logger.warn({ reason }, 'malformed input; closing the connection');
      this.owner.close({ error: `Connection closed with an error. InvalidDataException: ${reason}` });
      return;
    }
    for (let index = 0; index < messages.length; index++) {
      if (!this.owner.isActive()) return;
      this.handle(messages[index], sizes[index]);
    }
  }

  /** The connection ended: stop every call, then tell the hub (after onConnected finished). */
  dispose(error: Error | undefined): void {
    clearTimeout(this.ackTimer);
    this.dispatcher.dispose();
    const { hub } = this.host;
    const context = this.context;
    void this.connected
      .then(() => hub.onDisconnected?.(context, error))
      .catch((failure: unknown) => this.logger.error({ err: failure }, 'onDisconnected threw'));
  }

  private handle(message: HubMessage, bytes: number): void {
    const { stateful } = this;
    const trackable = isTrackable(message.type);
    if (stateful !== undefined) {
      const accepted = stateful.acceptInbound(trackable, message.type === MessageType.Sequence);
      if (trackable) this.scheduleAck(); // duplicates too: the client waits for an Ack to free its buffer
      if (!accepted) return;
    }
    switch (message.type) {
      case MessageType.Ping:
        return;
      case MessageType.Close:
        this.logger.debug({ error: message.error }, 'client sent Close');
        return this.owner.closedByClient(message.error === undefined ? undefined : new Error(message.error));
      case MessageType.Ack:
        stateful?.acknowledge(message.sequenceId);
        return this.owner.wake();
      case MessageType.Sequence:
        if (stateful !== undefined && !stateful.resetInbound(message.sequenceId)) {
          const reason = 'Sequence ID greater than amount of messages received.';
          return this.owner.close({
            error: `Connection closed with an error. InvalidDataException: ${reason}`,
          });
        }
        return this.scheduleAck();
      default:
        this.dispatcher.handle(message, bytes);
    }
  }

  private scheduleAck(): void {
    if (this.ackTimer !== undefined) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      if (!this.owner.isActive()) return; // detached: the Sequence after the reattach schedules one
      const sequenceId = this.stateful?.takeAck();
      if (sequenceId !== undefined)
        this.owner.sendMessage(new OutboundMessage({ type: MessageType.Ack, sequenceId }));
    }, this.host.options.ackIntervalMs);
    this.ackTimer.unref();
  }
}
