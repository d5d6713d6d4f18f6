// Which Host and Origin a request may carry. Without this check a page on any site can drive a
// local server through the user's browser: by DNS rebinding (its own name resolves to 127.0.0.1,
// so Host = Origin = the attacker's name), from another local port, or from a name such as
// evil.localhost. Allowed: the loopback names and addresses with the port the request arrived
// on, plus the names the operator lists; an Origin, when present, must pass the same test (or be
// listed exactly as an allowed origin).
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export interface HostRules {
  /** Extra host names (any port) or `name:port` (that port only) the operator allows. */
  allowedHosts: readonly string[];
  /** Browser origins allowed besides those whose host is allowed, written exactly (`https://desk.example`). */
  allowedOrigins: readonly string[];
}

interface HostAndPort {
  hostname: string;
  /** The port as written, or undefined when the Host or Origin names none. */
  port: number | undefined;
}

/** `localhost:8080`, `[::1]:8080`, `127.0.0.1` -> parts; undefined when it is not a plain host. */
export function parseHost(value: string): HostAndPort | undefined {
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return undefined;
  }
  // anything besides host[:port] (a path, user info, a query) is not a Host header
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  )
    return undefined;
  if (value.includes('/') || value.includes('@') || value.includes('?') || value.includes('#'))
    return undefined;
  const port = url.port === '' ? undefined : Number(url.port);
  return { hostname: url.hostname.toLowerCase(), port };
}

/** Exactly `localhost`, an IPv4 address in 127.0.0.0/8, or `[::1]`: never `*.localhost`. */
export function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

function isHostAllowed(host: HostAndPort, defaultPort: number, localPort: number, rules: HostRules): boolean {
  const port = host.port ?? defaultPort;
  if (isLoopbackName(host.hostname) && port === localPort) return true;
  for (const entry of rules.allowedHosts) {
    const allowed = parseHost(entry);
    if (allowed === undefined || allowed.hostname !== host.hostname) continue;
    if (allowed.port === undefined || allowed.port === port) return true;
  }
  return false;
}

/**
 * Why a request with these headers, received on `localPort`, is refused; undefined when allowed.
 * The text is for the client (status 403) and names the header and what would be accepted.
 */
export function hostRefusal(
  headers: IncomingHttpHeaders,
  localPort: number | undefined,
  rules: HostRules,
): string | undefined {
  const hostHeader = headers.host;
  if (hostHeader === undefined || hostHeader === '') return 'Forbidden: the request has no Host header.';
  const host = parseHost(hostHeader);
  if (host === undefined || localPort === undefined || !isHostAllowed(host, 80, localPort, rules)) {
    return (
      `Forbidden: Host '${printable(hostHeader)}' is not allowed. This server answers to localhost, ` +
      `127.0.0.1 and [::1] on its own port, and to the host names its operator lists ` +
      `(--allowed-hosts or PATCHDESK_ALLOWED_HOSTS).`
    );
  }
  const origin = headers.origin;
  if (origin === undefined || rules.allowedOrigins.includes(origin)) return undefined;
  if (!isOriginAllowed(origin, localPort, rules)) {
    return (
      `Forbidden: a page from origin '${printable(origin)}' may not use this server. Pages served by ` +
      `this server (or from an origin its operator lists) may.`
    );
  }
  return undefined;
}

function isOriginAllowed(origin: string, localPort: number, rules: HostRules): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file:// pages)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (origin !== url.origin) return false;
  const host = parseHost(url.host);
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return host !== undefined && isHostAllowed(host, defaultPort, localPort, rules);
}

/** Header text echoed in a refusal: printable ASCII, bounded. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}...` : clean;
}
