// A client that stops reading: coalescing streams keep memory bounded and still deliver the
// newest frame; other clients are unaffected; non-coalescing output past the bound closes it.
import type { Socket } from 'node:net';
import { HttpTransportType } from '@microsoft/signalr';
import type { HubConnection } from '@microsoft/signalr';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildClient, startTestServer, testHubPath } from './testing/test-server';
import type { TestServer } from './testing/test-server';

const highWaterMarkBytes = 64 * 1024;
const writeBytesMax = 64 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    outboundQueueMax: 50,
    sendHighWaterMarkBytes: highWaterMarkBytes,
    writeBytesMax,
  });
});

afterAll(async () => {
  await server.close();
});

/** A client whose socket we can pause, as a browser tab that stopped reading would. */
async function pausableClient(): Promise<{ client: HubConnection; socket: () => Socket }> {
  const created: WebSocket[] = [];
  class CapturedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[], options?: object) {
      super(url, protocols, options);
      created.push(this);
    }
  }
  const client = buildClient(server.hubUrl, {
    transport: HttpTransportType.WebSockets,
    protocol: 'messagepack',
    http: { WebSocket: CapturedWebSocket },
  });
  await client.start();
  return { client, socket: () => Reflect.get(created[0], '_socket') as Socket };
}

function frameIndexes(client: HubConnection, count: number, everyMs: number, floats: number) {
  const indexes: number[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.stream('frames', count, everyMs, floats).subscribe({
      next: (frame: { index: number }) => indexes.push(frame.index),
      complete: resolve,
      error: reject,
    });
  });
  return { indexes, done };
}

it('coalesces a lagging client to the newest frame with bounded memory, without slowing others', async () => {
  const count = 600;
  const floats = 4096; // 32 KiB per frame: ~19 MB in all, more than loopback socket buffers hold
  const slow = await pausableClient();
  const fast = buildClient(server.hubUrl, { protocol: 'messagepack' });
  await fast.start();
  slow.socket().pause();
  const slowFrames = frameIndexes(slow.client, count, 1, floats);
  const fastFrames = frameIndexes(fast, count, 1, floats);
  let peakQueued = 0;
  let peakBuffered = 0;
  while (fastFrames.indexes.at(-1) !== count - 1) {
    const stats = server.signalr.stats(testHubPath);
    peakQueued = Math.max(peakQueued, stats.queuedMessages);
    peakBuffered = Math.max(peakBuffered, stats.bufferedBytes);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await fastFrames.done;
  // One coalesced frame per stream (plus a ping or a completion) waits; the socket holds at most
  // the high-water mark plus one write.
  expect(peakQueued).toBeLessThanOrEqual(4);
  expect(peakBuffered).toBeLessThanOrEqual(highWaterMarkBytes + writeBytesMax + floats * 8 + 1024);
  slow.socket().resume();
  await slowFrames.done;
  expect(slowFrames.indexes.at(-1)).toBe(count - 1); // the newest frame arrived
  expect(slowFrames.indexes.length).toBeLessThan(count); // older ones were replaced
  expect(slowFrames.indexes).toEqual([...slowFrames.indexes].sort((a, b) => a - b));
  expect(fastFrames.indexes).toEqual([...fastFrames.indexes].sort((a, b) => a - b));
  // The fast client is only coalesced if it lags itself (a loaded machine); it keeps far more frames.
  expect(fastFrames.indexes.at(-1)).toBe(count - 1);
  expect(fastFrames.indexes.length).toBeGreaterThan(slowFrames.indexes.length);
  await Promise.all([slow.client.stop(), fast.stop()]);
});

it('closes a client whose non-coalescing backlog passes outboundQueueMax, telling it why', async () => {
  const slow = await pausableClient();
  const closed = new Promise<Error | undefined>((resolve) => slow.client.onclose(resolve));
  slow.socket().pause();
  const connectionId = slow.client.connectionId as string;
  const target = server.signalr.clients(testHubPath).client(connectionId);
  const chunk = 'x'.repeat(64 * 1024);
  for (let round = 0; round < 2_000 && !server.probe.disconnected.includes(connectionId); round++) {
    target.send('bulk', chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(server.probe.disconnected).toContain(connectionId);
  slow.socket().resume();
  expect((await closed)?.message).toBe(
    'Server returned an error on close: Connection closed: the client did not keep up (more than 50 queued messages).',
  );
});
