/**
 * Wiring of `--role gateway`: bus → mirror → gateway → transport. No engine, no ingest: the state comes
 * from the aggregator over the bus, and the aggregator's frames go to subscribers as they were encoded.
 * Serves /v1/stream, the ticker page, /healthz, /metrics and /v1/snapshot (from the mirror). The
 * channels it accepts come from the same basket files as the aggregator's (`--basket`, same default).
 *
 * When the bus goes down the gateway keeps serving its last state, tells every subscriber it is stale
 * (notice kind `stale`), and when the bus is back reloads each topic and resyncs its subscribers, then
 * says so (notice kind `live`); each transition is a log line and a metric.
 */
import type { Config } from './config.ts';
import { refuseUnsharedPort } from './reuse-port.ts';
import { defaultBasketPaths, loadBaskets } from './market/basket-file.ts';
import { createBus } from './bus/index.ts';
import type { Bus } from './bus/types.ts';
import { watchBus } from './bus-watch.ts';
import type { ChannelUniverse } from './feed/channels.ts';
import { DEFAULT_MIRROR_OPTIONS, Mirror, type MirrorOptions } from './feed/mirror.ts';
import { Gateway, type GatewayLimits } from './gateway/gateway.ts';
import { gatewayLimitsOf } from './limits/gateway-limits.ts';
import { createTransport } from './transport/create-transport.ts';
import type { Transport } from './transport/types.ts';
import { createMetrics } from './http/metrics.ts';
import { readBuildInfo } from './http/build-info.ts';
import { createRoutes } from './http/routes.ts';
import { StaticFiles } from './http/static-files.ts';
import { guardSnapshot } from './auth/snapshot-guard.ts';
import { createSecurity, type Security, type SecurityOverrides } from './auth/security.ts';
import type { LogLine } from './log.ts';
import { installPath } from './install-root.ts';

export interface GatewayOverrides {
  readonly limits?: Partial<GatewayLimits>;
  readonly mirror?: Partial<MirrorOptions>;
  readonly backpressureBytes?: number;
  readonly hardBackpressureBytes?: number;
  readonly bus?: Bus;
  readonly security?: SecurityOverrides;
}

export interface GatewayServer {
  readonly url: string;
  readonly port: number;
  readonly transport: Transport;
  readonly mirror: Mirror;
  readonly gateway: Gateway;
  readonly bus: Bus;
  readonly security: Security;
  close(graceMs?: number): Promise<void>;
}

const APP_ROOT = installPath('dist', 'app');

