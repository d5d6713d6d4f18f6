// Keep-alive with shortened intervals on both sides: pings keep a quiet client connected, and a
// silent client is dropped.
import { HttpTransportType, HubConnectionState } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, negotiateRaw, openRawSocket, parseFrames } from './testing/raw-client';
import { buildClient, startTestServer } from './testing/test-server';
import type { TestServer } from './testing/test-server';

const clientTimeoutMs = 600;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ keepAliveIntervalMs: 100, clientTimeoutMs, handshakeTimeoutMs: 300 });
});

afterAll(async () => {
  await server.close();
});

describe.each([
  { name: 'WebSockets', transport: HttpTransportType.WebSockets },
  { name: 'ServerSentEvents', transport: HttpTransportType.ServerSentEvents },
])('keep-alive over $name', ({ transport }) => {
  it('keeps a quiet client connected well past its server timeout', async () => {
    // The client gives up after 400 ms without hearing from us; we stay quiet for 1.5 s but ping.
    const client = buildClient(server.hubUrl, { transport, keepAliveIntervalMs: 100, serverTimeoutMs: 400 });
    let closedWith: Error | undefined | 'open' = 'open';
    client.onclose((error) => (closedWith = error));
    await client.start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(closedWith).toBe('open');
    expect(client.state).toBe(HubConnectionState.Connected);
    expect(await client.invoke('add', 1, 1)).toBe(2);
    await client.stop();
  });
});

it('drops a client that sends nothing, with a Close that allows reconnecting', async () => {
  const raw = await connectRaw(server.hubUrl, 'json');
  const { code } = await raw.closed;
  expect(code).toBe(1000);
  const messages = parseFrames(raw.frames, 'json');
  expect(messages.filter((message) => message.type === 6).length).toBeGreaterThan(0); // pings came first
  expect(messages.at(-1)).toEqual({
    type: 7,
    error: `Client timeout: nothing received for ${clientTimeoutMs} ms.`,
    allowReconnect: true,
  });
});

it('cancels a handshake that never comes', async () => {
  const negotiated = await negotiateRaw(server.hubUrl);
  const raw = await openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
  await raw.closed;
  expect(raw.frames.map(String)).toEqual(['{"error":"Handshake was canceled."}\u001e']);
});
