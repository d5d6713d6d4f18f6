import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubConnection, ISubscription } from '@microsoft/signalr';
import type { ProbeFrame } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';

let test: TestServer;
let probes: HubConnection;
let patches: HubConnection;
let state: HubConnection;

beforeAll(async () => {
  test = await startTestServer({ demo: 'ema-cross-rsi' });
  probes = await test.connect(hubPaths.probe);
  patches = await test.connect(hubPaths.patch);
  state = await test.connect(hubPaths.state);
});
afterAll(() => test.stop());

interface Received {
  frames: { timeMs: number; values: number[]; atMs: number }[];
  error: Error | null;
  completed: boolean;
  subscription: ISubscription<ProbeFrame>;
}

/** MessagePack carries the Float64Array as bin (little-endian bytes); JSON as numbers with null for NaN. */
function decodeValues(values: ProbeFrame['values']): number[] {
  if (values instanceof Uint8Array) {
    const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
    return Array.from({ length: values.byteLength / 8 }, (_, i) => view.getFloat64(i * 8, true));
  }
  return Array.from(values, (value) => (value === null ? Number.NaN : value));
}

function subscribe(connection: HubConnection, patch: string, ports: string[], id: string): Received {
  const received = { frames: [], error: null, completed: false } as unknown as Received;
  received.subscription = connection.stream<ProbeFrame>('subscribe', patch, ports, id).subscribe({
    next: (frame) => {
      expect(frame.subscriptionId).toBe(id);
      received.frames.push({
        timeMs: frame.timeMs,
        values: decodeValues(frame.values),
        atMs: performance.now(),
      });
    },
    error: (error) => (received.error = error),
    complete: () => (received.completed = true),
  });
  return received;
}

const latest = (received: Received): number[] => received.frames[received.frames.length - 1]?.values ?? [];

describe('ProbeHub', () => {
  it('streams finite values of the running demo patch, only on change and at most ~30 a second', async () => {
    const received = subscribe(
      probes,
      'ema-cross-rsi',
      ['bars.close', 'ema-fast.out', 'rsi-high.out'],
      'demo',
    );
    await vi.waitFor(() => expect(Number.isFinite(latest(received)[1])).toBe(true), { timeout: 10_000 });
    const [close, fast, high] = latest(received);
    expect(close).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(0);
    expect(high).toBe(70);
    for (let i = 1; i < received.frames.length; i++) {
      expect(received.frames[i].values).not.toEqual(received.frames[i - 1].values);
      expect(received.frames[i].timeMs).toBeGreaterThanOrEqual(received.frames[i - 1].timeMs);
    }
    const spanMs = received.frames[received.frames.length - 1].atMs - received.frames[0].atMs;
    expect(received.frames.length).toBeLessThanOrEqual(1 + Math.ceil((spanMs / 1000) * 30) + 1);
    await probes.invoke('unsubscribe', 'demo');
    await vi.waitFor(() => expect(received.completed).toBe(true));
  });

  it('moves after a setParam hot patch, and reads NaN once a port is removed', async () => {
    const received = subscribe(probes, 'ema-cross-rsi', ['rsi-high.out'], 'hot');
    await vi.waitFor(() => expect(latest(received)).toEqual([70]), { timeout: 5_000 });
    await patches.invoke('getPatch', 'ema-cross-rsi');
    expect(await patches.invoke('setParam', 'ema-cross-rsi', 'rsi-high', 'value', 80)).toMatchObject({
      ok: true,
    });
    await vi.waitFor(() => expect(latest(received)).toEqual([80]), { timeout: 5_000 });
    expect(await patches.invoke('removeModule', 'ema-cross-rsi', 'rsi-high')).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(Number.isNaN(latest(received)[0])).toBe(true), { timeout: 5_000 });
    expect(received.error).toBeNull();
    received.subscription.dispose();
  });

  it('refuses an unknown port, naming it', async () => {
    const received = subscribe(probes, 'ema-cross-rsi', ['bars.close', 'ema-fast.nope', 'ghost.out'], 'bad');
    await vi.waitFor(() => expect(received.error).not.toBeNull());
    expect(received.error!.message).toContain(
      'module "ema-fast" (indicators/ema) has no output "nope"; its outputs are: out',
    );
    expect(received.error!.message).toContain('patch "ema-cross-rsi" has no module "ghost"');
    expect(await probes.invoke('unsubscribe', 'bad')).toBe(false);
  });

  it('waits for a patch that is not running, then streams once it starts', async () => {
    const received = subscribe(probes, 'atr-breakout', ['bars.close'], 'waiting');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.frames).toHaveLength(0);
    await state.invoke('start', 'atr-breakout', { barsPerTick: 5 });
    await vi.waitFor(() => expect(latest(received)[0]).toBeGreaterThan(0), { timeout: 5_000 });
    await state.invoke('stop', 'atr-breakout');
    expect(await probes.invoke('unsubscribe', 'waiting')).toBe(true);
  });
});
