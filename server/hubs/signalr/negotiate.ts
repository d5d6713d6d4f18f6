// POST {hub}/negotiate: creates a connection and says how to reach it.
import type { HubEndpoint } from './hub-endpoint';
import type { TransferFormat } from './hub-protocol';
import { transportFormats } from './transports/transport';

export interface NegotiateInput {
  query: URLSearchParams;
  authenticated: boolean;
}

/** The client's negotiateVersion (the .NET server reads the name case-insensitively); 0 when absent. */
export function requestedVersion(query: URLSearchParams): number {
  for (const [key, value] of query) {
    if (key.toLowerCase() === 'negotiateversion') {
      const version = Number.parseInt(value, 10);
      return Number.isFinite(version) && version > 0 ? version : 0;
    }
  }
  return 0;
}

export function negotiate(endpoint: HubEndpoint, input: NegotiateInput): Record<string, unknown> {
  const negotiateVersion = Math.min(requestedVersion(input.query), 1);
  const statefulNegotiated =
    endpoint.options.statefulReconnect && input.query.get('useStatefulReconnect') === 'true';
  const connection = endpoint.create({
    negotiateVersion,
    statefulNegotiated,
    authenticated: input.authenticated,
  });
  if (connection === undefined)
    return { error: 'The server has too many pending connections; try again later.' };
  const availableTransports = endpoint.options.transports.map((transport) => ({
    transport,
    transferFormats: transportFormats[transport] as readonly TransferFormat[],
  }));
  // Field order follows the .NET server.
  const response: Record<string, unknown> = negotiateVersion >= 1 ? { negotiateVersion } : {};
  response.connectionId = connection.connectionId;
  if (negotiateVersion >= 1) response.connectionToken = connection.token;
  response.availableTransports = availableTransports;
  if (statefulNegotiated) response.useStatefulReconnect = true;
  endpoint.logger.debug(
    { connectionId: connection.connectionId, negotiateVersion, stateful: statefulNegotiated },
    'negotiated',
  );
  return response;
}
