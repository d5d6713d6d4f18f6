// `patchdesk parity` on an embedded store holding a recorded paper run: identical (exit 0, text
// and --json), a fill price changed in the store (exit 1, the price difference named), a
// damaged chunk and an unknown run (exit 1, one clear line, no stack trace), a bad run id (2).
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParityReport } from '@patchdesk/modules/contracts/parity';
import { recordPaperRun } from '../../backtest/parity/testing';
import { openStore } from '../../store/open-store';
import { main } from '../main';
import { hasStackTrace, tempDir, type CliResult } from '../testing';

async function inProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const savedUrl = process.env.DATABASE_URL;
beforeEach(() => {
  delete process.env.DATABASE_URL; // the embedded store: PostgreSQL's public schema is left alone
});
afterEach(() => {
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

const dirs: string[] = [];
let data: string;
let runId: string;
beforeAll(async () => {
  data = tempDir('patchdesk-parity-cli-');
  dirs.push(data);
  const store = await openStore({ dataDir: data });
  try {
    runId = await recordPaperRun(store, dirs);
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function changeStore(change: (store: Awaited<ReturnType<typeof openStore>>) => Promise<void>) {
  const store = await openStore({ dataDir: data });
  try {
    await change(store);
  } finally {
    await store.close();
  }
}

describe('patchdesk parity', () => {
  it('says identical and exits 0 for an untouched recording', { timeout: 60_000 }, async () => {
    const text = await inProcess(['parity', runId, '--data', data]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^${runId} \\(ema-cross-rsi, [0-9a-f]{12}\\): identical over \\d+ ticks`),
    );
    const json = await inProcess(['parity', runId, '--data', data, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as ParityReport;
    expect(report).toMatchObject({ runId, identical: true, firstDivergence: null });
    expect(report.fills.recorded).toBeGreaterThan(0);
  });

  it('exits 1 and names the price difference when a recorded fill differs', { timeout: 60_000 }, async () => {
    await changeStore(async (store) => {
      const fill = await store.db
        .selectFrom('run_recording_events')
        .select(['event_seq', 'payload'])
        .where('run_id', '=', runId)
        .where('kind', '=', 'fill')
        .orderBy('event_seq')
        .executeTakeFirstOrThrow();
      const payload = fill.payload as { price: number };
      await store.db
        .updateTable('run_recording_events')
        .set({ payload: JSON.stringify({ ...payload, price: payload.price + 0.5 }) })
        .where('run_id', '=', runId)
        .where('event_seq', '=', fill.event_seq)
        .execute();
    });
    const result = await inProcess(['parity', runId, '--data', data, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`patchdesk: run "${runId}" and its backtest differ\n`);
    const report = JSON.parse(result.stdout) as ParityReport;
    expect(report.identical).toBe(false);
    expect(report.fills.differing).toBe(1);
    expect(report.fills.differences[0]).toMatchObject({
      index: 0,
      priceDifference: -0.5,
      timeDifferenceMs: 0,
    });
    const text = await inProcess(['parity', runId, '--data', data]);
    expect(text.stdout).toContain('fill 0: price -0.5, time +0 ms');
  });

  it('gives one clear line for a damaged or unknown recording', { timeout: 60_000 }, async () => {
    await changeStore(async (store) => {
      await store.db
        .updateTable('run_recording_chunks')
        .set({ body: new Uint8Array([1, 2, 3]) })
        .where('run_id', '=', runId)
        .where('chunk_seq', '=', 1)
        .execute();
    });
    const damaged = await inProcess(['parity', runId, '--data', data]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(
      new RegExp(
        `^patchdesk: the recording of run "${runId}" is corrupt: chunk 1 \\(ticks 600-1199\\): tick 0 of 600: the body ends at byte 3, inside its time \\(byte 0\\)\n$`,
      ),
    );
    expect(hasStackTrace(damaged.stderr)).toBe(false);
    const unknown = await inProcess(['parity', 'nobody:here', '--data', data]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no recording of run "nobody:here"');
    const usage = await inProcess(['parity', 'two words', '--data', data]);
    expect(usage.code).toBe(2);
  });
});
