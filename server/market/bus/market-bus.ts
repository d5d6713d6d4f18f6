// The market bus: venues publish normalised events, consumers subscribe. Two implementations
// behind this one interface: in-process (the default; synchronous fan-out, the short path to the
// engine) and Redis Streams (with REDIS_URL; consumer groups so recorders and aggregators scale
// out across processes). `publish` never awaits: the venue's socket handler must not wait on a
// consumer.
import type { MarketEvent } from '../events';

export type MarketEventHandler = (event: MarketEvent) => void;

export interface SubscribeOptions {
  /**
   * A consumer for as long as one run lasts (a run's MarketBridge): it reads only what is
   * published from its start on, and leaves nothing behind. On Redis its group is created at
   * the stream's end and destroyed when it unsubscribes; in process this changes nothing.
   */
  live?: boolean;
}

export interface BusStats {
  published: number;
  delivered: number;
  /** Handler calls that threw: isolated and counted, the other consumers still get the event. */
  handlerErrors: number;
}

export interface MarketBus {
  publish(event: MarketEvent): void;
  /** `name` identifies the consumer (in logs and, on Redis, as the consumer group). */
  subscribe(name: string, handler: MarketEventHandler, options?: SubscribeOptions): () => void;
  stats(): BusStats;
  close(): Promise<void>;
}
