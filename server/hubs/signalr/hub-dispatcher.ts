// Runs a connection's hub calls. Plain invocations run one at a time in arrival order (ASP.NET
// Core's default of one parallel invocation per client); streams, once started, run concurrently,
// and calls with upload streams run beside the queue so their items can keep flowing. The queue
// is bounded (count and bytes): a client past either bound is closed with the reason, and when a
// connection closes, calls still waiting in its queue are dropped, never run.
import type { Logger } from 'pino';
import type { ConnectionContext, HubDefinition, HubMethod, InvocationContext } from './define-hub';
import { invocationError, streamingMismatch, unknownMethod } from './error-messages';
import { HubError } from './hub-error';
import { bindArguments, checkStreamCount } from './invocation-args';
import { MessageType } from './messages';
import type { CompletionMessage, HubMessage, InvocationMessage, StreamInvocationMessage } from './messages';
import { OutboundMessage } from './outbound-message';
import { pumpStream } from './stream-pump';
import type { StreamSink } from './stream-pump';
import { UploadChannel } from './upload-channel';

export interface DispatchOptions {
  detailedErrors: boolean;
  streamsPerConnectionMax: number;
  uploadItemsMax: number;
  pendingInvocationsMax: number;
  pendingInvocationBytesMax: number;
  redactText(text: string): string;
  /** The client went over a limit: the owner closes the connection, sending `reason`. */
  overloaded(reason: string): void;
}

type Entry = { name: string; method: HubMethod };

export class HubDispatcher {
  private chain: Promise<void>;
  private readonly streams = new Map<string, AbortController>();
  private readonly uploads = new Map<string, UploadChannel>();
  private readonly lifetime = new AbortController();
  /** Invocations queued or running, and their encoded bytes. */
  private pendingInvocations = 0;
  private pendingBytes = 0;

  constructor(
    private readonly sink: StreamSink,
    private readonly hub: HubDefinition,
    private readonly context: ConnectionContext,
    private readonly options: DispatchOptions,
    private readonly logger: Logger,
    /** Calls wait for this (the hub's onConnected). */
    ready: Promise<void>,
  ) {
    this.chain = ready;
  }

  /** `bytes`: the message's encoded size, charged while it waits and runs. */
  handle(message: HubMessage, bytes = 0): void {
    switch (message.type) {
      case MessageType.Invocation:
        this.invoke(message, bytes);
        break;
      case MessageType.StreamInvocation:
        this.startStream(message);
        break;
      case MessageType.StreamItem: {
        const channel = this.uploads.get(message.invocationId);
        if (channel !== undefined) channel.push(message.item);
        else
          this.logger.debug(
            { streamId: message.invocationId },
            'stream item for an unknown client stream ignored',
          );
        break;
      }
      case MessageType.Completion: {
        const channel = this.uploads.get(message.invocationId);
        this.uploads.delete(message.invocationId);
        if (channel !== undefined) channel.complete(message.error);
        else
          this.logger.debug({ invocationId: message.invocationId }, 'completion for an unknown id ignored');
        break;
      }
      case MessageType.CancelInvocation:
        this.streams.get(message.invocationId)?.abort();
        break;
      default:
        break;
    }
  }

  /** The connection is gone: abort every call and stream, end every upload. */
  dispose(): void {
    this.lifetime.abort();
    for (const controller of this.streams.values()) controller.abort();
    for (const channel of this.uploads.values()) channel.complete('The connection closed.');
    this.streams.clear();
    this.uploads.clear();
  }

  private lookup(target: string, invocationId: string | undefined, wantStream: boolean): Entry | undefined {
    const entry = this.hub.methods.get(target.toLowerCase());
    if (entry === undefined) {
      this.logger.debug({ target }, 'unknown hub method');
      if (invocationId !== undefined) this.complete(invocationId, { error: unknownMethod(target) });
      return undefined;
    }
    if ((entry.method.kind === 'stream') !== wantStream) {
      if (invocationId !== undefined)
        this.complete(invocationId, { error: streamingMismatch(entry.name, !wantStream) });
      return undefined;
    }
    return entry;
  }

  private openUploads(
    entry: Entry,
    streamIds: string[] | undefined,
    invocationId: string | undefined,
  ): UploadChannel[] | undefined {
    const ids = streamIds ?? [];
    const countError = checkStreamCount(entry.name, entry.method, ids.length);
    if (countError !== undefined) {
      if (invocationId !== undefined) this.complete(invocationId, { error: countError });
      return undefined;
    }
    return ids.map((streamId, index) => {
      const upload = entry.method.uploads[index];
      const channel = new UploadChannel(
        streamId,
        upload.item,
        `argument ${upload.index} of '${entry.name}'`,
        this.options.uploadItemsMax,
      );
      this.uploads.get(streamId)?.complete('Stream id reused.');
      this.uploads.set(streamId, channel);
      return channel;
    });
  }

  private closeUploads(channels: UploadChannel[]): void {
    for (const channel of channels) {
      if (this.uploads.get(channel.streamId) === channel) this.uploads.delete(channel.streamId);
      channel.complete();
    }
  }

  private invoke(message: InvocationMessage, bytes: number): void {
    const entry = this.lookup(message.target, message.invocationId, false);
    if (entry === undefined) return;
    if (!this.admit(bytes)) return;
    const channels = this.openUploads(entry, message.streamIds, message.invocationId);
    if (channels === undefined) return this.release(bytes);
    const run = () => this.runMethod(entry, message, channels).finally(() => this.release(bytes));
    if (channels.length > 0) void this.chain.then(run);
    else this.chain = this.chain.then(run);
  }

