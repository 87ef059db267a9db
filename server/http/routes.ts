/**
 * Plain HTTP: health, Prometheus metrics, the JSON snapshot of every index, publisher POSTs, and the
 * ticker page. Anything else is 404; a handler that fails answers 500 and the server keeps running.
 * Each role serves its part: publisher POSTs where the ingest is (all, aggregator), the page where
 * /v1/stream is (all, gateway); health, metrics and the snapshot everywhere — a gateway's from its
 * mirror of the aggregator's state.
 */
import type { Registry } from 'prom-client';
import { wire } from '../../proto/wire.ts';
import type { ChannelState } from '../../proto/merge.ts';
import type { StateSource } from '../feed/source.ts';
import type { HttpHandler, HttpRequest, HttpResponse } from '../transport/types.ts';
import type { StaticFiles } from './static-files.ts';

export interface RouteDeps {
  readonly feed: StateSource;
  readonly indexIds: readonly string[];
  readonly metrics: Registry;
  /** The ticker page; null where /v1/stream is not served (an aggregator). */
  readonly statics: StaticFiles | null;
  /** POST /v1/quotes; null where there is no ingest (a gateway). */
  readonly ingest: ((req: HttpRequest) => HttpResponse | Promise<HttpResponse>) | null;
  readonly health: () => Record<string, unknown>;
  /** The /healthz status code; default 200 (a standby aggregator answers 503, so load balancers skip it). */
  readonly healthStatus?: () => number;
}

const json = (status: number, value: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

export function createRoutes(deps: RouteDeps): HttpHandler {
  return async (req) => {
    const { method, path } = req;
    if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) return json(deps.healthStatus?.() ?? 200, { ok: true, ...deps.health() });
    if (path === '/metrics' && method === 'GET') {
      return { status: 200, headers: { 'content-type': deps.metrics.contentType }, body: await deps.metrics.metrics() };
    }
    if (path === '/v1/snapshot' && method === 'GET') {
      try {
        return json(200, await snapshot(deps));
      } catch (err) {
        return json(503, { error: `snapshot unavailable: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    if (path === '/v1/quotes' && deps.ingest !== null) {
      return method === 'POST' ? deps.ingest(req) : json(405, { error: 'POST an IngestBatch to /v1/quotes' });
    }
    if ((method === 'GET' || method === 'HEAD') && deps.statics !== null) {
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
async function snapshot(deps: RouteDeps): Promise<Record<string, unknown>> {
  const states = await Promise.all([...deps.indexIds.map((id) => deps.feed.channelState(`index.${id}`)), deps.feed.channelState('status')]);
  const indexes: Record<string, unknown> = {};
  deps.indexIds.forEach((id, i) => {
    const state = (states[i] as ChannelState | undefined)?.index;
    // Through the wire bytes: the state a gateway rebuilt from them and the aggregator's own then read the same.
    if (state) indexes[id] = wire.IndexState.toObject(wire.IndexState.decode(wire.IndexState.encode(state).finish()), { json: true, enums: String });
  });
  const status = (states[deps.indexIds.length] as ChannelState | undefined)?.status ?? {};
  return {
    epoch: deps.feed.epoch,
    serverTimeMs: Date.now(),
    indexes,
    status: wire.StatusState.toObject(wire.StatusState.decode(wire.StatusState.encode(status).finish()), { json: true, enums: String, longs: String }),
  };
}
