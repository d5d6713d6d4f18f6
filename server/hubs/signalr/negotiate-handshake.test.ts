// Negotiate versions, transport choice and fallback, skipNegotiation, and handshake refusals.
import { HttpTransportType } from '@microsoft/signalr';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, negotiateRaw, openRawSocket, parseFrames, waitForFrames } from './testing/raw-client';
import { buildClient, clientTransportName, startTestServer } from './testing/test-server';
import type { TestServer } from './testing/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('negotiate', () => {
  it('answers version 1 with a URL-safe token and the transports in preference order', async () => {
    const response = await negotiateRaw(server.hubUrl, 'negotiateVersion=1');
    expect(Object.keys(response)).toEqual([
      'negotiateVersion',
      'connectionId',
      'connectionToken',
      'availableTransports',
    ]);
    expect(response.negotiateVersion).toBe(1);
    expect(response.connectionToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(response.connectionToken).not.toBe(response.connectionId);
    expect(response.availableTransports).toEqual([
      { transport: 'WebSockets', transferFormats: ['Text', 'Binary'] },
      { transport: 'ServerSentEvents', transferFormats: ['Text'] },
      { transport: 'LongPolling', transferFormats: ['Text', 'Binary'] },
    ]);
  });

  it('answers a future version with 1, and no version with 0 (no token; the id is the token)', async () => {
    expect((await negotiateRaw(server.hubUrl, 'NegotiateVersion=7')).negotiateVersion).toBe(1);
    const v0 = await negotiateRaw(server.hubUrl, '');
    expect(v0.connectionToken).toBeUndefined();
    expect(v0.negotiateVersion).toBeUndefined();
    const raw = await openRawSocket(`${server.hubUrl}?id=${String(v0.connectionId)}`);
    raw.socket.send(
      '{"protocol":"json","version":1}\u001e{"type":1,"invocationId":"1","target":"add","arguments":[2,3]}\u001e',
    );
    await waitForFrames(raw, 2);
    expect(raw.frames[0].toString()).toBe('{}\u001e');
    expect(parseFrames(raw.frames.slice(1), 'json')).toEqual([
      { type: 3, invocationId: '1', result: 5, headers: undefined },
    ]);
    raw.socket.close();
  });

  it('echoes useStatefulReconnect only when asked', async () => {
    expect(
      (await negotiateRaw(server.hubUrl, 'negotiateVersion=1&useStatefulReconnect=true'))
        .useStatefulReconnect,
    ).toBe(true);
    expect((await negotiateRaw(server.hubUrl, 'negotiateVersion=1')).useStatefulReconnect).toBeUndefined();
  });

  it('refuses with {error} when too many connections are pending, and start() rejects with that text', async () => {
    const crowded = await startTestServer({ pendingConnectionsMax: 1 });
    await negotiateRaw(crowded.hubUrl);
    const client = buildClient(crowded.hubUrl);
    await expect(client.start()).rejects.toThrow(
      'The server has too many pending connections; try again later.',
    );
    await crowded.close();
  });

  it('lets an unknown id fail the WebSocket before upgrading (404), so the client falls back', async () => {
    await expect(openRawSocket(`${server.hubUrl}?id=nope`)).rejects.toThrow('HTTP 404');
    // A client whose WebSocket goes to a dead id falls back to Server-Sent Events.
    class DeadIdWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[], options?: object) {
        super(url.replace(/id=[^&]+/, 'id=dead'), protocols, options);
      }
    }
    const client = buildClient(server.hubUrl, { http: { WebSocket: DeadIdWebSocket } });
    await client.start();
    expect(clientTransportName(client)).toBe('ServerSentEventsTransport');
    expect(await client.invoke('add', 1, 2)).toBe(3);
    await client.stop();
  });

  it('gives a MessagePack client long polling when WebSockets are not offered (it cannot use SSE)', async () => {
    const noSockets = await startTestServer({ transports: ['ServerSentEvents', 'LongPolling'] });
    const client = buildClient(noSockets.hubUrl, { protocol: 'messagepack' });
    await client.start();
    expect(clientTransportName(client)).toBe('LongPollingTransport');
    expect(await client.invoke('add', 20, 22)).toBe(42);
    await client.stop();
    await noSockets.close();
  });

  it('accepts skipNegotiation with WebSockets', async () => {
    const client = buildClient(server.hubUrl, {
      transport: HttpTransportType.WebSockets,
      http: { skipNegotiation: true },
    });
    await client.start();
    expect(client.connectionId).toBeNull();
    expect(await client.invoke('add', 3, 4)).toBe(7);
    await client.stop();
  });

  it('refuses a second socket for a live connection (409)', async () => {
    const negotiated = await negotiateRaw(server.hubUrl);
    const first = await openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
    await expect(openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`)).rejects.toThrow(
      'HTTP 409',
    );
    first.socket.close();
  });
});

describe('handshake', () => {
  async function handshakeWith(request: string): Promise<string> {
    const negotiated = await negotiateRaw(server.hubUrl);
    const raw = await openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
    raw.socket.send(request);
    await waitForFrames(raw, 1);
    await raw.closed;
    return raw.frames[0].toString('utf8');
  }

  it('answers exactly {} and accepts versions 1 and 2 of both protocols', async () => {
    for (const protocol of ['json', 'messagepack']) {
      for (const version of [1, 2]) {
        const negotiated = await negotiateRaw(server.hubUrl);
        const raw = await openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
        raw.socket.send(`{"protocol":"${protocol}","version":${version}}\u001e`);
        await waitForFrames(raw, 1);
        expect([...raw.frames[0]]).toEqual([0x7b, 0x7d, 0x1e]);
        raw.socket.close();
      }
    }
  });

  it('refuses unknown protocols, unknown versions and garbage with an error record, then closes', async () => {
    expect(await handshakeWith('{"protocol":"xml","version":1}\u001e')).toBe(
      '{"error":"The protocol \'xml\' is not supported."}\u001e',
    );
    expect(await handshakeWith('{"protocol":"json","version":3}\u001e')).toBe(
      '{"error":"The server does not support version 3 of the \'json\' protocol."}\u001e',
    );
    expect(await handshakeWith('not json\u001e')).toBe(
      '{"error":"Handshake request is not valid JSON."}\u001e',
    );
  });

  it('parses hub messages sent in the same frame as the handshake (MessagePack)', async () => {
    const negotiated = await negotiateRaw(server.hubUrl);
    const raw = await openRawSocket(`${server.hubUrl}?id=${String(negotiated.connectionToken)}`);
    const invoke = [0x0c, 0x95, 0x01, 0x80, 0xa1, 0x30, 0xa3, 0x61, 0x64, 0x64, 0x92, 0x28, 0x02]; // add(40,2) id "0"
    raw.socket.send(
      Buffer.concat([Buffer.from('{"protocol":"messagepack","version":1}\u001e'), Buffer.from(invoke)]),
    );
    await waitForFrames(raw, 2);
    expect([...raw.frames[1]]).toEqual([0x07, 0x95, 0x03, 0x80, 0xa1, 0x30, 0x03, 0x2a]);
    raw.socket.close();
  });

  it('refuses MessagePack over Server-Sent Events', async () => {
    const negotiated = await negotiateRaw(server.hubUrl);
    const url = `${server.hubUrl}?id=${String(negotiated.connectionToken)}`;
    const events = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const post = await fetch(url, { method: 'POST', body: '{"protocol":"messagepack","version":1}\u001e' });
    expect(post.status).toBe(200);
    const body = await events.text();
    expect(body).toContain(
      'data: {"error":"Cannot use the \'messagepack\' protocol on the current transport. The transport does not support \'Binary\' transfer format."}\u001e\r\n\r\n',
    );
  });

  it('closes a connection that sends a malformed frame with a Close error, and nothing else', async () => {
    const bystander = await connectRaw(server.hubUrl, 'json');
    const raw = await connectRaw(server.hubUrl, 'messagepack');
    raw.socket.send(Buffer.from([0x05, 0x95, 0x01, 0x80, 0xc1, 0xc1])); // 0xc1 is never valid MessagePack
    expect((await raw.closed).code).toBe(1000);
    const messages = parseFrames(raw.frames, 'messagepack');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 7 });
    expect((messages[0] as { error: string }).error).toMatch(
      /^Connection closed with an error\. InvalidDataException: Invalid MessagePack/,
    );
    bystander.socket.send('{"type":1,"invocationId":"9","target":"add","arguments":[1,1]}\u001e');
    await waitForFrames(bystander, 1);
    expect(parseFrames(bystander.frames, 'json')).toEqual([
      { type: 3, invocationId: '9', result: 2, headers: undefined },
    ]);
    bystander.socket.close();
  });
});

describe('detailedErrors', () => {
  it('shows the message of unexpected errors only when turned on', async () => {
    const detailed = await startTestServer({ detailedErrors: true });
    const client = buildClient(detailed.hubUrl);
    await client.start();
    await expect(client.invoke('crash')).rejects.toThrow(
      "An unexpected error occurred invoking 'crash' on the server. Error: secret internals",
    );
    await client.stop();
    await detailed.close();
  });
});
