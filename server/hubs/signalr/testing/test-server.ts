// Starts an express + http server on 127.0.0.1:0 with the test hub, and builds official clients.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import type { HubConnection, IHttpConnectionOptions } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import express from 'express';
import { pino } from 'pino';
import { SignalRServer } from '../index';
import type { SignalRServerOptions } from '../index';
import { createTestHub } from './test-hub';
import type { TestHubProbe } from './test-hub';

export const testHubPath = '/hubs/test';

export interface TestServer {
  baseUrl: string;
  hubUrl: string;
  signalr: SignalRServer;
  probe: TestHubProbe;
  /** Destroys every TCP socket the server holds: a network drop, no Close message. */
  dropSockets(): void;
  close(): Promise<void>;
}

export async function startTestServer(options: SignalRServerOptions = {}): Promise<TestServer> {
  const app = express();
  const httpServer = createServer(app);
  const sockets = new Set<Socket>();
  httpServer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const signalr = new SignalRServer({
    logger: pino({ level: process.env.SIGNALR_TEST_LOG ?? 'silent' }),
    ...options,
  });
  const probe: TestHubProbe = { cancelled: [], received: [], connected: [], disconnected: [] };
  signalr.mapHub(testHubPath, createTestHub(probe));
  signalr.attach(app, httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    hubUrl: baseUrl + testHubPath,
    signalr,
    probe,
    dropSockets() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      await signalr.close();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

export type ProtocolChoice = 'json' | 'messagepack';

export interface ClientChoice {
  transport?: HttpTransportType;
  protocol?: ProtocolChoice;
  stateful?: boolean;
  /** The client's stateful-reconnect send buffer (its default is 100,000 bytes). */
  statefulBufferBytes?: number;
  reconnectDelaysMs?: number[];
  /** `WebSocket` (a constructor) is honoured by the client though its typings omit it. */
  http?: Partial<IHttpConnectionOptions> & { WebSocket?: unknown };
  keepAliveIntervalMs?: number;
  serverTimeoutMs?: number;
}

export function buildClient(url: string, choice: ClientChoice = {}): HubConnection {
  let builder = new HubConnectionBuilder()
    .withUrl(url, { transport: choice.transport, ...choice.http })
    .configureLogging(process.env.SIGNALR_TEST_CLIENT_LOG === '1' ? LogLevel.Debug : LogLevel.None);
  if (choice.protocol === 'messagepack') builder = builder.withHubProtocol(new MessagePackHubProtocol());
  if (choice.stateful === true)
    builder = builder.withStatefulReconnect({ bufferSize: choice.statefulBufferBytes ?? 100_000 });
  if (choice.reconnectDelaysMs !== undefined)
    builder = builder.withAutomaticReconnect(choice.reconnectDelaysMs);
  if (choice.keepAliveIntervalMs !== undefined)
    builder = builder.withKeepAliveInterval(choice.keepAliveIntervalMs);
  if (choice.serverTimeoutMs !== undefined) builder = builder.withServerTimeout(choice.serverTimeoutMs);
  return builder.build();
}

/** Every transport with every protocol the client allows on it (MessagePack has no SSE). */
export const transportMatrix: { name: string; transport: HttpTransportType; protocol: ProtocolChoice }[] = [
  { name: 'WebSockets + JSON', transport: HttpTransportType.WebSockets, protocol: 'json' },
  { name: 'WebSockets + MessagePack', transport: HttpTransportType.WebSockets, protocol: 'messagepack' },
  { name: 'ServerSentEvents + JSON', transport: HttpTransportType.ServerSentEvents, protocol: 'json' },
  { name: 'LongPolling + JSON', transport: HttpTransportType.LongPolling, protocol: 'json' },
  { name: 'LongPolling + MessagePack', transport: HttpTransportType.LongPolling, protocol: 'messagepack' },
];

/** Resolves when `check` holds, polling every 2 ms; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The class name of the transport the client picked (reads the client's private state). */
export function clientTransportName(client: HubConnection): string {
  const connection: unknown = Reflect.get(client, 'connection');
  const transport: unknown = Reflect.get(connection as object, 'transport');
  return (transport as object).constructor.name;
}
