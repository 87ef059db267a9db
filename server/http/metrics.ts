/**
 * Prometheus metrics (GET /metrics) with prom-client: its default collectors give event-loop lag,
 * GC and memory for free. Our figures are read from the components' counters at scrape time, so
 * nothing on the hot path touches a metric object.
 *
 * prom-client keeps every label set it was ever given, so each labelled metric takes at most
 * MAX_LABEL_VALUES distinct values; the rest are summed under "other". No label carries a symbol,
 * a publisher or a connection.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

import type { BuildInfo } from './build-info.ts';
import type { LatencyHistogram } from './latency-histogram.ts';

export interface MetricSources {
  connections(): number;
  subscriptions(): number;
  framesPublished(): number;
  bytesPublished(): number;
  sendsDropped(): number;
  slowConsumers(): { warned: number; degraded: number; closed: number; overflowed: number; closedClean: number; terminated: number };
  clientErrors(): ReadonlyMap<number, number>;
  /** Refusals by limit name (a fixed set: server/limits/limit-names.ts). */
  limitRefusals?(): ReadonlyMap<string, number>;
  /** Bytes waiting in every subscriber's send queue together. */
  queuedBytes?(): number;
  ingestAccepted(): number;
  ingestRejected(): readonly { reason: number; name: string; count: number }[];
  indexes(): readonly { id: string; level: number; marketCapUsd: number }[];
  /** The bus between an aggregator and its gateways (absent in one process). */
  bus?(): BusMetrics;
  /** A gateway's mirror of the aggregator's feed. */
  mirror?(): MirrorMetrics;
  /** Requests refused by server/auth since start: no or a bad subscriber token (401), a web origin not allowed (403). */
  refusals?(): { readonly token: number; readonly origin: number };
  /** Ingest accept → the frame carrying it handed to the transport (where this process publishes to one). */
  ingestToPublish?: LatencyHistogram;
  /** The transport in use: its name and its frame published → written histogram; null before it exists. */
  transport?(): { readonly name: string; readonly writeLatency: LatencyHistogram; readonly writeWindowMs: number } | null;
  build?: BuildInfo;
}

export interface BusMetrics {
  readonly up: boolean;
  /** Transitions since start, each direction. */
  readonly wentDown: number;
  readonly cameUp: number;
  readonly published: number;
  readonly dropped: number;
  readonly received: number;
}

export interface MirrorMetrics {
  readonly stale: boolean;
  readonly topics: number;
  readonly framesForwarded: number;
  /** Running totals by event: loads, load_failures, gaps, resumed, resnapshotted, released. */
  readonly events: Readonly<Record<string, number>>;
}

export const MAX_LABEL_VALUES = 32;
export const OVERFLOW_LABEL = 'other';

/** Label values in first-seen order up to a bound; later ones share OVERFLOW_LABEL. */
class BoundedLabels {
  private readonly kept = new Set<string>();

  /** Totals per label value, at most MAX_LABEL_VALUES + 1 of them. */
  fold(entries: Iterable<readonly [string, number]>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [value, n] of entries) {
      if (!this.kept.has(value) && this.kept.size < MAX_LABEL_VALUES) this.kept.add(value);
      const label = this.kept.has(value) ? value : OVERFLOW_LABEL;
      out.set(label, (out.get(label) ?? 0) + n);
    }
    return out;
  }
}

/** A counter whose value is someone else's running total, read at scrape time. */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}

