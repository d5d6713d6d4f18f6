// The express app: the health endpoint, the hubs (mounted by the SignalR server on the same
// app and http server) and the built editor.
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { mountStaticClient } from './static-client';

export interface HealthBody {
  ok: true;
  version: string;
  uptimeMs: number;
  runs: RunStatus[];
}

export interface HttpOptions {
  version: string;
  startedAtMs: number;
  /** Status of every run, for /api/health. */
  runs(): RunStatus[];
  /** Mounts the hubs (SignalRServer.attach) before the client's fallback route. */
  attachHubs(app: Express, server: Server): void;
  /** Built client to serve, or null for a headless server. */
  clientDistDir: string | null;
  logger: Logger;
}

export interface HttpParts {
  app: Express;
  server: Server;
  /** True when the built editor is served. */
  servesClient: boolean;
}

export function createHttp(options: HttpOptions): HttpParts {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/health', (_request, response) => {
    const body: HealthBody = {
      ok: true,
      version: options.version,
      uptimeMs: Date.now() - options.startedAtMs,
      runs: options.runs(),
    };
    response.json(body);
  });
  const server = createServer(app);
  options.attachHubs(app, server);
  const servesClient = options.clientDistDir !== null && mountStaticClient(app, options.clientDistDir);
  app.use('/api', (request, response) => {
    response.status(404).json({ ok: false, error: `no API route ${request.method} ${request.originalUrl}` });
  });
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    options.logger.error({ err: error, path: request.originalUrl }, 'http request failed');
    response.status(500).json({ ok: false, error: 'internal error; see the server log' });
  });
  return { app, server, servesClient };
}
