// Fan-out of one MessagePack message stream to 1, 10 and 100 local WebSocket clients: messages
// delivered per second through our SignalR server against raw `ws` sending the same bytes (the
// sides are described in bench/signalr-fanout-harness.ts). Each side runs in its own process with
// its own client process, so the sides cannot skew each other's JIT state. The machine is shared,
// so the sides are sampled in alternating short windows (ABC, then CBA, ...) after a warm-up, each
// window starting with an empty backlog, and the figures are medians; the ratio is the median of
// the per-round ratios, so a load change between rounds cancels out.
// SIGNALR_FANOUT_CLIENTS=1,10 runs only those client counts.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backlogBytesPerClient, messageBytes, messagesPerBatch, request } from './signalr-fanout-harness';
import type { SideName, WindowSample } from './signalr-fanout-harness';
import type { Bench, BenchResult } from './types';

const clientCounts = (process.env.SIGNALR_FANOUT_CLIENTS ?? '1,10,100').split(',').map(Number);
const sideNames: SideName[] = ['signalr', 'raw', 'raw-batched'];
const warmupMs = 500;
const windowMs = 300;
const rounds = 5;
const sideScript = fileURLToPath(new URL('./signalr-fanout-side.ts', import.meta.url));

interface Sample {
  messagesPerSecond: number;
  cpuMicrosPerThousand: number;
}

interface SideProcess {
  name: SideName;
  child: ChildProcess;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function startSideProcess(name: SideName, clients: number): Promise<SideProcess> {
  const child = fork(sideScript, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await request(child, { kind: 'setup', side: name, clients }, 'ready');
  return { name, child };
}

async function sample(side: SideProcess, durationMs: number): Promise<Sample> {
  const window = await request<WindowSample>(side.child, { kind: 'window', durationMs }, 'window');
  return {
    messagesPerSecond: (window.delivered / window.elapsedMs) * 1000,
    cpuMicrosPerThousand: (window.cpuMicros / Math.max(window.delivered, 1)) * 1000,
  };
}

async function runCase(clients: number): Promise<BenchResult> {
  const sides: SideProcess[] = [];
  try {
    for (const name of sideNames) sides.push(await startSideProcess(name, clients));
    for (const side of sides) await sample(side, warmupMs);
    const samples = new Map<SideName, Sample[]>(sideNames.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) samples.get(side.name)?.push(await sample(side, windowMs));
    }
    return report(clients, samples);
  } finally {
    for (const side of sides) side.child.send({ kind: 'stop' });
  }
}

function report(clients: number, samples: Map<SideName, Sample[]>): BenchResult {
  const of = (name: SideName) => samples.get(name) ?? [];
  const rate = (name: SideName) => median(of(name).map((sample) => sample.messagesPerSecond));
  const cpu = (name: SideName) => median(of(name).map((sample) => sample.cpuMicrosPerThousand)).toFixed(0);
  const ratios = (name: SideName) =>
    of('signalr').map((sample, round) => sample.messagesPerSecond / of(name)[round].messagesPerSecond);
  const range = (values: number[]) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
  const vsRaw = ratios('raw');
  const vsBatched = ratios('raw-batched');
  return {
    name: `fan-out to ${clients} client${clients === 1 ? '' : 's'} (WebSockets, MessagePack, ${messageBytes.length}-byte messages)`,
    value: Math.round(rate('signalr')),
    unit: 'messages/s',
    baselineName: 'raw ws, same bytes, one frame per message, corked',
    baselineValue: Math.round(rate('raw')),
    ratio: median(vsRaw),
    goal: '>= 0.7',
    notes:
      `median of ${rounds} alternating ${windowMs} ms windows, each side in its own process; ` +
      `per-round ratio range ${range(vsRaw)}; ` +
      `vs raw ws sending each batch as one pre-built frame (no per-message work, ${Math.round(rate('raw-batched'))} messages/s): ` +
      `ratio ${median(vsBatched).toFixed(2)} (range ${range(vsBatched)}); ` +
      `server CPU per 1,000 delivered: ours ${cpu('signalr')} µs, raw ${cpu('raw')} µs, raw batched ${cpu('raw-batched')} µs; ` +
      `ours joins a flush's messages into one WebSocket frame, raw sends one frame per message; ` +
      `clients: raw ws sockets in a child process per side (SignalR handshake for ours), counting length-prefixed messages; ` +
      `${messagesPerBatch} messages per batch, producer pauses above ${backlogBytesPerClient / 1024} KiB backlog per client`,
  };
}

const bench: Bench = {
  name: 'signalr-fanout',
  async run() {
    const results: BenchResult[] = [];
    for (const clients of clientCounts) results.push(await runCase(clients));
    return results;
  },
};

export default bench;
