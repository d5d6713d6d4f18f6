// Fuzz of hub frames against the real server (all four hubs, JSON and MessagePack): at least
// 100,000 seeded frames of hostile but well-formed hub messages, batches and some garbage. The
// server must answer or ignore every well-formed frame without closing the connection, close
// exactly the connections that sent garbage (with a Close), keep Object.prototype clean, return
// to its memory baseline, and then serve the official clients as before.
// PATCHDESK_FUZZ_FRAMES and PATCHDESK_FUZZ_SEED change the run; a failure prints the seed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LogRecord, ProbeFrame, RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import { connectRaw, jsonProtocol, msgpackProtocol } from '../hubs/signalr/testing/raw-client';
import type { RawSocket } from '../hubs/signalr/testing/raw-client';
import type { HubMessage } from '../hubs/signalr/messages';
import { waitFor } from '../hubs/signalr/testing/test-server';
import { startTestServer } from '../main/test-server';
import type { TestServer } from '../main/test-server';
import { createFrameSource, fuzzHubs } from './fuzz-frames';
import type { FuzzHub, FuzzProtocol } from './fuzz-frames';

const framesTotal = Number(process.env.PATCHDESK_FUZZ_FRAMES ?? 100_000);
const seed = Number(process.env.PATCHDESK_FUZZ_SEED ?? 0x5ec_f022);
/** Hub messages sent before waiting for the queue to drain: under the 256 pending invocations. */
const windowMessages = 200;
/** Connections fuzzed at once, spread over the hubs and both protocols. */
const lanesPerHubAndProtocol = 2;
/** Heap the server may keep after the fuzz, beyond its baseline (log ring, working copies). */
const heapGrowthMaxBytes = 48 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsedAfterGc(): number {
  for (let round = 0; round < 3; round++) collectGarbage();
  return process.memoryUsage().heapUsed;
}

let test: TestServer;

beforeAll(async () => {
  // info level: at debug every refused call is logged, which measures the logger, not the hubs
  test = await startTestServer({ logging: { console: 'off', level: 'info' } });
});
afterAll(() => test.stop());

/** One raw connection of a lane, with its answers parsed as they come. */
class Lane {
  private raw: RawSocket | undefined;
  private closed = false;
  private answered = new Set<string>();
  private closeError: string | undefined;
  private waiter: (() => void) | undefined;
  reconnects = 0;

  constructor(
    readonly hub: FuzzHub,
    readonly protocol: FuzzProtocol,
    private readonly url: string,
  ) {}

  async open(): Promise<void> {
    this.raw = await connectRaw(this.url, this.protocol);
    this.closed = false;
    this.answered = new Set();
    this.closeError = undefined;
    const parser = this.protocol === 'json' ? jsonProtocol : msgpackProtocol;
    this.raw.socket.on('message', (data: Buffer) => {
      for (const message of parser.parse(data) as HubMessage[]) {
        if (message.type === 3) this.answered.add(message.invocationId);
        if (message.type === 7) this.closeError = message.error ?? '';
      }
      this.waiter?.();
    });
    void this.raw.closed.then(() => {
      this.closed = true;
      this.waiter?.();
    });
  }

  send(bytes: Buffer): void {
    this.raw!.socket.send(bytes, { binary: this.protocol === 'messagepack' });
  }

