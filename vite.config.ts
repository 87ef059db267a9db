import { defineConfig } from 'vite';

// The ticker page (client/app) is built to dist/app and served by the server at `/`.
export default defineConfig({
  root: 'client/app',
  build: {
    outDir: '../../dist/app',
    emptyOutDir: true,
  },
});
