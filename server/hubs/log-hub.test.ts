import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection } from '@microsoft/signalr';
import type { LogRecord } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';
import { matchesLogFilter } from './log-hub';

let test: TestServer;
let logs: HubConnection;

beforeAll(async () => {
  test = await startTestServer();
  logs = await test.connect(hubPaths.logs);
});
afterAll(() => test.stop());

function collect(filter: object): { records: LogRecord[]; dispose(): void } {
  const records: LogRecord[] = [];
  const subscription = logs.stream<LogRecord>('stream', filter).subscribe({
    next: (record) => records.push(record),
    error: () => undefined,
    complete: () => undefined,
  });
  return { records, dispose: () => subscription.dispose() };
}

describe('LogHub', () => {
  it('sends the recent records first, then live ones', async () => {
    const all = collect({});
    await vi.waitFor(() =>
      expect(all.records.some((r) => r.message === 'PatchDesk server listening')).toBe(true),
    );
    test.server.logger.info({ probe: 1 }, 'live record');
    await vi.waitFor(() => expect(all.records.some((r) => r.message === 'live record')).toBe(true));
    expect(all.records.find((r) => r.message === 'live record')).toMatchObject({
      level: 'info',
      fields: { probe: 1 },
      run: null,
    });
    all.dispose();
  });

  it('filters by minimum level and by run', async () => {
    const warnings = collect({ minLevel: 'warn' });
    const ofRun = collect({ run: 'breakout' });
    test.server.logger.info('quiet');
    test.server.logger.warn('loud');
    test.server.logger.child({ run: 'breakout' }).info('from the run');
    await vi.waitFor(() => expect(ofRun.records.map((r) => r.message)).toContain('from the run'));
    await vi.waitFor(() => expect(warnings.records.map((r) => r.message)).toContain('loud'));
    expect(
      warnings.records.every((r) => r.level === 'warn' || r.level === 'error' || r.level === 'fatal'),
    ).toBe(true);
    expect(ofRun.records.every((r) => r.run === 'breakout')).toBe(true);
    warnings.dispose();
    ofRun.dispose();
  });

  it('refuses an unknown level', async () => {
    await expect(
      new Promise((resolve, reject) =>
        logs
          .stream('stream', { minLevel: 'loud' })
          .subscribe({ next: resolve, error: reject, complete: () => resolve(null) }),
      ),
    ).rejects.toThrow();
  });
});

describe('matchesLogFilter', () => {
  const record: LogRecord = { timeMs: 0, level: 'info', message: 'm', run: 'a', fields: {} };
  it('keeps records at or above the level and of the run', () => {
    expect(matchesLogFilter(record, {})).toBe(true);
    expect(matchesLogFilter(record, { minLevel: 'info', run: 'a' })).toBe(true);
    expect(matchesLogFilter(record, { minLevel: 'warn' })).toBe(false);
    expect(matchesLogFilter(record, { run: 'b' })).toBe(false);
  });
});
