// Turns pushed events (engine ticks, log records) into the AsyncIterable a hub stream returns.
// Bounded: when the consumer is slower than the producer the oldest items are dropped, so a
// capacity of 1 always hands out the newest. Ends when the invocation's signal aborts.

export interface StreamSink<T> {
  push(item: T): void;
  /** End the stream; with an error, the stream's consumer sees it thrown. */
  end(error?: Error): void;
}

export interface PushStreamOptions {
  signal: AbortSignal;
  /** Items held for a slow consumer before the oldest is dropped. */
  capacity: number;
}

/**
 * `start` runs when iteration begins and may return a cleanup, which runs exactly once when
 * the stream ends for any reason (end(), abort, or the consumer stopping early).
 */
export async function* pushStream<T>(
  options: PushStreamOptions,
  start: (sink: StreamSink<T>) => (() => void) | void,
): AsyncGenerator<T, void, undefined> {
  const { signal, capacity } = options;
  if (capacity < 1) throw new Error(`pushStream: capacity must be at least 1, got ${capacity}`);
  const buffer: T[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const sink: StreamSink<T> = {
    push(item) {
      if (ended) return;
      if (buffer.length >= capacity) buffer.shift();
      buffer.push(item);
      notify();
    },
    end(error) {
      if (ended) return;
      ended = true;
      failure = error ?? null;
      notify();
    },
  };
  const onAbort = (): void => sink.end();
  signal.addEventListener('abort', onAbort);
  let cleanup: (() => void) | void = undefined;
  try {
    if (signal.aborted) return;
    cleanup = start(sink);
    for (;;) {
      if (signal.aborted) return;
      if (buffer.length > 0) {
        yield buffer.shift() as T;
        continue;
      }
      if (ended) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    cleanup?.();
  }
}
