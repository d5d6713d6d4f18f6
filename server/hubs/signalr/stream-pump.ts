// Runs one server-to-client stream: items out as StreamItem, then one Completion. Cancellation
// answers at once, even while the producer is blocked inside an await.
import { streamError } from './error-messages';
import { MessageType } from './messages';
import { OutboundMessage } from './outbound-message';

export interface StreamSink {
  sendMessage(message: OutboundMessage, coalesceKey?: string): void;
  /** Resolves when the connection's queue has room again. */
  waitForRoom(): Promise<void>;
  hasRoom(): boolean;
}

export interface PumpOptions {
  invocationId: string;
  coalesce: boolean;
  detailedErrors: boolean;
  /** Applied to the error text sent to the client. */
  redactText(text: string): string;
  signal: AbortSignal;
  /** Stop quietly (no Completion): the connection is gone. */
  connectionSignal: AbortSignal;
  onError(error: unknown): void;
}

/**
 * Waits for `promise` or the abort, whichever comes first. The listener is removed every time:
 * racing against one long-lived promise would leak a reaction per item on an endless stream.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve('aborted');
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export async function pumpStream(
  source: AsyncIterable<unknown>,
  sink: StreamSink,
  options: PumpOptions,
): Promise<void> {
  const { invocationId, signal } = options;
  const coalesceKey = options.coalesce ? `stream:${invocationId}` : undefined;
  const iterator = source[Symbol.asyncIterator]();
  let error: string | undefined;
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), signal);
      if (next === 'aborted' || next.done === true) break;
      sink.sendMessage(
        new OutboundMessage({ type: MessageType.StreamItem, invocationId, item: next.value }),
        coalesceKey,
      );
      if (coalesceKey === undefined && !sink.hasRoom()) {
        if ((await raceAbort(sink.waitForRoom(), signal)) === 'aborted') break;
      }
    }
  } catch (caught) {
    options.onError(caught);
    error = options.redactText(streamError(caught, options.detailedErrors));
  }
  if (signal.aborted) {
    // Let the producer finish in the background; its own errors no longer matter to the client.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
  if (options.connectionSignal.aborted) return;
  sink.sendMessage(
    new OutboundMessage({
      type: MessageType.Completion,
      invocationId,
      ...(error === undefined ? {} : { error }),
    }),
  );
}
