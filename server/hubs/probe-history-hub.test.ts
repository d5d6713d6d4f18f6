// ProbeHub.history through the official @microsoft/signalr client: while the demo runs, the
// server keeps the patch's saved probes (its view) tick by tick, so a client that connects late
// gets the last minutes it missed, equal to what the live stream showed at the same times.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hubPaths, type ProbeFrame, type ProbeHistoryColumns } from '@patchdesk/modules/contracts/hubs';
import { startTestServer, type TestServer } from '../main/test-server';
import { probeKeptMinutesDefault } from './probe-keeper';

let test: TestServer;

beforeAll(async () => {
  test = await startTestServer({ demo: 'ema-cross-rsi' });
});
afterAll(() => test.stop());

function decode(values: ProbeFrame['values']): (number | null)[] {
  if (values instanceof Uint8Array) {
    const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
    return Array.from({ length: values.byteLength / 8 }, (_, i) => {
      const value = view.getFloat64(i * 8, true);
      return Number.isNaN(value) ? null : value;
    });
  }
  return Array.from(values, (value) => (value === null || Number.isNaN(value) ? null : value));
}

describe.each(['msgpack', 'json'] as const)('ProbeHub.history (%s)', (protocol) => {
  it('hands a late client the kept minutes of the saved probes, equal to the live values', async () => {
    const patches = await test.connect(hubPaths.patch, { protocol });
    const ports = ['bars.close', 'ema-fast.out'];
    await patches.invoke('setView', 'ema-cross-rsi', { probes: ports });

    const live = await test.connect(hubPaths.probe, { protocol });
    const seen = new Map<number, (number | null)[]>();
    live.stream<ProbeFrame>('subscribe', 'ema-cross-rsi', ports, `live-${protocol}`).subscribe({
      next: (frame) => seen.set(frame.timeMs, decode(frame.values)),
      error: () => undefined,
      complete: () => undefined,
    });
    await vi.waitFor(() => expect(seen.size).toBeGreaterThan(5), { timeout: 20_000 });

    const late = await test.connect(hubPaths.probe, { protocol });
    const kept = await late.invoke<ProbeHistoryColumns>('history', 'ema-cross-rsi', [
      'ema-fast.out',
      'bars.close',
      'rsi.out',
    ]);
    expect(kept.keptMs).toBe(probeKeptMinutesDefault * 60_000);
    expect(kept.timeMs.length).toBeGreaterThan(5);
    for (let i = 1; i < kept.timeMs.length; i++) expect(kept.timeMs[i]).toBeGreaterThan(kept.timeMs[i - 1]);
    expect(kept.timeMs[kept.timeMs.length - 1] - kept.timeMs[0]).toBeLessThanOrEqual(kept.keptMs);
    // rsi.out is not among the saved probes: nothing kept for it.
    expect(kept.values[2].every((value) => value === null)).toBe(true);
    // Every live frame at a kept time shows the kept values (a frame is sent only on change,
    // and the newest tick's value is what both read).
    let compared = 0;
    kept.timeMs.forEach((timeMs, i) => {
      const frame = seen.get(timeMs);
      if (!frame) return;
      compared++;
      expect([kept.values[1][i], kept.values[0][i]]).toEqual(frame);
    });
    expect(compared).toBeGreaterThan(0);
    await live.invoke('unsubscribe', `live-${protocol}`);
  });
});

describe('ProbeHub.history refusals', () => {
  it('says nothing was kept for a patch that never ran, and refuses a bad port', async () => {
    const hub = await test.connect(hubPaths.probe);
    expect(await hub.invoke('history', 'no-such-patch', ['a.out'])).toEqual({
      timeMs: [],
      values: [[]],
      keptMs: probeKeptMinutesDefault * 60_000,
    });
    await expect(hub.invoke('history', 'ema-cross-rsi', ['no dot'])).rejects.toThrow(/MODULE\.PORT/);
  });
});