  /**
   * Resolves 'answered' when `id` has its Completion, 'closed' when the server closed first. The
   * wait is long because a window of patch-hub calls includes saves that fsync: on a loaded shared
   * machine one window took over 15 s. The test checks that every window is answered, not how fast.
   */
  async outcome(id: string | undefined, timeoutMs = 90_000): Promise<'answered' | 'closed'> {
    const started = Date.now();
    for (;;) {
      if (id !== undefined && this.answered.has(id)) return 'answered';
      if (this.closed) return 'closed';
      if (Date.now() - started > timeoutMs) throw new Error(`no answer to ${id} on ${this.hub.path}`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  get closeReason(): string | undefined {
    return this.closeError;
  }

  close(): void {
    this.raw?.socket.close();
  }
}

interface LaneFigures {
  /** WebSocket messages sent, and the hub messages in them. */
  frames: number;
  messages: number;
  garbage: number;
  reconnects: number;
}

async function runLane(
  index: number,
  hub: FuzzHub,
  protocol: FuzzProtocol,
  quota: number,
): Promise<LaneFigures> {
  const laneStartedAt = performance.now();
  const source = createFrameSource(seed + index);
  const lane = new Lane(hub, protocol, `${test.server.url}${hub.path}`);
  await lane.open();
  const figures: LaneFigures = { frames: 0, messages: 0, garbage: 0, reconnects: 0 };
  let barrierId = 0;
  const recent: string[] = [];
  while (figures.frames < quota) {
    let sentGarbage = false;
    for (let messages = 0; messages < windowMessages - 5 && figures.frames < quota;) {
      const frame = source.frame(hub, protocol);
      messages += frame.messages;
      figures.messages += frame.messages;
      lane.send(frame.bytes);
      figures.frames++;
      recent.push(frame.bytes.subarray(0, 120).toString(protocol === 'json' ? 'utf8' : 'hex'));
      if (recent.length > 5) recent.shift();
      if (frame.garbage) {
        figures.garbage++;
        sentGarbage = true;
        break;
      }
    }
    const id = `barrier-${barrierId++}`;
    if (!sentGarbage) lane.send(source.barrier(hub, protocol, id));
    const outcome = await lane.outcome(sentGarbage ? undefined : id);
    if (sentGarbage) {
      expect(outcome, `seed ${seed + index}: garbage on ${hub.path} (${protocol}) was not refused`).toBe(
        'closed',
      );
      expect(lane.closeReason, `seed ${seed + index}: no Close before the socket closed`).toMatch(
        /^Connection closed with an error\. /,
      );
    } else if (outcome === 'closed') {
      throw new Error(
        `seed ${seed + index}: ${hub.path} (${protocol}) closed a connection that sent only well-formed frames ` +
          `(reason: ${lane.closeReason}); last frames:\n${recent.join('\n')}`,
      );
    }
    if (outcome === 'closed') {
      figures.reconnects++;
      await lane.open();
    }
  }
  lane.close();
  if (process.env.PATCHDESK_FUZZ_VERBOSE === '1')
    console.log(
      `${hub.path} ${protocol}: ${figures.frames} frames in ${((performance.now() - laneStartedAt) / 1000).toFixed(1)} s`,
    );
  return figures;
}

it(`survives ${framesTotal} fuzzed hub frames over both protocols, then serves the official clients`, async () => {
  const lanes = fuzzHubs.flatMap((hub) =>
    (['json', 'messagepack'] as const).flatMap((protocol) =>
      Array.from({ length: lanesPerHubAndProtocol }, () => ({ hub, protocol })),
    ),
  );
  // warm up (first compile of every path), then take the baseline
  await Promise.all(lanes.map(({ hub, protocol }, index) => runLane(1_000 + index, hub, protocol, 200)));
  await waitFor(() => test.server.signalr.connectionCount() === 0, 'the warm-up connections to close');
  const heapBefore = heapUsedAfterGc();
  const rssBefore = process.memoryUsage().rss;
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();

  const quota = Math.ceil(framesTotal / lanes.length);
  const results = await Promise.all(
    lanes.map(({ hub, protocol }, index) => runLane(index, hub, protocol, quota)),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  await waitFor(
    () => test.server.signalr.connectionCount() === 0,
    'every fuzzed connection to close',
    10_000,
  );
  const stats = test.server.signalr.stats();
  expect(stats).toEqual({ connections: 0, queuedMessages: 0, bufferedBytes: 0 });
  expect(Object.keys(Object.prototype)).toEqual([]);
  for (const running of test.server.runManager.status()) await test.server.runManager.stop(running.patchName);
  const heapAfter = heapUsedAfterGc();
  const frames = results.reduce((sum, lane) => sum + lane.frames, 0);
  const messages = results.reduce((sum, lane) => sum + lane.messages, 0);
  const garbage = results.reduce((sum, lane) => sum + lane.garbage, 0);
  const reconnects = results.reduce((sum, lane) => sum + lane.reconnects, 0);
  console.log(
    `hub fuzz: seed ${seed}, ${frames} frames holding ${messages} hub messages (${garbage} garbage, ${reconnects} reconnects) ` +
      `over ${lanes.length} connections in ${seconds.toFixed(1)} s ` +
      `(${Math.round(frames / seconds)} frames/s, ${cpuSeconds.toFixed(1)} s of CPU for client and server); heap ${mib(heapBefore)} -> ${mib(heapAfter)} MiB after GC, ` +
      `rss ${mib(rssBefore)} -> ${mib(process.memoryUsage().rss)} MiB`,
  );
  expect(frames).toBeGreaterThanOrEqual(framesTotal);
  expect(garbage).toBeGreaterThan(0);
  expect(heapAfter - heapBefore).toBeLessThan(heapGrowthMaxBytes);

  for (const protocol of ['json', 'msgpack'] as const) await officialClientsWork(protocol);
}, 600_000);

async function officialClientsWork(protocol: 'json' | 'msgpack'): Promise<void> {
  const patch = await test.connect(hubPaths.patch, { protocol });
  const state = await test.connect(hubPaths.state, { protocol });
  const probe = await test.connect(hubPaths.probe, { protocol });
  const logs = await test.connect(hubPaths.logs, { protocol });
  expect((await patch.invoke<unknown[]>('listPatches')).length).toBeGreaterThan(0);
  const started = await state.invoke<RunStatus>('start', 'ema-cross-rsi', { dataset: 'sample' });
  expect(started.state).toBe('running');
  await firstItem<ProbeFrame>(probe, 'subscribe', 'ema-cross-rsi', ['ema-fast.out'], `check-${protocol}`);
  await firstItem<LogRecord>(logs, 'stream', null);
  await state.invoke('stop', 'ema-cross-rsi');
  for (const connection of [patch, state, probe, logs]) await connection.stop();
}

function firstItem<T>(connection: HubConnection, method: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = connection.stream<T>(method, ...args).subscribe({
      next: (item) => {
        subscription.dispose();
        resolve(item);
      },
      error: reject,
      complete: () => reject(new Error(`${method} ended without an item`)),
    });
  });
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
