// Base-URL overrides: ccxt keeps a venue's endpoints in `urls.api`, a nested object of URL
// strings (some with a "{hostname}" placeholder). A proxy, a testnet mirror or our fake venue
// serves the same paths on another host, so we rewrite scheme and host and keep the path.
export interface BaseUrlOverride {
  rest?: string;
  ws?: string;
}

/** A copy of `api` with every http(s) URL moved to `rest` and every ws(s) URL to `ws`. */
export function overrideBaseUrls(api: unknown, hostname: string | undefined, base: BaseUrlOverride): unknown {
  if (typeof api === 'string') {
    const url = hostname === undefined ? api : api.replaceAll('{hostname}', hostname);
    const origin = /^(https?|wss?):\/\/[^/]+/.exec(url);
    if (!origin) return url;
    const isWs = origin[1].startsWith('ws');
    const target = isWs ? base.ws : base.rest;
    return target === undefined ? url : trimSlash(target) + url.slice(origin[0].length);
  }
  if (Array.isArray(api)) return api.map((item) => overrideBaseUrls(item, hostname, base));
  if (api !== null && typeof api === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(api)) copy[key] = overrideBaseUrls(value, hostname, base);
    return copy;
  }
  return api;
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
