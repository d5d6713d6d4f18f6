import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createHttp } from './app';
import type { HttpOptions } from './app';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

async function listen(options: Partial<HttpOptions>): Promise<string> {
  const { server } = createHttp({
    version: '9.9.9',
    startedAtMs: Date.now(),
    runs: () => [],
    attachHubs: () => undefined,
    clientDistDir: null,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.close();
    server.closeAllConnections();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function builtClient(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchdesk-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PatchDesk</title>');
  writeFileSync(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('createHttp', () => {
  it('answers /api/health with version, uptime and runs', async () => {
    const url = await listen({ startedAtMs: Date.now() - 5000 });
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ok: true, version: '9.9.9', runs: [] });
    expect(body.uptimeMs).toBeGreaterThanOrEqual(5000);
  });

  it('serves the built client with a fallback to index.html for editor routes', async () => {
    const url = await listen({ clientDistDir: builtClient() });
    expect(await (await fetch(`${url}/assets/main-abc.js`)).text()).toBe('console.log(1)');
    const deepLink = await fetch(`${url}/patch/ema-cross-rsi`, { headers: { accept: 'text/html' } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>PatchDesk</title>');
  });

  it('never answers API or hub paths with the editor', async () => {
    const url = await listen({ clientDistDir: builtClient() });
    const api = await fetch(`${url}/api/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ ok: false, error: 'no API route GET /api/nope' });
    expect((await fetch(`${url}/hubs/none`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('runs headless when there is no built client', async () => {
    const url = await listen({ clientDistDir: join(tmpdir(), 'patchdesk-no-such-dist') });
    expect((await fetch(`${url}/`)).status).toBe(404);
  });
});
