// Test support: a real server on a free port over a temporary store, and real
// @microsoft/signalr clients (MessagePack by default) connected to its hubs.
import { HubConnectionBuilder, HttpTransportType, LogLevel } from '@microsoft/signalr';
import type { HubConnection } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledPaths } from './paths';
import { startServer } from './start-server';
import type { RunningServer, StartServerOptions } from './start-server';

export interface TestServer {
  server: RunningServer;
  storeDir: string;
  connect(path: string, options?: { protocol?: 'msgpack' | 'json'; token?: string }): Promise<HubConnection>;
  /** Stops the clients, closes the server and (unless keepStore) removes the store. */
  stop(options?: { keepStore?: boolean }): Promise<void>;
}

/** A temporary store holding a copy of the shipped example patches. */
export function makeTestStore(): string {
  const storeDir = mkdtempSync(join(tmpdir(), 'patchdesk-store-'));
  cpSync(bundledPaths.examplePatches, storeDir, {
    recursive: true,
    // The examples' shipped history (their first version) comes along; drafts never do.
    filter: (source) => !source.includes('.drafts'),
  });
  return storeDir;
}

export async function startTestServer(options: Partial<StartServerOptions> = {}): Promise<TestServer> {
  const storeDir = options.storeDir ?? makeTestStore();
  const server = await startServer({
    port: 0,
    demo: null,
    clientDistDir: null,
    logging: { console: 'off', level: 'debug' },
    draftDelayMs: 20,
    // a throwaway embedded database, opened only if a test starts a paper run with a journal
    database: { dataDir: ':memory:' },
    ...options,
    storeDir,
  });
  const connections: HubConnection[] = [];
  return {
    server,
    storeDir,
    async connect(path, connectOptions = {}) {
      const { token } = connectOptions;
      const builder = new HubConnectionBuilder()
        .withUrl(`${server.url}${path}`, {
          transport: HttpTransportType.WebSockets,
          accessTokenFactory: token ? () => token : undefined,
        })
        .configureLogging(LogLevel.None);
      if (connectOptions.protocol !== 'json') builder.withHubProtocol(new MessagePackHubProtocol());
      const connection = builder.build();
      connections.push(connection);
      await connection.start();
      return connection;
    },
    async stop(stopOptions = {}) {
      await Promise.all(connections.map((connection) => connection.stop()));
      await server.close();
      if (!stopOptions.keepStore) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
