import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import type { TradingFrame, TradingSnapshot } from '@patchdesk/modules/contracts/trading';
import { useGraphStore } from '../stores/graph-store';
import { useRunStore } from '../stores/run-store';
import { useTradingStore } from '../stores/trading-store';
import { catalogEntries, sampleDocument } from '../test-support/fixtures';
import { fill, frame, snapshot } from '../test-support/trading-fixtures';
import { TradingSession, paperRunKey } from './trading-session';

type Message = TradingSnapshot | TradingFrame;
interface Observer {
  next(message: Message): void;
  error(error: Error): void;
  complete(): void;
}

/** TradeHub as the session sees it: streams it opened, each with the observer to push into. */
function streamingHub() {
  const streams: { args: unknown[]; observer: Observer; disposed: boolean }[] = [];
  const hub = {
    isConnected: true,
    onConnected: (listener: () => void) => {
      listener();
      return () => undefined;
    },
    stream: (...args: unknown[]) => ({
      subscribe: (observer: Observer) => {
        const entry = { args, observer, disposed: false };
        streams.push(entry);
        return { dispose: () => (entry.disposed = true) };
      },
    }),
    invoke: async () => null,
  };
  return {
    streams,
    hubs: { trades: hub, risk: hub } as unknown as ConstructorParameters<typeof TradingSession>[0],
  };
}

function status(fields: Partial<RunStatus>): RunStatus {
  return {
    patchName: 'demo',
    state: 'running',
    reason: null,
    startedAtMs: 1,
    barsDelivered: 0,
    tick: { ticks: 0, meanTickMs: 0, maxTickMs: 0, overruns: 0, lastTickAtMs: 0 },
    mode: 'paper',
    ...fields,
  };
}

describe('trading session', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => {
    useGraphStore.getState().setCatalog(catalogEntries);
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'demo' });
    useRunStore.getState().setStatuses([]);
  });
  afterEach(() => {
    stop();
    useTradingStore.getState().clear();
  });

  it('keys a stream by the live paper run', () => {
    expect(paperRunKey(status({}))).toBe('demo@1');
    expect(paperRunKey(status({ mode: 'replay' }))).toBeNull();
    expect(paperRunKey(status({ mode: undefined }))).toBeNull();
    expect(paperRunKey(status({ state: 'stopped' }))).toBeNull();
    expect(paperRunKey(undefined)).toBeNull();
  });

  it('streams only a live paper run, keeps the last view after it stops, and starts over for a new run', () => {
    const { streams, hubs } = streamingHub();
    stop = new TradingSession(hubs, () => undefined).start();
    useRunStore.getState().setStatus(status({ mode: 'replay' }));
    expect(streams).toHaveLength(0);

    useRunStore.getState().setStatus(status({ startedAtMs: 10 }));
    expect(streams).toHaveLength(1);
    expect(streams[0].args).toEqual(['stream', 'demo']);
    streams[0].observer.next(snapshot());
    streams[0].observer.next(frame(120_000, { fills: [fill('f1')] }));
    expect(useTradingStore.getState().live).toBe(true);
    // A status refresh of the same run opens nothing new.
    useRunStore.getState().setStatus(status({ startedAtMs: 10, barsDelivered: 50 }));
    expect(streams).toHaveLength(1);

    useRunStore.getState().setStatus(status({ startedAtMs: 10, state: 'stopped' }));
    expect(streams[0].disposed).toBe(true);
    expect(useTradingStore.getState().live).toBe(false);
    expect(useTradingStore.getState().note).toBe('The paper run stopped.');
    expect(useTradingStore.getState().view!.fills).toHaveLength(1);

    useRunStore.getState().setStatus(status({ startedAtMs: 20 }));
    expect(streams).toHaveLength(2);
    streams[1].observer.next(snapshot({ timeMs: 60_000 }));
    expect(useTradingStore.getState().view!.fills).toHaveLength(0);
    // A late message of the first stream is not applied.
    streams[0].observer.next(frame(180_000, { fills: [fill('late')] }));
    expect(useTradingStore.getState().view!.fills).toHaveLength(0);
  });

  it('clears the view when another patch opens', () => {
    const { streams, hubs } = streamingHub();
    stop = new TradingSession(hubs, () => undefined).start();
    useRunStore.getState().setStatus(status({}));
    streams[0].observer.next(snapshot());
    useGraphStore.getState().loadDocument({ ...sampleDocument(1), name: 'other' });
    expect(streams[0].disposed).toBe(true);
    expect(useTradingStore.getState().view).toBeNull();
  });

  it('says when the stream ends with the run', () => {
    const { streams, hubs } = streamingHub();
    stop = new TradingSession(hubs, () => undefined).start();
    useRunStore.getState().setStatus(status({}));
    streams[0].observer.next(snapshot());
    streams[0].observer.complete();
    expect(useTradingStore.getState().live).toBe(false);
    expect(useTradingStore.getState().note).toBe('The paper run ended.');
  });
});
