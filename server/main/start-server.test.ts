import { afterEach, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubConnection } from '@microsoft/signalr';
import type { PatchDocument } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startServer, StartupError } from './start-server';
import { makeTestStore, startTestServer } from './test-server';
import type { TestServer } from './test-server';

const running: TestServer[] = [];
const stores: string[] = [];
afterEach(async () => {
  for (const test of running.splice(0)) await test.stop();
  for (const dir of stores.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(): string {
  const dir = makeTestStore();
  stores.push(dir);
  return dir;
}

async function started(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const test = await startTestServer(options);
  running.push(test);
  return test;
}

describe('startServer', () => {
  it('answers /api/health with version, uptime and the runs', async () => {
    const { server } = await started({ demo: 'ema-cross-rsi' });
    const body = await (await fetch(`${server.url}/api/health`)).json();
    expect(body).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(body.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(body.runs).toEqual([expect.objectContaining({ patchName: 'ema-cross-rsi', state: 'running' })]);
  });

  it('refuses to listen beyond loopback without a token, and says how to fix it', async () => {
    await expect(
      startServer({ host: '0.0.0.0', port: 0, storeDir: store(), logging: { console: 'off' } }),
    ).rejects.toThrow(/needs an access token: set PATCHDESK_TOKEN/);
    await expect(
      startServer({ host: '0.0.0.0', port: 0, storeDir: store(), logging: { console: 'off' } }),
    ).rejects.toBeInstanceOf(StartupError);
  });

  it('counts the whole 127/8 range as loopback: no token needed on 127.0.0.2', async () => {
    const { server } = await started({ host: '127.0.0.2' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('requires the token on every hub when auth is on', async () => {
    const test = await started({ requireAuth: true, token: 'correct-horse-battery-staple' });
    await expect(test.connect(hubPaths.patch)).rejects.toThrow();
    await expect(test.connect(hubPaths.patch, { token: 'wrong' })).rejects.toThrow();
    const connection: HubConnection = await test.connect(hubPaths.patch, {
      token: 'correct-horse-battery-staple',
    });
    expect(await connection.invoke('getPatch', 'ema-cross-rsi')).toMatchObject({ name: 'ema-cross-rsi' });
  });

  it('takes the sample bars only from inside an allowed folder, as a regular file', async () => {
    const options = { port: 0, storeDir: store(), logging: { console: 'off' as const }, clientDistDir: null };
    await expect(startServer({ ...options, sampleBarsPath: '/etc/passwd' })).rejects.toThrow(
      'the sample bars file must be inside the bundled patches/data folder or a data folder (--data)',
    );
    await expect(startServer({ ...options, sampleBarsPath: '/dev/zero' })).rejects.toThrow(
      'the sample bars file is not a regular file',
    );
    const dataDir = store();
    writeFileSync(
      join(dataDir, 'mine.csv'),
      'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,3\n',
    );
    const test = await started({ dataDirs: [dataDir], sampleBarsPath: join(dataDir, 'mine.csv') });
    const state = await test.connect(hubPaths.state);
    expect(await state.invoke('start', 'ema-cross-rsi')).toMatchObject({ state: 'running' });
  });

  it('says which port is in use', async () => {
    const { server } = await started();
    await expect(
      startServer({ port: server.port, storeDir: store(), logging: { console: 'off' }, clientDistDir: null }),
    ).rejects.toThrow(`port ${server.port} is in use on 127.0.0.1; pass --port`);
  });

  it('writes unsaved edits on shutdown, so they are there after a restart', async () => {
    const first = await startTestServer({ draftDelayMs: 60_000 });
    const editor = await first.connect(hubPaths.patch);
    await editor.invoke('getPatch', 'ema-cross-rsi');
    await editor.invoke('setParam', 'ema-cross-rsi', 'ema-fast', 'period', 5);
    await first.stop({ keepStore: true });

    const second = await started({ storeDir: first.storeDir });
    const reader = await second.connect(hubPaths.patch);
    const document = await reader.invoke<PatchDocument>('getPatch', 'ema-cross-rsi');
    expect(document.dirty).toBe(true);
    expect(document.patch.modules.find((m) => m.id === 'ema-fast')?.params.period).toBe(5);
  });
});
