// Issue 7, item 2: a web page on another site cannot drive the hubs. DNS rebinding makes the
// attacker's name resolve to 127.0.0.1, so the browser sends Host = Origin = that name; other
// pages on this machine (another port, *.localhost) send their own origin. Every HTTP request and
// WebSocket upgrade is checked: loopback names and addresses with the server's own port, plus
// the names the operator lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';
import { rawRequest, tryUpgrade } from './raw-http';

let test: TestServer;
let port: string;
let base: string;

beforeAll(async () => {
  test = await startTestServer({ allowedHosts: ['desk.example', 'proxy.example:8443'] });
  base = test.server.url;
  port = new URL(base).port;
});
afterAll(() => test.stop());

const routes = [
  { method: 'GET', path: '/api/health' },
  { method: 'POST', path: `${hubPaths.state}/negotiate?negotiateVersion=1` },
  { method: 'GET', path: `${hubPaths.state}?id=x` }, // SSE and long polling
  { method: 'POST', path: `${hubPaths.state}?id=x` },
  { method: 'GET', path: '/' },
];

describe('item 2: Host and Origin checks', () => {
  it('refuses a rebound name, another port, *.localhost and a missing port on every route and upgrade', async () => {
    const badHosts = [
      `attacker.example:${port}`,
      `evil.localhost:${port}`,
      `localhost.:${port}`,
      'localhost:1',
      `127.0.0.1:${Number(port) + 1}`,
      'localhost',
      `desk.example.evil:${port}`,
    ];
    for (const host of badHosts) {
      for (const route of routes) {
        const response = await rawRequest(base, { ...route, headers: { Host: host } });
        expect(response.status, `${route.method} ${route.path} with Host ${host}`).toBe(403);
        expect(response.body).toContain('is not allowed');
      }
      const upgrade = await tryUpgrade(`${base}${hubPaths.state}`, { Host: host });
      expect(upgrade.status, `upgrade with Host ${host}`).toBe(403);
    }
  });

  it('refuses pages from foreign origins even when the Host is right (DNS rebinding, other local pages)', async () => {
    const badOrigins = [
      'http://attacker.example',
      `http://attacker.example:${port}`,
      `http://evil.localhost:${port}`,
      'http://127.0.0.1:5173',
      'http://localhost:9',
      'null',
      'file://',
    ];
    for (const origin of badOrigins) {
      const headers = { Host: `127.0.0.1:${port}`, Origin: origin };
      for (const route of routes) {
        const response = await rawRequest(base, { ...route, headers });
        expect(response.status, `${route.method} ${route.path} from ${origin}`).toBe(403);
        expect(response.body).toMatch(/origin .* may not use this server/);
      }
      expect((await tryUpgrade(`${base}${hubPaths.state}`, headers)).status, origin).toBe(403);
    }
  });

  it('serves loopback names on its own port and the listed names, with or without a browser origin', async () => {
    const good: [string, string | undefined][] = [
      [`127.0.0.1:${port}`, undefined],
      [`localhost:${port}`, `http://localhost:${port}`],
      [`[::1]:${port}`, `http://[::1]:${port}`],
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      ['desk.example', 'https://desk.example'],
      [`desk.example:${port}`, `http://desk.example:${port}`],
      ['proxy.example:8443', 'https://proxy.example:8443'],
    ];
    for (const [host, origin] of good) {
      const headers: Record<string, string> = { Host: host, ...(origin ? { Origin: origin } : {}) };
      expect((await rawRequest(base, { path: '/api/health', headers })).status, host).toBe(200);
      expect((await tryUpgrade(`${base}${hubPaths.state}`, headers)).status, host).toBe(101);
    }
    const wrongPort = { Host: 'proxy.example:8444' };
    expect((await rawRequest(base, { path: '/api/health', headers: wrongPort })).status).toBe(403);
  });

  it('still lets the official client connect', async () => {
    const client = await test.connect(hubPaths.state);
    expect(await client.invoke('getStatus')).toBeInstanceOf(Array);
  });
});
