import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The ticker page (client/app) is built to dist/app and served by the server at `/`.
// `vite` (dev) serves the page with hot reload and proxies the feed to `npm start` on :8080.
const backend = process.env.HASHCAP_BACKEND ?? 'http://localhost:8080';
const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'client/app',
  // The page imports the SDK by its package name (@hashcap/client), built here from its source.
  resolve: { alias: { '@hashcap/client': fileURLToPath(new URL('client/sdk/index.ts', import.meta.url)) } },
  // The page imports the SDK (client/sdk) and the wire code (proto/), which live outside the root.
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/v1': { target: backend, ws: true, changeOrigin: true },
      '/metrics': { target: backend, changeOrigin: true },
      '/healthz': { target: backend, changeOrigin: true },
    },
  },
  // The generated wire code imports protobufjs/minimal.js, which is CommonJS: pre-bundle it in dev.
  optimizeDeps: { include: ['protobufjs/minimal.js', 'lightweight-charts'] },
  build: {
    outDir: '../../dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
});
