/**
 * Plain HTTP: health, Prometheus metrics, the JSON snapshot of every index, publisher POSTs, and the
 * ticker page. Anything else is 404; a handler that fails answers 500 and the server keeps running.
 */
import type { Registry } from 'prom-client';
import { wire } from '../../proto/wire.ts';
import type { Feed } from '../feed/feed.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../transport/types.ts';
import type { StaticFiles } from './static-files.ts';

export interface RouteDeps {
  readonly feed: Feed;
  readonly indexIds: readonly string[];
  readonly metrics: Registry;
  readonly statics: StaticFiles;
  readonly ingest: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;
  readonly health: () => Record<string, unknown>;
}

const json = (status: number, value: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

export function createRoutes(deps: RouteDeps): HttpHandler {
  return async (req) => {
    const { method, path } = req;
    if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) return json(200, { ok: true, ...deps.health() });
    if (path === '/metrics' && method === 'GET') {
      return { status: 200, headers: { 'content-type': deps.metrics.contentType }, body: await deps.metrics.metrics() };
    }
    if (path === '/v1/snapshot' && method === 'GET') return json(200, snapshot(deps));
    if (path === '/v1/quotes') {
      return method === 'POST' ? deps.ingest(req) : json(405, { error: 'POST an IngestBatch to /v1/quotes' });
    }
    if (method === 'GET' || method === 'HEAD') {
      const file = deps.statics.serve(path);
      if (file) return file;
    }
    return json(404, { error: `no route for ${method} ${path}` });
  };
}

/**
 * The JSON state of every index, in the protobuf JSON mapping of IndexState: exactly what a client
 * rebuilds from the `index.<ID>` snapshot and deltas.
 */
function snapshot(deps: RouteDeps): Record<string, unknown> {
  const indexes: Record<string, unknown> = {};
  for (const id of deps.indexIds) {
    const state = deps.feed.channelState(`index.${id}`)?.index;
    if (state) indexes[id] = wire.IndexState.toObject(wire.IndexState.fromObject(state), { json: true, enums: String });
  }
  const status = deps.feed.channelState('status')?.status ?? {};
  return {
    epoch: deps.feed.epoch,
    serverTimeMs: Date.now(),
    indexes,
    status: wire.StatusState.toObject(wire.StatusState.fromObject(status), { json: true, enums: String, longs: String }),
  };
}
