// WebSocket upgrades on the http server: refuse (403 for a foreign Host or Origin, 404/409/401)
// before upgrading, so a failed
// transport is visible to the client and it can fall back; otherwise bind the socket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { authorize } from './auth';
import { hostRefusal } from './host-policy';
import type { Connection } from './connection';
import type { HubEndpoint } from './hub-endpoint';
import { WebSocketTransport } from './transports/websocket';

function refuse(socket: Duplex, status: number, reason: string, text = reason): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Finds or creates the connection a socket is for; a string is the refusal reason with its status. */
function connectionFor(
  endpoint: HubEndpoint,
  query: URLSearchParams,
  authenticated: boolean,
): Connection | [number, string] {
  const token = query.get('id');
  if (token === null || token === '') {
    // skipNegotiation: the client connects straight to the hub URL and we create the connection here.
    return (
      endpoint.create({ negotiateVersion: 1, statefulNegotiated: false, authenticated }) ?? [
        503,
        'Service Unavailable',
      ]
    );
  }
  const connection = endpoint.findByToken(token);
  if (connection === undefined) return [404, 'Not Found'];
  if (connection.state === 'negotiated' || connection.canReattach()) return connection;
  if (connection.transportKind !== 'WebSockets') return [400, 'Bad Request'];
  return [409, 'Conflict'];
}

/** Handles an upgrade for a mapped hub path; returns false when the path is not ours. */
export function handleUpgrade(
  wss: WebSocketServer,
  endpointFor: (pathname: string) => HubEndpoint | undefined,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const endpoint = endpointFor(url.pathname);
  if (endpoint === undefined) return false;
  const { options } = endpoint;
  if (!options.transports.includes('WebSockets')) {
    refuse(socket, 404, 'Not Found');
    return true;
  }
  const refusal = hostRefusal(request.headers, request.socket.localPort, options);
  if (refusal !== undefined) {
    endpoint.logger.warn(
      { host: request.headers.host, origin: request.headers.origin },
      'WebSocket upgrade refused: Host or Origin not allowed',
    );
    refuse(socket, 403, 'Forbidden', refusal);
    return true;
  }
  const auth = authorize(options, request.headers, url.searchParams);
  if (!auth.allowed) {
    refuse(socket, 401, 'Unauthorized');
    return true;
  }
  const found = connectionFor(endpoint, url.searchParams, auth.authenticated);
  if (Array.isArray(found)) {
    refuse(socket, found[0], found[1]);
    return true;
  }
  wss.handleUpgrade(request, socket, head, (webSocket) => {
    // The connection may have changed while the upgrade completed.
    const reattach = found.state !== 'negotiated';
    if (reattach && !found.canReattach()) return webSocket.close(1008, 'Connection is no longer available');
    const transport = new WebSocketTransport(webSocket, found, options.sendHighWaterMarkBytes);
    if (reattach) found.reattach(transport, Date.now());
    else found.attach(transport, Date.now());
  });
  return true;
}
