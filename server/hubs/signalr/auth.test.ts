// requireAuth: negotiate and every transport request need a valid token, from the
// Authorization header or the access_token query parameter.
import { HttpTransportType } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateRaw, openRawSocket } from './testing/raw-client';
import { buildClient, startTestServer, transportMatrix } from './testing/test-server';
import type { TestServer } from './testing/test-server';

const goodToken = 'let-me-in';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ requireAuth: true, validateToken: (token) => token === goodToken });
});

afterAll(async () => {
  await server.close();
});

describe.each(transportMatrix)('auth over $name', ({ transport, protocol }) => {
  it('refuses a client without a token or with a wrong one', async () => {
    await expect(buildClient(server.hubUrl, { transport, protocol }).start()).rejects.toThrow(/401/);
    const wrong = buildClient(server.hubUrl, {
      transport,
      protocol,
      http: { accessTokenFactory: () => 'guess' },
    });
    await expect(wrong.start()).rejects.toThrow(/401/);
  });

  it('accepts the right token and marks the connection authenticated', async () => {
    const client = buildClient(server.hubUrl, {
      transport,
      protocol,
      http: { accessTokenFactory: () => goodToken },
    });
    await client.start();
    expect(await client.invoke('whoAmI')).toEqual({ connectionId: client.connectionId, authenticated: true });
    await client.stop();
  });
});

describe('token placement', () => {
  it('takes access_token from the query on negotiate and on the WebSocket upgrade (as browsers send it)', async () => {
    await expect(negotiateRaw(server.hubUrl, 'negotiateVersion=1')).rejects.toThrow('HTTP 401');
    const negotiated = await negotiateRaw(server.hubUrl, `negotiateVersion=1&access_token=${goodToken}`);
    const url = `${server.hubUrl}?id=${String(negotiated.connectionToken)}`;
    await expect(openRawSocket(url)).rejects.toThrow('HTTP 401');
    const raw = await openRawSocket(`${url}&access_token=${goodToken}`);
    raw.socket.close();
  });

  it('checks the token on long-polling sends too', async () => {
    const negotiated = await negotiateRaw(server.hubUrl, 'negotiateVersion=1', {
      Authorization: `Bearer ${goodToken}`,
    });
    const url = `${server.hubUrl}?id=${String(negotiated.connectionToken)}`;
    const firstPoll = await fetch(url, { headers: { Authorization: `Bearer ${goodToken}` } });
    expect(firstPoll.status).toBe(200);
    const anonymousPost = await fetch(url, { method: 'POST', body: '{"protocol":"json","version":1}\u001e' });
    expect(anonymousPost.status).toBe(401);
  });

  it('lets a loopback server run without tokens when requireAuth is off', async () => {
    const open = await startTestServer();
    const client = buildClient(open.hubUrl, { transport: HttpTransportType.WebSockets });
    await client.start();
    expect(await client.invoke('whoAmI')).toEqual({
      connectionId: client.connectionId,
      authenticated: false,
    });
    await client.stop();
    await open.close();
  });
});

describe('browser origins', () => {
  it('refuses a WebSocket upgrade from a page on another site or another local port, allows its own and listed origins', async () => {
    const guarded = await startTestServer({ allowedOrigins: ['https://desk.example'] });
    const port = new URL(guarded.baseUrl).port;
    const url = `${guarded.hubUrl.replace('http', 'ws')}`;
    for (const origin of [
      'https://evil.example',
      'http://localhost:5173',
      'http://127.0.0.1:9',
      `http://evil.localhost:${port}`,
      'null',
    ]) {
      await expect(openRawSocket(url, { Origin: origin }), origin).rejects.toThrow('HTTP 403');
    }
    for (const origin of [
      `http://localhost:${port}`,
      `http://[::1]:${port}`,
      'https://desk.example',
      guarded.baseUrl,
    ]) {
      const raw = await openRawSocket(url, { Origin: origin });
      raw.socket.close();
    }
    await guarded.close();
  });

  it('answers CORS preflights with credentials for allowed origins only', async () => {
    const port = new URL(server.baseUrl).port;
    const preflight = (origin: string) =>
      fetch(`${server.hubUrl}/negotiate`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-requested-with, authorization',
        },
      });
    const allowed = await preflight(`http://localhost:${port}`);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(`http://localhost:${port}`);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('x-requested-with, authorization');
    expect((await preflight('https://evil.example')).status).toBe(403);
    expect((await preflight('http://localhost:5173')).status).toBe(403);
  });
});
