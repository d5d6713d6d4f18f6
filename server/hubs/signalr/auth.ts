// Access tokens (Authorization: Bearer, or ?access_token= as browsers send for WebSockets and
// SSE) and browser origins (CORS for HTTP, an Origin check for WebSocket upgrades).
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

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Whether a browser page from `origin` may use the hubs: no Origin (not a browser), the same host,
 * a loopback page (the dev server), or one listed in `allowedOrigins`. Any other site could
 * otherwise drive a local trading server through the user's browser.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host === host || isLoopbackHost(parsed.hostname);
}
