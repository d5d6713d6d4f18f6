// The per-connection bounds on pending invocations (count and bytes) and the dropping of queued
// calls when a connection closes, against a hub method that holds the queue for a set time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, parseFrames } from './testing/raw-client';
import type { RawSocket } from './testing/raw-client';
import { buildClient, startTestServer, waitFor } from './testing/test-server';
import type { TestServer } from './testing/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function calls(count: number, target: string, args: (index: number) => unknown[], firstId = 0): string {
  let text = '';
  for (let index = 0; index < count; index++)
    text +=
      JSON.stringify({ type: 1, invocationId: String(firstId + index), target, arguments: args(index) }) +
      '\u001e';
  return text;
}

function closeError(raw: RawSocket): string | undefined {
  const close = parseFrames(raw.frames, 'json').find((message) => message.type === 7);
  return (close as { error?: string } | undefined)?.error;
}

describe('pending invocations per connection', () => {
  it('closes the connection with the reason at 257 pending calls; the first 256 were accepted', async () => {
    const raw = await connectRaw(server.hubUrl, 'json');
    raw.socket.send(calls(256, 'wait', () => [50]));
    raw.socket.send(calls(1, 'wait', () => [0], 256));
    await raw.closed;
    expect(closeError(raw)).toBe(
      'Connection closed with an error. The client has 256 hub invocations waiting for their results, the most one connection may have; wait for results before sending more.',
    );
  });

  it('lets a client that awaits its calls go on far past the bound', async () => {
    const raw = await connectRaw(server.hubUrl, 'json');
    for (let round = 0; round < 5; round++) {
      raw.socket.send(calls(200, 'add', (index) => [index, 1], round * 200));
      await waitFor(
        () => parseFrames(raw.frames, 'json').filter((m) => m.type === 3).length === (round + 1) * 200,
        'answers',
      );
    }
    expect(closeError(raw)).toBeUndefined();
    raw.socket.close();
  });

  it('closes the connection when pending calls hold more than 16 MiB', async () => {
    const raw = await connectRaw(server.hubUrl, 'json');
    raw.socket.send(calls(1, 'wait', () => [3_000])); // holds the queue
    const padding = 'x'.repeat(900 * 1024);
    for (let frame = 0; frame < 10 && raw.socket.readyState === raw.socket.OPEN; frame++)
      raw.socket.send(calls(2, 'wait', () => [0, padding], 1 + frame * 2));
    await raw.closed;
    expect(closeError(raw)).toBe(
      'Connection closed with an error. The hub invocations waiting on this connection would hold more than 16777216 bytes, the most one connection may have; wait for results before sending more.',
    );
  });

  it('drops the calls still queued when the connection closes', async () => {
    const raw = await connectRaw(server.hubUrl, 'json');
    server.probe.received.length = 0;
    raw.socket.send(calls(1, 'wait', () => [200]) + calls(50, 'record', (index) => [index], 1));
    raw.socket.close(); // a clean close: the frame is delivered first
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.probe.received).toEqual([]);
  });

  it('runs queued calls that arrived before a clean client, as before', async () => {
    const client = buildClient(server.hubUrl);
    await client.start();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) => client.invoke('add', index, 1)),
    );
    expect(results[199]).toBe(200);
    await client.stop();
  });
});
