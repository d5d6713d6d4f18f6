// Fan-out of one MessagePack message stream to 1, 10 and 100 local WebSocket clients: messages
// delivered per second through our SignalR server (group send, encoded once per send, batched
// per tick) against raw `ws` sending the same framed bytes to the same sockets (corked per batch).
// The clients live in a child process (bench/signalr-fanout-clients.ts) so the CPU measured with
// process.cpuUsage() is the server's (plus the identical producer loop).
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
import type { Bench, BenchResult } from './types';

const clientCounts = [1, 10, 100];
const warmupMs = 500;
const measureMs = 2_500;
const messagesPerBatch = 64;
/** The producer pauses while more than this many bytes per client wait unsent. */
const backlogBytesPerClient = 256 * 1024;
const hubPath = '/hubs/bench';
const target = 'tick';
const payload = 'abcdefghijklmnopqrstuvwxyz0123'; // makes a 40-byte framed message
const clientScript = fileURLToPath(new URL('./signalr-fanout-clients.ts', import.meta.url));

interface Fanout {
  url: string;
  /** Sends one batch of messages to every client. */
  sendBatch(): void;
  backlogBytes(): number;
  close(): Promise<void>;
}

interface Measurement {
  messagesPerSecond: number;
  cpuMicrosPerThousand: number;
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

async function startSignalR(): Promise<Fanout> {
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
    sendBatch() {
      for (let index = 0; index < messagesPerBatch; index++) group.send(target, payload);
    },
    backlogBytes() {
      const stats = signalr.stats(hubPath);
      return stats.bufferedBytes + stats.queuedMessages * 40;
    },
    async close() {
      await signalr.close();
      await closeServer(server);
    },
  };
}

async function startRaw(): Promise<Fanout> {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => sockets.push(socket));
  const port = await listen(server);
  const bytes = createMsgpackProtocol(1 << 20).write({ type: 1, target, arguments: [payload] });
  return {
    url: `ws://127.0.0.1:${port}/`,
    sendBatch() {
      for (const socket of sockets) {
        const tcp = Reflect.get(socket, '_socket') as Socket;
        tcp.cork();
        for (let index = 0; index < messagesPerBatch; index++)
          socket.send(bytes, { binary: true, compress: false });
        tcp.uncork();
      }
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

function request<T>(child: ChildProcess, command: object, reply: string): Promise<T> {
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

async function measure(fanout: Fanout, clients: number, handshake: boolean): Promise<Measurement> {
  const child = fork(clientScript, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await request(child, { kind: 'setup', url: fanout.url, clients, handshake }, 'ready');
    await new Promise((resolve) => setTimeout(resolve, 100)); // let onConnected join the group
    const backlogMax = backlogBytesPerClient * clients;
    let measuring = false;
    let startCount = 0;
    let startCpu = process.cpuUsage();
    let startMs = 0;
    const runUntil = Date.now() + warmupMs + measureMs;
    const warmupEnd = Date.now() + warmupMs;
    while (Date.now() < runUntil) {
      if (!measuring && Date.now() >= warmupEnd) {
        measuring = true;
        startCount = (await request<{ received: number }>(child, { kind: 'count' }, 'count')).received;
        startCpu = process.cpuUsage();
        startMs = Date.now();
      }
      if (fanout.backlogBytes() < backlogMax) fanout.sendBatch();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const cpu = process.cpuUsage(startCpu);
    const elapsedMs = Date.now() - startMs;
    const delivered =
      (await request<{ received: number }>(child, { kind: 'count' }, 'count')).received - startCount;
    return {
      messagesPerSecond: (delivered / elapsedMs) * 1000,
      cpuMicrosPerThousand: ((cpu.user + cpu.system) / Math.max(delivered, 1)) * 1000,
    };
  } finally {
    child.send({ kind: 'stop' });
  }
}

async function runCase(clients: number): Promise<BenchResult> {
  const raw = await startRaw();
  const rawFigures = await measure(raw, clients, false);
  await raw.close();
  const ours = await startSignalR();
  const ourFigures = await measure(ours, clients, true);
  await ours.close();
  return {
    name: `fan-out to ${clients} client${clients === 1 ? '' : 's'} (WebSockets, MessagePack, 40-byte messages)`,
    value: Math.round(ourFigures.messagesPerSecond),
    unit: 'messages/s',
    baselineName: 'raw ws, same bytes, corked',
    baselineValue: Math.round(rawFigures.messagesPerSecond),
    ratio: ourFigures.messagesPerSecond / rawFigures.messagesPerSecond,
    goal: '>= 0.7',
    notes:
      `server CPU per 1,000 delivered: ours ${ourFigures.cpuMicrosPerThousand.toFixed(0)} µs, raw ${rawFigures.cpuMicrosPerThousand.toFixed(0)} µs; ` +
      `clients: raw ws sockets in a child process (SignalR handshake for ours), counting length-prefixed messages; ` +
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
