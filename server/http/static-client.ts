// Serves the built editor (client/dist) with a single-page-app fallback: any GET that is not an
// API or hub path and names no file gets index.html, so deep links into the editor work.
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Path prefixes owned by the server; never answered with the editor's index.html. */
const serverPrefixes = ['/api/', '/hubs/'];

/** Mounts the client when `distDir/index.html` exists; returns whether it did. */
export function mountStaticClient(app: Express, distDir: string): boolean {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  app.use(express.static(distDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex }));
  app.get('/{*rest}', (request: Request, response: Response, next: NextFunction) => {
    if (serverPrefixes.some((prefix) => request.path.startsWith(prefix))) return next();
    if (!request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return true;
}

/** index.html names the hashed bundles, so it must be revalidated; the bundles may be cached. */
function noCacheForIndex(response: Response, path: string): void {
  if (path.endsWith('index.html')) response.setHeader('Cache-Control', 'no-cache');
}
