/**
 * Serves the built ticker page (dist/app, made by `vite build`). Files are read once and kept in
 * memory: the page is small and served to every browser. Paths are resolved strictly inside the root.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { HttpResponse } from '../transport/types.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const FALLBACK_PAGE = `<!doctype html><meta charset="utf-8"><title>hashcap</title>
<body style="font-family:system-ui;margin:2rem"><h1>hashcap</h1>
<p>The ticker page has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>
<p>The feed is live: <a href="/v1/snapshot">/v1/snapshot</a>, <a href="/metrics">/metrics</a>, websocket <code>/v1/stream</code>.</p></body>`;

export class StaticFiles {
  private readonly files: Map<string, { body: Uint8Array; type: string }>;

  constructor(root: string) {
    this.files = new Map();
    if (existsSync(root)) this.load(root, root);
  }

  get built(): boolean {
    return this.files.has('/index.html');
  }

  serve(path: string): HttpResponse | null {
    const file = this.files.get(path === '/' ? '/index.html' : path);
    if (file) {
      const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return { status: 200, headers: { 'content-type': file.type, 'cache-control': cache }, body: file.body };
    }
    if (path === '/' || path === '/index.html') {
      return { status: 200, headers: { 'content-type': TYPES['.html']! }, body: FALLBACK_PAGE };
    }
    return null;
  }

  private load(root: string, dir: string): void {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) this.load(root, full);
      else {
        const url = `/${relative(root, full).split('\\').join('/')}`;
        this.files.set(url, { body: readFileSync(full), type: TYPES[extname(name)] ?? 'application/octet-stream' });
      }
    }
  }
}