export async function startGateway(config: Config, log: LogLine, overrides: GatewayOverrides = {}): Promise<GatewayServer> {
  const baskets = await loadBaskets(config.baskets.length > 0 ? config.baskets : defaultBasketPaths());
  const indexes = new Set(baskets.map((b) => b.id));
  const symbols = new Set(baskets.flatMap((b) => b.constituents.map((c) => c.ticker)));
  const universe: ChannelUniverse = { hasIndex: (id) => indexes.has(id), hasSymbol: (s) => symbols.has(s) };
  const security = await createSecurity(config, overrides.security);
  const bus = overrides.bus ?? createBus({ url: config.redisUrl ?? '', log });
  const now = () => Date.now();

  let bytesForwarded = 0;
  let transportRef: Transport | null = null;
  const sink = {
    publish(topic: string, data: Uint8Array | string) {
      bytesForwarded += typeof data === 'string' ? data.length : data.byteLength;
      transportRef?.publish(topic, data);
    },
    subscriberCount: (topic: string) => transportRef?.subscriberCount(topic) ?? 0,
  };
  let gatewayRef: Gateway | null = null;
  const mirror = new Mirror(bus, universe, sink, now, { ...DEFAULT_MIRROR_OPTIONS, ...overrides.mirror }, {
    log,
    stale(stale, detail) {
      log(`gateway: ${stale ? 'stale' : 'live'}: ${detail}`, stale ? 'warn' : 'info');
      gatewayRef?.noticeAll({ kind: stale ? 'stale' : 'live', message: detail });
    },
  });
  const gateway = new Gateway(
    mirror,
    { ...gatewayLimitsOf(config), ...overrides.limits },
    now,
    (e) => log(`slow consumer #${e.connection}: ${e.action} (${e.bufferedBytes} bytes queued)`, 'warn', { connection: e.connection }),
    security.subscribers,
  );
  gatewayRef = gateway;
  mirror.pin([...baskets.map((b) => `index.${b.id}`), 'status']);
  const busWatch = watchBus(bus, log, () => {});
  const limitRefusals = () => gateway.counters.limits.all();

  const metrics = createMetrics({
    refusals: () => ({ token: security.subscribers.refused, origin: security.origins.refused }),
    connections: () => gateway.counters.connections,
    subscriptions: () => gateway.counters.subscriptions,
    framesPublished: () => mirror.counters.framesForwarded,
    bytesPublished: () => bytesForwarded,
    sendsDropped: () => transportRef?.sendsDropped ?? 0,
    slowConsumers: () => gateway.slowConsumerActions(),
    clientErrors: () => gateway.counters.errors,
    limitRefusals: () => limitRefusals(),
    queuedBytes: () => gateway.counters.queuedBytes,
    ingestAccepted: () => 0,
    ingestRejected: () => [],
    indexes: () => [],
    bus: busWatch.metrics,
    transport: () => transportRef,
    build: readBuildInfo(),
    mirror: () => {
      const c = mirror.counters;
      return {
        stale: mirror.stale,
        topics: mirror.topicCount,
        framesForwarded: c.framesForwarded,
        events: { loads: c.loads, load_failures: c.loadFailures, gaps: c.gaps, resumed: c.resumed, resnapshotted: c.resnapshotted, released: c.released },
      };
    },
  });
  const routes = createRoutes({
    feed: mirror,
    indexIds: baskets.map((b) => b.id),
    metrics,
    statics: new StaticFiles(APP_ROOT),
    ingest: null,
    health: () => ({
      role: 'gateway',
      // Which of the processes sharing a port (--reuse-port) answered.
      pid: process.pid,
      epoch: mirror.epoch,
      transport: transportRef?.name,
      connections: gateway.counters.connections,
      bus: { name: bus.name, state: busWatch.state },
      stale: mirror.stale,
      topics: mirror.topicCount,
    }),
  });

  const transport = await createTransport(
    config.transport,
    {
      host: config.host,
      port: config.port,
      websockets: { '/v1/stream': security.origins.guard(gateway.handlers()) },
      http: guardSnapshot(routes, security.subscribers),
      maxPayloadBytes: 1024 * 1024,
      maxBodyBytes: 64 * 1024,
      backpressureBytes: overrides.backpressureBytes ?? 256 * 1024,
      hardBackpressureBytes: overrides.hardBackpressureBytes ?? 16 * 1024 * 1024,
      idleTimeoutSeconds: config.limits.idleTimeoutSeconds,
      reusePort: config.reusePort,
      ...(config.tls !== null && { tls: config.tls }),
      writeWindowMs: config.writeWindowMs,
      writeWindowMaxMs: config.writeWindowMaxMs,
    },
    log,
  );
  transportRef = transport;
  refuseUnsharedPort(config, transport.name);
  const { port } = await transport.listen();

  const timers = [setInterval(() => mirror.housekeeping(), 250), setInterval(() => gateway.checkSlowConsumers(), 100)];
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `${config.tls !== null ? 'https' : 'http'}://${host}:${port}`,
    port,
    transport,
    mirror,
    gateway,
    bus,
    security,
    async close(graceMs = 0) {
      if (graceMs > 0) {
        gateway.adviseReconnect(Date.now() + graceMs, 'gateway restarting');
        await new Promise((r) => setTimeout(r, graceMs));
      }
      for (const t of timers) clearInterval(t);
      await transport.close();
      await mirror.close();
      if (overrides.bus === undefined) await bus.close();
    },
  };
}
