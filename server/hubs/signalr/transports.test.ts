// The official @microsoft/signalr client over every transport and protocol it allows.
import { HttpTransportType, Subject } from '@microsoft/signalr';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClient,
  clientTransportName,
  startTestServer,
  transportMatrix,
  waitFor,
} from './testing/test-server';
import type { TestServer } from './testing/test-server';

let server: TestServer;

const clientTransportClass: Record<number, string> = {
  [HttpTransportType.WebSockets]: 'WebSocketTransport',
  [HttpTransportType.ServerSentEvents]: 'ServerSentEventsTransport',
  [HttpTransportType.LongPolling]: 'LongPollingTransport',
};

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

function collectStream(client: HubConnection, method: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const items: unknown[] = [];
    client
      .stream(method, ...args)
      .subscribe({ next: (item) => items.push(item), complete: () => resolve(items), error: reject });
  });
}

describe.each(transportMatrix)('$name', ({ transport, protocol }) => {
  let client: HubConnection;

  beforeAll(async () => {
    client = buildClient(server.hubUrl, { transport, protocol });
    await client.start();
  });

  afterAll(async () => {
    await client.stop();
  });

  it('invokes methods with results, null results and void results', async () => {
    expect(client.connectionId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(clientTransportName(client)).toBe(clientTransportClass[transport]);
    expect(await client.invoke('add', 40, 2)).toBe(42);
    expect(await client.invoke('echo', { nested: ['a', 1, true, null] })).toEqual({
      nested: ['a', 1, true, null],
    });
    expect(await client.invoke('echo', 0)).toBe(0);
    expect(await client.invoke('nullResult')).toBeNull();
    expect(await client.invoke('nothing')).toBeUndefined();
  });

  it('matches method names case-insensitively', async () => {
    expect(await client.invoke('ADD', 1, 2)).toBe(3);
    expect(await client.invoke('Echo', 'x')).toBe('x');
  });

  it('answers an unknown method and bad arguments with Completion errors naming the method and argument', async () => {
    await expect(client.invoke('noSuchMethod')).rejects.toThrow("Unknown hub method 'noSuchMethod'");
    await expect(client.invoke('add', 1, 'two')).rejects.toThrow(
      'InvalidDataException: argument 2 must be a number, got "two".',
    );
    await expect(client.invoke('add', 1)).rejects.toThrow(
      'Invocation provides 1 argument(s) but target expects 2.',
    );
    await expect(client.invoke('refuse', 'not today')).rejects.toThrow(
      "An unexpected error occurred invoking 'refuse' on the server. HubException: not today",
    );
    const crash = client.invoke('crash');
    await expect(crash).rejects.toThrow("An unexpected error occurred invoking 'crash' on the server.");
    await expect(crash).rejects.not.toThrow(/secret internals/);
    // The connection survives all of them.
    expect(await client.invoke('add', 2, 2)).toBe(4);
  });

  it('runs send() without answering it, in order with several messages per frame', async () => {
    const before = server.probe.received.length;
    // Un-awaited sends are batched by the client into one frame / POST body.
    const sends = [1, 2, 3, 4, 5].map((value) => client.send('record', value));
    await Promise.all(sends);
    expect(await client.invoke('add', 0, 0)).toBe(0);
    expect(server.probe.received.slice(before)).toEqual([1, 2, 3, 4, 5]);
  });

  it('delivers server-to-client calls, several per frame', async () => {
    const pushed: number[] = [];
    client.on('pushed', (index: number) => pushed.push(index));
    expect(await client.invoke('pushToCaller', 50)).toBe(50);
    await waitFor(() => pushed.length === 50, 'pushed messages');
    expect(pushed).toEqual(Array.from({ length: 50 }, (_, index) => index));
    client.off('pushed');
  });

  it('streams from the server and reports stream errors after the items', async () => {
    expect(await collectStream(client, 'counter', 10, 5, 0)).toEqual([10, 11, 12, 13, 14]);
    const items: unknown[] = [];
    const failure = await new Promise<Error>((resolve) => {
      client.stream('failingStream').subscribe({
        next: (item) => items.push(item),
        complete: () => resolve(new Error('completed')),
        error: resolve,
      });
    });
    expect(items).toEqual([1]);
    expect(failure.message).toContain(
      'An error occurred on the server while streaming results. HubException: stream broke',
    );
    await expect(collectStream(client, 'add', 1, 2)).rejects.toThrow(
      "The client attempted to invoke the non-streaming 'add' method with a streaming invocation.",
    );
    await expect(client.invoke('counter', 1, 1, 0)).rejects.toThrow(
      "The client attempted to invoke the streaming 'counter' method with a non-streaming invocation.",
    );
  });

  it('cancels a server stream: the hub sees its signal abort', async () => {
    const start = 1000 + Math.floor(Math.random() * 1_000_000);
    const received: number[] = [];
    const subscription = client.stream('counter', start, 1_000_000, 5).subscribe({
      next: (item: number) => received.push(item),
      complete: () => undefined,
      error: () => undefined,
    });
    await waitFor(() => received.length >= 3, 'first stream items');
    subscription.dispose();
    await waitFor(() => server.probe.cancelled.includes(start), 'the hub to see the cancellation');
    expect(await client.invoke('add', 1, 1)).toBe(2);
  });

  it('sums a client-to-server stream', async () => {
    const subject = new Subject<number>();
    const result = client.invoke('uploadSum', 100, subject);
    for (const value of [1, 2, 3]) subject.next(value);
    subject.complete();
    expect(await result).toBe(106);
  });

  it('fails a client stream with a bad item, naming the argument', async () => {
    const subject = new Subject<unknown>();
    const result = client.invoke('uploadSum', 0, subject);
    subject.next('not a number');
    subject.complete();
    await expect(result).rejects.toThrow("HubException: Invalid stream item for argument 1 of 'uploadSum'");
  });

  it('round-trips a Float64Array payload', async () => {
    const result: unknown = await client.invoke('floats', 4);
    if (protocol === 'messagepack') {
      expect(result).toBeInstanceOf(Uint8Array);
      const bytes = result as Uint8Array;
      const values = new Float64Array(bytes.slice().buffer);
      expect(values[0]).toBe(0.5);
      expect(values[1]).toBeNaN();
      expect([...values.slice(2)]).toEqual([2.5, 3.5]);
      // And the client's own Float64Array reaches the hub as bin and comes back as such.
      const echoed = (await client.invoke('echo', new Float64Array([1.25, -2]))) as Uint8Array;
      expect([...new Float64Array(echoed.slice().buffer)]).toEqual([1.25, -2]);
    } else {
      expect(result).toEqual([0.5, null, 2.5, 3.5]);
    }
  });
});

describe('groups', () => {
  it('sends to a group, to others in it, and stops after leaving', async () => {
    const [alice, bob] = [
      buildClient(server.hubUrl, { protocol: 'messagepack' }),
      buildClient(server.hubUrl),
    ];
    await Promise.all([alice.start(), bob.start()]);
    const heard = { alice: [] as string[], bob: [] as string[] };
    alice.on('told', (_group: string, text: string) => heard.alice.push(text));
    bob.on('told', (_group: string, text: string) => heard.bob.push(text));
    await alice.invoke('joinGroup', 'desk');
    await bob.invoke('joinGroup', 'desk');
    await alice.invoke('tellGroup', 'desk', 'one');
    await alice.invoke('tellOthersInGroup', 'desk', 'two');
    await waitFor(() => heard.alice.length === 1 && heard.bob.length === 2, 'group messages');
    await bob.invoke('leaveGroup', 'desk');
    await alice.invoke('tellGroup', 'desk', 'three');
    await waitFor(() => heard.alice.length === 2, 'the last group message');
    expect(heard).toEqual({ alice: ['one', 'three'], bob: ['one', 'two'] });
    server.signalr.clients('/hubs/test').all.send('told', '*', 'everyone');
    await waitFor(() => heard.alice.length === 3 && heard.bob.length === 3, 'a broadcast from outside');
    await Promise.all([alice.stop(), bob.stop()]);
  });
});
