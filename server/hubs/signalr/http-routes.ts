// Express routes of one hub: negotiate, SSE and long-polling GETs, POSTed sends, DELETE.
import type { Express, Request, Response } from 'express';
import { authorize } from './auth';
import { hostRefusal } from './host-policy';
import type { Connection } from './connection';
import type { HubEndpoint } from './hub-endpoint';
import { negotiate } from './negotiate';
import { answerFirstPoll, LongPollingTransport } from './transports/long-polling';
import { ServerSentEventsTransport } from './transports/sse';

function queryOf(request: Request): URLSearchParams {
  return new URL(request.originalUrl, 'http://localhost').searchParams;
}

function plain(response: Response, status: number, text: string): void {
  response.status(status).type('text/plain').send(text);
}

/** Host and Origin check, then CORS for an allowed origin. Answers 403 and returns false when refused. */
function applyCors(endpoint: HubEndpoint, request: Request, response: Response): boolean {
  const refusal = hostRefusal(request.headers, request.socket.localPort, endpoint.options);
  if (refusal !== undefined) {
    plain(response, 403, refusal);
    return false;
  }
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Vary', 'Origin');
  return true;
}

function preflight(endpoint: HubEndpoint) {
  return (request: Request, response: Response): void => {
    if (!applyCors(endpoint, request, response)) return;
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    const requested = request.headers['access-control-request-headers'];
    response.setHeader(
      'Access-Control-Allow-Headers',
      requested ?? 'x-signalr-user-agent, x-requested-with, authorization, content-type',
    );
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  };
}

/** Auth + CORS common to every hub request; answers and returns undefined when refused. */
function admit(
  endpoint: HubEndpoint,
  request: Request,
  response: Response,
): { query: URLSearchParams; authenticated: boolean } | undefined {
  if (!applyCors(endpoint, request, response)) return undefined;
  const query = queryOf(request);
  const auth = authorize(endpoint.options, request.headers, query);
  if (!auth.allowed) {
    response.setHeader('WWW-Authenticate', 'Bearer');
    plain(response, 401, 'Unauthorized');
    return undefined;
  }
  return { query, authenticated: auth.authenticated };
}

async function readBody(request: Request, bytesMax: number): Promise<Buffer | undefined> {
  // A body parser registered before us may have consumed the stream already.
  const parsed: unknown = request.body;
  if (Buffer.isBuffer(parsed)) return parsed;
  if (typeof parsed === 'string') return Buffer.from(parsed, 'utf8');
  if (request.readableEnded) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > bytesMax) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

function findConnection(
  endpoint: HubEndpoint,
  query: URLSearchParams,
  response: Response,
): Connection | undefined {
  const token = query.get('id');
  if (token === null || token === '') {
    plain(response, 400, 'Connection ID required');
    return undefined;
  }
  const connection = endpoint.findByToken(token);
  if (connection === undefined) plain(response, 404, 'No Connection with that ID');
  return connection;
}

function handleGet(
  endpoint: HubEndpoint,
  request: Request,
  response: Response,
  query: URLSearchParams,
): void {
  const token = query.get('id') ?? '';
  const lingering = endpoint.findLingering(token);
  if (lingering !== undefined && endpoint.findByToken(token) === undefined)
    return lingering.poll(response, Date.now());
  const connection = findConnection(endpoint, query, response);
  if (connection === undefined) return;
  const nowMs = Date.now();
  const wantsEvents = (request.headers.accept ?? '').includes('text/event-stream');
  const kind = wantsEvents ? 'ServerSentEvents' : 'LongPolling';
  if (!endpoint.options.transports.includes(kind))
    return plain(response, 404, `${kind} is not offered by this server.`);
  if (connection.state === 'negotiated') {
    if (wantsEvents) return connection.attach(new ServerSentEventsTransport(response, connection), nowMs);
    connection.attach(new LongPollingTransport(connection, nowMs), nowMs);
    return answerFirstPoll(response);
  }
  if (connection.transportKind !== kind)
    return plain(response, 400, 'Cannot change transports mid-connection.');
  if (kind === 'ServerSentEvents')
    return plain(response, 409, 'Another SSE stream is already active for this connection.');
  (connection.transport as LongPollingTransport).poll(response, nowMs);
}

export function registerHubRoutes(app: Express, endpoint: HubEndpoint): void {
  const { path } = endpoint;
  const inFlightPosts = new WeakSet<Connection>();

  app.options([path, `${path}/negotiate`], preflight(endpoint));

  app.post(`${path}/negotiate`, (request, response) => {
    const admitted = admit(endpoint, request, response);
    if (admitted === undefined) return;
    response.status(200).json(negotiate(endpoint, admitted));
  });

  app.get(path, (request, response) => {
    const admitted = admit(endpoint, request, response);
    if (admitted !== undefined) handleGet(endpoint, request, response, admitted.query);
  });

  app.post(path, async (request, response) => {
    const admitted = admit(endpoint, request, response);
    if (admitted === undefined) return;
    const connection = findConnection(endpoint, admitted.query, response);
    if (connection === undefined) return;
    if (connection.transportKind === 'WebSockets')
      return plain(response, 405, 'POST requests are not allowed for WebSocket connections.');
    if (connection.transportKind === undefined)
      return plain(response, 400, 'The connection has no transport yet.');
    if (inFlightPosts.has(connection)) return plain(response, 409, 'Another send request is in progress.');
    inFlightPosts.add(connection);
    try {
      const body = await readBody(request, endpoint.options.receiveMessageBytesMax * 8);
      if (body === undefined) return plain(response, 413, 'Request body too large.');
      if (connection.state === 'closed') return plain(response, 404, 'No Connection with that ID');
      connection.received(body);
      response.status(200).end();
    } finally {
      inFlightPosts.delete(connection);
    }
  });

  app.delete(path, (request, response) => {
    const admitted = admit(endpoint, request, response);
    if (admitted === undefined) return;
    const connection = findConnection(endpoint, admitted.query, response);
    if (connection === undefined) return;
    if (connection.transportKind !== 'LongPolling')
      return plain(response, 400, 'Cannot terminate this connection using the DELETE endpoint.');
    connection.end();
    plain(response, 202, 'Accepted');
  });
}
