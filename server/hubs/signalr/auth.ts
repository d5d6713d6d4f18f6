// Access tokens (Authorization: Bearer, or ?access_token= as browsers send for WebSockets and
// SSE). Host and Origin rules live in host-policy.ts.
import type { IncomingHttpHeaders } from 'node:http';
import type { ResolvedOptions } from './options';

export function readToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const header = headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (match !== null) return match[1];
  }
  const fromQuery = query.get('access_token');
  return fromQuery === null || fromQuery === '' ? undefined : fromQuery;
}

export type AuthOutcome = { allowed: true; authenticated: boolean } | { allowed: false };

export function authorize(
  options: ResolvedOptions,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): AuthOutcome {
  const token = readToken(headers, query);
  let authenticated = false;
  if (token !== undefined && options.validateToken !== undefined) {
    try {
      authenticated = options.validateToken(token);
    } catch (error) {
      options.logger.warn({ err: error }, 'validateToken threw; treating the token as invalid');
    }
  }
  if (options.requireAuth && !authenticated) return { allowed: false };
  return { allowed: true, authenticated };
}