export function createMetrics(src: MetricSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  new Gauge({ name: 'hashcap_connections', help: 'Open subscriber connections', registers: [registry], collect() { this.set(src.connections()); } });
  new Gauge({ name: 'hashcap_subscriptions', help: 'Subscriptions across all connections', registers: [registry], collect() { this.set(src.subscriptions()); } });
  mirroredCounter(registry, 'hashcap_frames_published_total', 'Frames published to topics (encoded once each)', src.framesPublished);
  mirroredCounter(registry, 'hashcap_bytes_published_total', 'Bytes of frames published to topics', src.bytesPublished);
  mirroredCounter(
    registry,
    'hashcap_sends_dropped_total',
    'Frames not delivered to a subscriber past its hard backpressure limit (each one also condemns that subscriber: it resumes, it sees no hole)',
    src.sendsDropped,
  );
  mirroredCounter(registry, 'hashcap_ingest_accepted_total', 'Ticks accepted at ingest', src.ingestAccepted);

  const slow = new Gauge({
    name: 'hashcap_slow_consumers_total',
    help: 'Slow-consumer ladder actions since start',
    labelNames: ['action'],
    registers: [registry],
    collect() {
      const s = src.slowConsumers();
      slow.set({ action: 'warned' }, s.warned);
      slow.set({ action: 'degraded' }, s.degraded);
      slow.set({ action: 'closed' }, s.closed);
      slow.set({ action: 'overflowed' }, s.overflowed);
      slow.set({ action: 'closed_clean' }, s.closedClean);
      slow.set({ action: 'terminated' }, s.terminated);
    },
  });
  const errorCodes = new BoundedLabels();
  const clientErrors = new Gauge({
    name: 'hashcap_client_errors_total',
    help: 'Typed errors sent to subscribers, by code',
    labelNames: ['code'],
    registers: [registry],
    collect() {
      const totals = errorCodes.fold([...src.clientErrors()].map(([code, n]) => [String(code), n] as const));
      for (const [code, n] of totals) clientErrors.set({ code }, n);
    },
  });
  if (src.limitRefusals) {
    const read = src.limitRefusals;
    const refusals = new Gauge({
      name: 'hashcap_limit_refusals_total',
      help: 'Requests refused (or connections shed) by a limit since start, by limit',
      labelNames: ['limit'],
      registers: [registry],
      collect() {
        for (const [limit, n] of read()) refusals.set({ limit }, n);
      },
    });
  }
  if (src.queuedBytes) {
    const read = src.queuedBytes;
    new Gauge({ name: 'hashcap_queued_bytes', help: "Bytes waiting in all subscribers' send queues together (capped by --max-queued-bytes)", registers: [registry], collect() { this.set(read()); } });
  }
  const rejectReasons = new BoundedLabels();
  const rejected = new Gauge({
    name: 'hashcap_ingest_rejected_total',
    help: 'Ticks rejected at ingest, by reason',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      for (const [reason, n] of rejectReasons.fold(src.ingestRejected().map((r) => [r.name, r.count] as const))) rejected.set({ reason }, n);
    },
  });
  // Levels do not add up: indexes past the bound (the basket files fix them at start) are left out.
  const level = new Gauge({
    name: 'hashcap_index_level',
    help: 'Current index level',
    labelNames: ['index'],
    registers: [registry],
    collect() {
      for (const ix of src.indexes().slice(0, MAX_LABEL_VALUES)) level.set({ index: ix.id }, ix.level);
    },
  });
  const cap = new Gauge({
    name: 'hashcap_index_market_cap_usd',
    help: 'Current total market cap of the index constituents, USD',
    labelNames: ['index'],
    registers: [registry],
    collect() {
      for (const ix of src.indexes().slice(0, MAX_LABEL_VALUES)) cap.set({ index: ix.id }, ix.marketCapUsd);
    },
  });
  if (src.ingestToPublish !== undefined) {
    const histogram = src.ingestToPublish;
    registerHistogram(registry, 'hashcap_ingest_to_publish_seconds', 'Ingest accept (gate and engine done) → the frame carrying the batch handed to the transport', () => [{ labels: {}, histogram }]);
  }
  if (src.transport !== undefined) {
    const read = src.transport;
    registerHistogram(registry, 'hashcap_publish_to_write_seconds', 'Frame handed to the transport → written to every subscriber socket (ws: the write; uws: the end of the event-loop turn uWS writes it in), by transport', () => {
      const t = read();
      return t === null ? [] : [{ labels: { transport: t.name }, histogram: t.writeLatency }];
    });
    new Gauge({
      name: 'hashcap_write_window_seconds',
      help: 'The write window in force: published frames are held this long and written together (stretches from --write-window-ms towards --write-window-max-ms as the event loop gets busy), by transport',
      labelNames: ['transport'],
      registers: [registry],
      collect() {
        this.reset();
        const t = read();
        if (t !== null) this.set({ transport: t.name }, t.writeWindowMs / 1000);
      },
    });
  }
  if (src.build !== undefined) {
    const build = src.build;
    const info = new Gauge({
      name: 'hashcap_build_info',
      help: 'Always 1; the labels say what runs: package version, Node version, transport, git commit',
      labelNames: ['version', 'node', 'transport', 'commit'],
      registers: [registry],
      collect() {
        info.reset();
        info.set({ version: build.version, node: build.node, transport: src.transport?.()?.name ?? 'none', commit: build.commit }, 1);
      },
    });
  }
  if (src.bus) addBusMetrics(registry, src.bus);
  if (src.mirror) addMirrorMetrics(registry, src.mirror);
  if (src.refusals) addRefusalMetrics(registry, src.refusals);
  return registry;
}

