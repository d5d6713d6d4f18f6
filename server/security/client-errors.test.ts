// Issue 7, item 8: what a client is told. No absolute server path reaches a client (a corrupt
// patch file's error, listPatches().error, LogHub records); a malformed URL is the client's
// error (400), not the server's (500); a bad argument is named with the field and the value it
// got, instead of zod's "received undefined" or a bare "Invalid input".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRecord, PatchSummary } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { bundledPaths } from '../main/paths';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';
import { rawRequest } from './raw-http';

let test: TestServer;
let patch: HubConnection;
let state: HubConnection;
let clientDistDir: string;

beforeAll(async () => {
  // a built editor is served: its fallback route is where a malformed URL used to answer 500
  clientDistDir = mkdtempSync(join(tmpdir(), 'patchdesk-dist-'));
  writeFileSync(join(clientDistDir, 'index.html'), '<!doctype html><title>PatchDesk</title>');
  test = await startTestServer({ clientDistDir });
  writeFileSync(join(test.storeDir, 'corrupt.json'), '{ "schemaVersion": 1, "modules": [ oops');
  patch = await test.connect(hubPaths.patch, { protocol: 'json' });
  state = await test.connect(hubPaths.state);
});
afterAll(async () => {
  await test.stop();
  rmSync(clientDistDir, { recursive: true, force: true });
});

function expectNoServerPath(text: string): void {
  expect(text).not.toContain(test.storeDir);
  expect(text).not.toContain(bundledPaths.repoRoot);
  expect(text).not.toMatch(/(^|[\s"'(=])\/(tmp|work|home|root|etc|var|usr)\//);
}

async function failure(call: Promise<unknown> | (() => Promise<unknown>)): Promise<string> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the call was accepted');
}

describe('item 8: what clients are told', () => {
  it('answers a malformed URL with 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', `${hubPaths.patch}/%E0%A4%A`, '/assets/%ZZ']) {
      const response = await rawRequest(test.server.url, { path });
      expect(response.status, path).toBe(400);
      expect(response.body).not.toMatch(/internal error/);
    }
  });

  it('names the argument, the field and the value instead of "received undefined" or "Invalid input"', async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => state.invoke('start', 'atr-breakout', { barsPerTick: null }),
        "argument 2 (runConfig): field 'barsPerTick' must be a number, got null.",
      ],
      [
        () => state.invoke('start', 'atr-breakout', { speed: 2 }),
        "argument 2 (runConfig): unknown field 'speed' (the fields are: dataset, barsPerTick, loop, mode, venue, journal, resume, streams).",
      ],
      [
        () => patch.invoke('moveModule', 'ema-cross-rsi', 'ema-fast', { x: 1 }),
        "argument 3 (position): field 'y' is required.",
      ],
      [
        () => patch.invoke('setParam', 'ema-cross-rsi', 'ema-fast', 'period', null),
        'argument 4 (value) must be a number, a string or a boolean, got null.',
      ],
      [
        () => patch.invoke('addModule', 'ema-cross-rsi', { id: 'x', type: 'indicators/ema', params: {} }),
        "argument 2 (module): field 'position' is required.",
      ],
    ];
    for (const [call, expected] of cases) {
      const message = await failure(call);
      expect(message).toContain(expected);
      expect(message).not.toMatch(/received undefined|Invalid input/);
    }
  });

  it('keeps server paths out of a corrupt patch file error and the listing', async () => {
    const listed = await patch.invoke<PatchSummary[]>('listPatches');
    const corrupt = listed.find((summary) => summary.name === 'corrupt');
    expect(corrupt?.error).toBeDefined();
    expectNoServerPath(corrupt!.error!);
    expectNoServerPath(await failure(patch.invoke('getPatch', 'corrupt')));
  });

  it('streams log records without server paths or stack traces', async () => {
    // a refusal that the server logs
    await failure(patch.invoke('getPatch', 'corrupt'));
    const logs = await test.connect(hubPaths.logs, { protocol: 'json' });
    const records: LogRecord[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = logs.stream<LogRecord>('stream', { minLevel: 'trace' }).subscribe({
        next: (record) => {
          records.push(record);
          if (records.some((r) => r.message === 'PatchDesk server listening')) {
            subscription.dispose();
            resolve();
          }
        },
        error: reject,
        complete: resolve,
      });
    });
    const listening = records.find((record) => record.message === 'PatchDesk server listening');
    expect(listening?.fields.store).toBe('<store>');
    for (const record of records) {
      const text = JSON.stringify(record);
      expectNoServerPath(text);
      expect(text).not.toContain('"stack"');
    }
  });
});
