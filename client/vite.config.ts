import type { ClientRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const modulesRoot = fileURLToPath(new URL('../modules/', import.meta.url));
// `npm start` and the e2e tests serve the built client from the server on this address.
const serverTarget = process.env.PATCHDESK_SERVER ?? 'http://127.0.0.1:8080';

/**
 * The server refuses pages from another origin (DNS rebinding, other local ports; see
 * SECURITY.md), and the dev server's page is on another port. changeOrigin already rewrites
 * Host; this rewrites a browser's Origin likewise, so the proxied editor is the server's own page.
 */
function sameOriginAsServer(proxy: {
  on(event: 'proxyReq' | 'proxyReqWs', listener: (request: ClientRequest) => void): void;
}): void {
  const origin = new URL(serverTarget).origin;
  const rewrite = (request: ClientRequest): void => {
    if (request.getHeader('origin') !== undefined) request.setHeader('origin', origin);
  };
  proxy.on('proxyReq', rewrite);
  proxy.on('proxyReqWs', rewrite);
}

export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  resolve: {
    // The patch language is TypeScript source in the workspace; compile it with the client.
    alias: [{ find: /^@patchdesk\/modules\/(.*)$/, replacement: `${modulesRoot}$1` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/hubs': { target: serverTarget, ws: true, changeOrigin: true, configure: sameOriginAsServer },
      '/api': { target: serverTarget, ws: true, changeOrigin: true, configure: sameOriginAsServer },
    },
  },
});
