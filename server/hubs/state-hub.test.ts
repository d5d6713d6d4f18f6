import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let first: HubConnection;
let second: HubConnection;

beforeAll(async () => {
  test = await startTestServer();
  first = await test.connect(hubPaths.state);
  second = await test.connect(hubPaths.state, { protocol: 'json' });
});
afterAll(() => test.stop());

describe('StateHub', () => {
  it('starts and stops a patch, telling every client about each change', async () => {
    const events: RunStatus[] = [];
    second.on(
      'status',
      (status: RunStatus) => status.patchName === 'bollinger-mean-reversion' && events.push(status),
    );
    const started = await first.invoke<RunStatus>('start', 'bollinger-mean-reversion');
    expect(started).toMatchObject({ patchName: 'bollinger-mean-reversion', state: 'running', reason: null });
    expect(started.startedAtMs).toBeGreaterThan(0);
    await vi.waitFor(() => expect(events.some((status) => status.state === 'running')).toBe(true));
    expect(await first.invoke<RunStatus>('start', 'bollinger-mean-reversion')).toMatchObject({
      state: 'running',
    });

    const stopped = await first.invoke<RunStatus>('stop', 'bollinger-mean-reversion');
    expect(stopped).toMatchObject({ state: 'stopped', reason: 'stopped by request' });
    await vi.waitFor(() => expect(events[events.length - 1]).toMatchObject({ state: 'stopped' }));
    const all = await first.invoke<RunStatus[]>('getStatus');
    expect(all.find((status) => status.patchName === 'bollinger-mean-reversion')).toMatchObject({
      state: 'stopped',
    });
  });

  it('sends tick statistics about once a second while a patch runs', async () => {
    const beats: RunStatus[] = [];
    first.on('status', (status: RunStatus) => status.patchName === 'atr-breakout' && beats.push(status));
    await first.invoke('start', 'atr-breakout', { dataset: 'sample', barsPerTick: 2, loop: true });
    await vi.waitFor(
      () => expect(beats.filter((status) => status.tick.ticks > 0).length).toBeGreaterThanOrEqual(2),
      {
        timeout: 5_000,
      },
    );
    const beat = beats[beats.length - 1];
    expect(beat.state).toBe('running');
    expect(beat.barsDelivered).toBeGreaterThan(0);
    expect(beat.tick.meanTickMs).toBeGreaterThanOrEqual(0);
    // lateness and skipped slots from the live clock travel with the status
    const { latenessMs, skippedTicks } = beat.tick;
    expect(skippedTicks).toBeGreaterThanOrEqual(0);
    expect(latenessMs).toBeDefined();
    expect(latenessMs!.p50).toBeGreaterThanOrEqual(0);
    expect(latenessMs!.p99).toBeGreaterThanOrEqual(latenessMs!.p50);
    expect(latenessMs!.max).toBeGreaterThanOrEqual(latenessMs!.p99);
    await first.invoke('stop', 'atr-breakout');
  });

  it('refuses unknown patches, unknown datasets and bad configs with a clear message', async () => {
    await expect(first.invoke('start', 'no-such-patch')).rejects.toThrow(
      'patch "no-such-patch" does not exist',
    );
    await expect(first.invoke('start', 'atr-breakout', { dataset: 'no-such-bars.csv' })).rejects.toThrow(
      /unknown dataset 'no-such-bars\.csv': .*the datasets are: sample$/,
    );
    await expect(first.invoke('start', 'atr-breakout', { barsPerTick: 0 })).rejects.toThrow(
      "argument 2 (runConfig): field 'barsPerTick' must be at least 1, got 0.",
    );
    expect(test.server.runManager.isRunning('atr-breakout')).toBe(false);
  });

  it('lists the datasets a run can replay: the bundled sample when no data folder is set', async () => {
    expect(await first.invoke('listDatasets')).toEqual([
      { id: 'sample', source: 'bundled', bytes: expect.any(Number) },
    ]);
  });
});
