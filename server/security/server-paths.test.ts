// Issue 7, item 1: no hub method takes a path on the server. A run names a dataset (the bundled
// sample or a CSV the operator put in a data folder); whatever a client sends instead, no file
// outside those is opened, no error quotes a file's contents or an absolute path, and the server
// stays up (`/dev/zero` used to crash it).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInfo, RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { bundledPaths } from '../main/paths';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let state: HubConnection;
let dataDir: string;

const secretLine = 'root:x:0:0:secret-marker:/root:/bin/bash';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-data-'));
  const outside = mkdtempSync(join(tmpdir(), 'patchdesk-outside-'));
  writeFileSync(join(outside, 'secret.csv'), `${secretLine}\n`);
  writeFileSync(
    join(dataDir, 'good.csv'),
    'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:01:00Z,1.5,2,1,1.8,12\n',
  );
  writeFileSync(join(dataDir, 'bad-header.csv'), `${secretLine}\n1,2,3\n`);
  writeFileSync(join(dataDir, 'notes.txt'), 'not a dataset');
  symlinkSync(join(outside, 'secret.csv'), join(dataDir, 'escape.csv'));
  symlinkSync('/dev/zero', join(dataDir, 'zero.csv'));
  mkdirSync(join(dataDir, 'folder.csv'));
  test = await startTestServer({ dataDirs: [dataDir] });
  state = await test.connect(hubPaths.state, { protocol: 'json' });
});

afterAll(async () => {
  await test.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startError(config: unknown): Promise<string> {
  try {
    await state.invoke('start', 'atr-breakout', config);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`start with ${JSON.stringify(config)} was accepted`);
}

function expectNoLeak(message: string): void {
  expect(message).not.toContain('secret-marker');
  expect(message).not.toContain('root:');
  expect(message).not.toMatch(/\/(etc|proc|dev|tmp|work|home|root)\//);
  expect(message).not.toContain(bundledPaths.repoRoot);
}

describe('item 1: a hub client cannot name a file on the server', () => {
  it('refuses a path as run config without opening it, quoting nothing, and stays up', async () => {
    for (const path of ['/etc/passwd', '/proc/self/environ', '/dev/zero', join(dataDir, 'good.csv')]) {
      const message = await startError({ bars: path });
      expectNoLeak(message);
      expect(message).toMatch(/unknown field 'bars'/);
    }
    expect(await state.invoke<RunStatus[]>('getStatus')).toBeInstanceOf(Array);
  });

  it('resolves a dataset id only against the listing, never as a path', async () => {
    for (const id of [
      '/etc/passwd',
      '../../../etc/passwd',
      '/dev/zero',
      `${dataDir}/good.csv`,
      'notes.txt',
    ]) {
      const message = await startError({ dataset: id });
      expectNoLeak(message);
      expect(message).toMatch(/unknown dataset/);
    }
  });

  it('lists the sample and the CSV files of the data folder, without paths or escaping links', async () => {
    const datasets = await state.invoke<DatasetInfo[]>('listDatasets');
    expect(datasets.map((dataset) => dataset.id)).toEqual(['sample', 'bad-header.csv', 'good.csv']);
    expect(JSON.stringify(datasets)).not.toContain(dataDir);
    expect(JSON.stringify(datasets)).not.toContain(bundledPaths.repoRoot);
  });

  it('runs a listed dataset, and a broken one fails with its id and line, not its contents', async () => {
    const started = await state.invoke<RunStatus>('start', 'atr-breakout', { dataset: 'good.csv' });
    expect(started.state).toBe('running');
    await state.invoke('stop', 'atr-breakout');
    const message = await startError({ dataset: 'bad-header.csv' });
    expectNoLeak(message);
    expect(message).toMatch(/dataset 'bad-header\.csv' is not a valid bar CSV \(line 1/);
    for (const id of ['escape.csv', 'zero.csv', 'folder.csv'])
      expect(await startError({ dataset: id })).toMatch(/unknown dataset/);
  });
});