  /** Counts a call in, or tells the owner to close the connection when it is one too many. */
  private admit(bytes: number): boolean {
    const { pendingInvocationsMax, pendingInvocationBytesMax } = this.options;
    if (this.pendingInvocations >= pendingInvocationsMax) {
      this.options.overloaded(
        `The client has ${pendingInvocationsMax} hub invocations waiting for their results, the most one connection may have; wait for results before sending more.`,
      );
      return false;
    }
    if (this.pendingBytes + bytes > pendingInvocationBytesMax) {
      this.options.overloaded(
        `The hub invocations waiting on this connection would hold more than ${pendingInvocationBytesMax} bytes, the most one connection may have; wait for results before sending more.`,
      );
      return false;
    }
    this.pendingInvocations++;
    this.pendingBytes += bytes;
    return true;
  }

  private release(bytes: number): void {
    this.pendingInvocations--;
    this.pendingBytes -= bytes;
  }

  private async runMethod(
    entry: Entry,
    message: InvocationMessage,
    channels: UploadChannel[],
  ): Promise<void> {
    const { invocationId } = message;
    try {
      // the connection closed while this call waited in the queue: drop it
      if (this.lifetime.signal.aborted) return;
      const bound = bindArguments(entry.name, entry.method, message.arguments, channels);
      if (!bound.ok) {
        this.logger.debug({ target: entry.name, error: bound.error }, 'invalid hub method arguments');
        if (invocationId !== undefined) this.complete(invocationId, { error: bound.error });
        return;
      }
      const context: InvocationContext = { ...this.context, signal: this.lifetime.signal };
      const result = await entry.method.handler(context, ...bound.args);
      if (invocationId !== undefined) this.complete(invocationId, { result });
    } catch (error) {
      this.logFailure(entry.name, error);
      if (invocationId !== undefined)
        this.complete(invocationId, {
          error: invocationError(entry.name, error, this.options.detailedErrors),
        });
    } finally {
      this.closeUploads(channels);
    }
  }

  private startStream(message: StreamInvocationMessage): void {
    const { invocationId } = message;
    const entry = this.lookup(message.target, invocationId, true);
    if (entry === undefined) return;
    if (this.streams.has(invocationId)) {
      this.complete(invocationId, { error: `Invocation ID '${invocationId}' is already in use.` });
      return;
    }
    if (this.streams.size >= this.options.streamsPerConnectionMax) {
      this.complete(invocationId, {
        error: `A connection may run at most ${this.options.streamsPerConnectionMax} streams at once.`,
      });
      return;
    }
    const channels = this.openUploads(entry, message.streamIds, invocationId);
    if (channels === undefined) return;
    const controller = new AbortController();
    this.streams.set(invocationId, controller);
    const finish = () => {
      if (this.streams.get(invocationId) === controller) this.streams.delete(invocationId);
      controller.abort(); // "stream end" also aborts the handler's signal
      this.closeUploads(channels);
    };
    this.chain = this.chain.then(() => {
      const source = this.openStream(entry, message, channels, controller);
      if (source === undefined) return finish();
      void pumpStream(source, this.sink, {
        invocationId,
        coalesce: entry.method.coalesce,
        detailedErrors: this.options.detailedErrors,
        redactText: this.options.redactText,
        signal: AbortSignal.any([controller.signal, this.lifetime.signal]),
        connectionSignal: this.lifetime.signal,
        onError: (error) => this.logFailure(entry.name, error),
      }).finally(finish);
    });
  }

  /** Validates and calls a stream method; answers the client itself when that fails. */
  private openStream(
    entry: Entry,
    message: StreamInvocationMessage,
    channels: UploadChannel[],
    controller: AbortController,
  ): AsyncIterable<unknown> | undefined {
    const { invocationId } = message;
    if (this.lifetime.signal.aborted) return undefined;
    if (controller.signal.aborted) {
      this.complete(invocationId, {});
      return undefined;
    }
    const bound = bindArguments(entry.name, entry.method, message.arguments, channels);
    if (!bound.ok) {
      this.complete(invocationId, { error: bound.error });
      return undefined;
    }
    try {
      const context: InvocationContext = {
        ...this.context,
        signal: AbortSignal.any([controller.signal, this.lifetime.signal]),
      };
      const source = entry.method.handler(context, ...bound.args) as AsyncIterable<unknown>;
      if (typeof source?.[Symbol.asyncIterator] !== 'function')
        throw new Error(`stream method '${entry.name}' did not return an AsyncIterable`);
      return source;
    } catch (error) {
      this.logFailure(entry.name, error);
      this.complete(invocationId, { error: invocationError(entry.name, error, this.options.detailedErrors) });
      return undefined;
    }
  }

  private complete(invocationId: string, outcome: { result?: unknown; error?: string }): void {
    if (this.lifetime.signal.aborted) return;
    const completion: CompletionMessage =
      outcome.error === undefined
        ? { type: MessageType.Completion, invocationId, ...outcome }
        : { type: MessageType.Completion, invocationId, error: this.options.redactText(outcome.error) };
    try {
      this.sink.sendMessage(new OutboundMessage(completion));
    } catch (error) {
      // The result could not be encoded (a function, a cycle...): tell the client instead.
      this.logger.error({ err: error, invocationId }, 'hub method result could not be serialized');
      this.sink.sendMessage(
        new OutboundMessage({
          type: MessageType.Completion,
          invocationId,
          error: 'The server could not serialize the result of the invocation.',
        }),
      );
    }
  }

  private logFailure(method: string, error: unknown): void {
    if (error instanceof HubError)
      this.logger.debug({ method, error: error.message }, 'hub method refused the call');
    else this.logger.error({ err: error, method }, 'hub method threw');
  }
}
