// The express app: the Host/Origin check on every request, the health endpoint, the hubs
// (mounted by the SignalR server on the same app and http server) and the built editor.
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { hostRefusal } from '../hubs/signalr/index';
import type { HostRules } from '../hubs/signalr/index';
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
  /** Host names and origins allowed besides loopback on the server's own port (default: none). */
  hostRules?: HostRules;
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
  const hostRules = options.hostRules ?? { allowedHosts: [], allowedOrigins: [] };
  app.use((request, response, next) => {
    const refusal = hostRefusal(request.headers, request.socket.localPort, hostRules);
    if (refusal === undefined) return next();
    options.logger.warn(
      { host: request.headers.host, origin: request.headers.origin },
      'request refused: Host or Origin not allowed',
    );
    response.status(403).type('text/plain').send(refusal);
  });
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
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      // the request itself was bad (an undecodable URL, a malformed body): say so, not "internal error"
      response.status(status).json({ ok: false, error: clientErrorText(status) });
      return;
    }
    options.logger.error({ err: error, path: request.originalUrl }, 'http request failed');
    response.status(500).json({ ok: false, error: 'internal error; see the server log' });
  });
  return { app, server, servesClient };
}

/** A 4xx status express or a body parser attached to the error, if any. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function clientErrorText(status: number): string {
  if (status === 400) return 'bad request: the URL or the body could not be decoded';
  if (status === 413) return 'request body too large';
  return `request refused (HTTP ${status})`;
}
