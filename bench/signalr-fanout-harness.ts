// The sides compared by bench/signalr-fanout.bench.ts, and the client process they send to.
// Every side sends the same framed MessagePack Invocation bytes, `messagesPerBatch` per batch,
// to N WebSocket clients in a child process (bench/signalr-fanout-clients.ts, the same code for
// every side) that counts length-prefixed messages:
// - `signalr`: our server; a group send per message (encoded per send, once for all clients),
//   flushed once per event-loop turn, a flush's messages joined into one WebSocket frame;
// - `raw`: `ws` sending the pre-encoded message once per message (one frame each), corked per batch;
// - `raw-batched`: `ws` sending one pre-built frame holding the whole batch: no per-message work at
//   all, the floor for any server.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { defineHub, SignalRServer } from '../server/hubs/signalr/index';
import { createMsgpackProtocol } from '../server/hubs/signalr/msgpack-protocol';

export const messagesPerBatch = 64;
/** The producer pauses while more than this many bytes per client wait unsent. */
export const backlogBytesPerClient = 256 * 1024;
const hubPath = '/hubs/bench';
const target = 'tick';
const payload = 'abcdefghijklmnopqrstuvwxyz0123';
/** One framed message as every side sends it (the server's own encoder, so the bytes match). */
export const messageBytes = createMsgpackProtocol(1 << 20).write({
  type: 1,
  target,
  arguments: [payload],
});
const clientScript = fileURLToPath(new URL('./signalr-fanout-clients.ts', import.meta.url));

export type SideName = 'signalr' | 'raw' | 'raw-batched';

export interface Side {
  readonly name: SideName;
  /** Sends one batch of `messagesPerBatch` messages to every client. */
  sendBatch(): void;
  /** Bytes queued or buffered for the clients, not yet handed to the kernel. */
  backlogBytes(): number;
  /** Messages the clients have received so far. */
  received(): Promise<number>;
  close(): Promise<void>;
}

interface Endpoint {
  url: string;
  handshake: boolean;
  sendBatch(): void;
  backlogBytes(): number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function startSignalR(): Promise<Endpoint> {
  const app = express();
  const server = createServer(app);
  const signalr = new SignalRServer({ logger: pino({ level: 'silent' }), outboundQueueMax: 1_000_000 });
  signalr.mapHub(
    hubPath,
    defineHub({ name: 'BenchHub', methods: {}, onConnected: (ctx) => ctx.groups.add('all') }),
  );
  signalr.attach(app, server);
  const port = await listen(server);
  const group = signalr.clients(hubPath).group('all');
  return {
    url: `ws://127.0.0.1:${port}${hubPath}`,
    handshake: true,
    sendBatch() {
      for (let index = 0; index < messagesPerBatch; index++) group.send(target, payload);
    },
    backlogBytes() {
      const stats = signalr.stats(hubPath);
      return stats.bufferedBytes + stats.queuedMessages * messageBytes.length;
    },
    async close() {
      await signalr.close();
      await closeServer(server);
    },
  };
}

async function startRaw(batched: boolean): Promise<Endpoint> {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => sockets.push(socket));
  const port = await listen(server);
  const batch = Buffer.concat(Array.from({ length: messagesPerBatch }, () => messageBytes));
  const sendEach = (socket: WebSocket) => {
    const tcp = Reflect.get(socket, '_socket') as Socket;
    tcp.cork();
    for (let index = 0; index < messagesPerBatch; index++)
      socket.send(messageBytes, { binary: true, compress: false });
    tcp.uncork();
  };
  return {
    url: `ws://127.0.0.1:${port}/`,
    handshake: false,
    sendBatch() {
      if (batched) for (const socket of sockets) socket.send(batch, { binary: true, compress: false });
      else for (const socket of sockets) sendEach(socket);
    },
    backlogBytes() {
      let total = 0;
      for (const socket of sockets) total += socket.bufferedAmount;
      return total;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

/** Sends a command to a child process and waits for its reply of kind `reply`. */
export function request<T>(child: ChildProcess, command: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind: string; message?: string }) => {
      if (message.kind === 'error') reject(new Error(`bench clients: ${message.message}`));
      if (message.kind !== reply) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send(command);
  });
}

export interface WindowSample {
  delivered: number;
  elapsedMs: number;
  /** User + system CPU of this process over the window. */
  cpuMicros: number;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const drainTimeoutMs = 5_000;
const settleMs = 20;

/** Waits until the side has handed everything to the kernel and its clients had time to read it. */
async function drain(side: Side): Promise<void> {
  const giveUpAtMs = Date.now() + drainTimeoutMs;
  while (side.backlogBytes() > 0) {
    if (Date.now() > giveUpAtMs) throw new Error(`signalr-fanout: ${side.name} did not drain its backlog`);
    await sleep(1);
  }
  await sleep(settleMs);
}

/**
 * Sends for one window, starting from an empty backlog. (No forced GC between windows: a full GC
 * shrinks V8's young generation, which then slowed the allocation-heavy raw side by half.) The window
 * runs from the clients' first count to their second; the producer keeps sending while each count
 * request is in flight, so the side never idles at the edges.
 */
export async function sampleWindow(side: Side, clients: number, durationMs: number): Promise<WindowSample> {
  await drain(side);
  const backlogMax = backlogBytesPerClient * clients;
  const produceUntil = async (done: () => boolean) => {
    while (!done()) {
      if (side.backlogBytes() < backlogMax) side.sendBatch();
      await nextTurn();
    }
  };
  let start: { received: number; atMs: number; cpu: NodeJS.CpuUsage } | undefined;
  void side.received().then((received) => {
    start = { received, atMs: performance.now(), cpu: process.cpuUsage() };
  });
  await produceUntil(() => start !== undefined && performance.now() - start.atMs >= durationMs);
  let end: { received: number; atMs: number; cpu: NodeJS.CpuUsage } | undefined;
  void side.received().then((received) => {
    end = { received, atMs: performance.now(), cpu: process.cpuUsage(start?.cpu) };
  });
  await produceUntil(() => end !== undefined);
  if (start === undefined || end === undefined) throw new Error('signalr-fanout: window without counts');
  return {
    delivered: end.received - start.received,
    elapsedMs: end.atMs - start.atMs,
    cpuMicros: end.cpu.user + end.cpu.system,
  };
}

/** Starts one side with `clients` connected clients in their own child process. */
export async function startSide(name: SideName, clients: number): Promise<Side> {
  const endpoint = name === 'signalr' ? await startSignalR() : await startRaw(name === 'raw-batched');
  const child = fork(clientScript, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await request(child, { kind: 'setup', url: endpoint.url, clients, handshake: endpoint.handshake }, 'ready');
  await new Promise((resolve) => setTimeout(resolve, 100)); // let onConnected join the group
  return {
    name,
    sendBatch: () => endpoint.sendBatch(),
    backlogBytes: () => endpoint.backlogBytes(),
    received: async () => (await request<{ received: number }>(child, { kind: 'count' }, 'count')).received,
    async close() {
      child.send({ kind: 'stop' });
      await endpoint.close();
    },
  };
}