/**
 * A Prometheus histogram read from LatencyHistograms at scrape time (milliseconds in, seconds out).
 * prom-client's Histogram cannot take counts it did not observe itself, so this is a metric object of
 * our own in the shape its Registry formats (`get()` → name, help, type, values).
 */
function registerHistogram(
  registry: Registry,
  name: string,
  help: string,
  read: () => readonly { readonly labels: Readonly<Record<string, string>>; readonly histogram: LatencyHistogram }[],
): void {
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get() {
      const values: { metricName: string; labels: Record<string, string | number>; value: number }[] = [];
      for (const { labels, histogram } of read()) {
        let cumulative = 0;
        for (let i = 0; i < histogram.boundsMs.length; i++) {
          cumulative += histogram.counts[i]!;
          values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: histogram.boundsMs[i]! / 1000 }, value: cumulative });
        }
        values.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: histogram.count });
        values.push({ metricName: `${name}_sum`, labels: { ...labels }, value: histogram.sumMs / 1000 });
        values.push({ metricName: `${name}_count`, labels: { ...labels }, value: histogram.count });
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
    reset() {},
  };
  registry.registerMetric(metric as unknown as Metric);
}

function addBusMetrics(registry: Registry, read: () => BusMetrics): void {
  new Gauge({ name: 'hashcap_bus_up', help: '1 while the bus (Redis) answers, 0 while it is down', registers: [registry], collect() { this.set(read().up ? 1 : 0); } });
  const transitions = new Gauge({
    name: 'hashcap_bus_transitions_total',
    help: 'Bus state changes since start, by the state entered',
    labelNames: ['to'],
    registers: [registry],
    collect() {
      const b = read();
      transitions.set({ to: 'down' }, b.wentDown);
      transitions.set({ to: 'up' }, b.cameUp);
    },
  });
  const frames = new Gauge({
    name: 'hashcap_bus_frames_total',
    help: 'Frames through the bus: published (aggregator), dropped while it was down, received (gateway)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const b = read();
      frames.set({ outcome: 'published' }, b.published);
      frames.set({ outcome: 'dropped' }, b.dropped);
      frames.set({ outcome: 'received' }, b.received);
    },
  });
}

function addMirrorMetrics(registry: Registry, read: () => MirrorMetrics): void {
  new Gauge({ name: 'hashcap_mirror_stale', help: '1 while the gateway serves its last state because the bus is down', registers: [registry], collect() { this.set(read().stale ? 1 : 0); } });
  new Gauge({ name: 'hashcap_mirror_topics', help: 'Topics the gateway follows on the bus', registers: [registry], collect() { this.set(read().topics); } });
  mirroredCounter(registry, 'hashcap_mirror_frames_forwarded_total', "Aggregator frames forwarded to this gateway's subscribers, untouched", () => read().framesForwarded);
  const events = new Gauge({
    name: 'hashcap_mirror_events_total',
    help: 'Topic loads, failed loads, gaps, resyncs (resumed | resnapshotted) and releases since start',
    labelNames: ['event'],
    registers: [registry],
    collect() {
      for (const [event, n] of Object.entries(read().events)) events.set({ event }, n);
    },
  });
}

function addRefusalMetrics(registry: Registry, read: () => { readonly token: number; readonly origin: number }): void {
  const refused = new Gauge({
    name: 'hashcap_auth_refused_total',
    help: 'Websocket upgrades and /v1/snapshot requests refused: token (no or a bad subscriber token, 401), origin (web origin not allowed, 403)',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      const r = read();
      refused.set({ reason: 'token' }, r.token);
      refused.set({ reason: 'origin' }, r.origin);
    },
  });
}
