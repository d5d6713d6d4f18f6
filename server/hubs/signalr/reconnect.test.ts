// Stateful reconnect across a dropped socket, and automatic reconnect after Close(allowReconnect).
import { HttpTransportType, HubConnectionState } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, startTestServer, testHubPath, transportMatrix, waitFor } from './testing/test-server';
import type { TestServer } from './testing/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ackIntervalMs: 50 });
});

afterAll(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['json', 'messagepack'] as const)('stateful reconnect (%s)', (protocol) => {
  it('resumes after the socket is cut, losing and doubling nothing in either direction', async () => {
    const client = buildClient(server.hubUrl, {
      transport: HttpTransportType.WebSockets,
      protocol,
      stateful: true,
    });
    const pushed: number[] = [];
    let reconnecting = false;
    let closed = false;
    client.on('pushed', (index: number) => pushed.push(index));
    client.onreconnecting(() => (reconnecting = true));
    client.onclose(() => (closed = true));
    await client.start();
    const connectionId = client.connectionId as string;
    const caller = server.signalr.clients(testHubPath).client(connectionId);
    const receivedBefore = server.probe.received.length;

    const total = 600;
    const sends: Promise<void>[] = [];
    for (let index = 0; index < total; index++) {
      caller.send('pushed', index);
      sends.push(client.send('record', index));
      if (index === 200 || index === 400) server.dropSockets();
      if (index % 20 === 0) await sleep(2);
    }
    await Promise.all(sends);
    await waitFor(
      () => pushed.length >= total && server.probe.received.length - receivedBefore >= total,
      'all messages',
      10_000,
    );
    await sleep(100); // room for any duplicate to show up
    expect(pushed).toEqual(Array.from({ length: total }, (_, index) => index));
    expect(server.probe.received.slice(receivedBefore)).toEqual(
      Array.from({ length: total }, (_, index) => index),
    );
    expect(client.connectionId).toBe(connectionId);
    expect(reconnecting).toBe(false);
    expect(closed).toBe(false);
    expect(await client.invoke('add', 2, 3)).toBe(5);
    await client.stop();
  });
});

it('acks client messages, so a client with a small stateful send buffer keeps sending', async () => {
  // The client stops resolving sends once 2,000 unacked bytes are buffered; only our Acks free it.
  const client = buildClient(server.hubUrl, {
    transport: HttpTransportType.WebSockets,
    stateful: true,
    statefulBufferBytes: 2_000,
  });
  await client.start();
  const receivedBefore = server.probe.received.length;
  for (let index = 0; index < 200; index++) await client.send('record', index);
  await waitFor(() => server.probe.received.length - receivedBefore === 200, 'all records');
  await client.stop();
});

describe('automatic reconnect', () => {
  it('reconnects as a new connection after Close with allowReconnect', async () => {
    const client = buildClient(server.hubUrl, { reconnectDelaysMs: [0, 100, 100] });
    const events: string[] = [];
    client.onreconnecting(() => events.push('reconnecting'));
    const reconnected = new Promise<string | undefined>((resolve) => client.onreconnected(resolve));
    await client.start();
    const firstId = client.connectionId as string;
    expect(server.signalr.closeConnection(firstId, { error: 'restarting', allowReconnect: true })).toBe(true);
    const newId = await reconnected;
    expect(events).toEqual(['reconnecting']);
    expect(newId).toBeDefined();
    expect(newId).not.toBe(firstId);
    expect(client.state).toBe(HubConnectionState.Connected);
    expect(await client.invoke('add', 5, 5)).toBe(10);
    await client.stop();
  });

  it('stops for good after Close without allowReconnect', async () => {
    const client = buildClient(server.hubUrl, { reconnectDelaysMs: [0] });
    let reconnecting = false;
    client.onreconnecting(() => (reconnecting = true));
    const closed = new Promise<Error | undefined>((resolve) => client.onclose(resolve));
    await client.start();
    server.signalr.closeConnection(client.connectionId as string, { error: 'bye!' });
    expect((await closed)?.message).toBe('Server returned an error on close: bye!');
    expect(reconnecting).toBe(false);
    expect(client.state).toBe(HubConnectionState.Disconnected);
  });

  it('sends Close(allowReconnect) to everyone on server.close({allowReconnect: true})', async () => {
    const own = await startTestServer();
    const client = buildClient(own.hubUrl, { reconnectDelaysMs: [60_000] });
    const reconnecting = new Promise<Error | undefined>((resolve) => client.onreconnecting(resolve));
    await client.start();
    expect(own.signalr.connectionCount()).toBe(1);
    await own.signalr.close({ allowReconnect: true });
    await reconnecting;
    expect(own.signalr.connectionCount()).toBe(0);
    await client.stop();
    await own.close();
  });
});

describe.each(transportMatrix)('Close over $name', ({ transport, protocol }) => {
  it('delivers the server Close with its error', async () => {
    const client = buildClient(server.hubUrl, { transport, protocol });
    const closed = new Promise<Error | undefined>((resolve) => client.onclose(resolve));
    await client.start();
    server.signalr.closeConnection(client.connectionId as string, { error: 'maintenance' });
    expect((await closed)?.message).toBe('Server returned an error on close: maintenance');
  });
});
