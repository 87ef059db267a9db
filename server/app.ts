/**
 * Wiring per role. `all` (one process): baskets → engine → ingest gate → feed → gateway → transport,
 * plus the HTTP routes, the timers that drive conflation, heartbeats, keyframes and the slow-consumer
 * ladder, and the built-in simulated publisher. `aggregator`: the same up to the feed, which publishes
 * every topic's frames and bases to the bus instead of serving /v1/stream. `gateway`: bus → mirror →
 * gateway → transport (server/gateway-app.ts). `startServer` is what `npm start` runs and what the
 * integration tests start (on port 0) — the same code path.
 */
import type { hashcap } from '../proto/wire.ts';
import type { Config } from './config.ts';
import { refuseUnsharedPort } from './reuse-port.ts';
import { MarketEngine } from './engine/market-engine.ts';
import { defaultBasketPaths, loadBaskets } from './market/basket-file.ts';
import { nextSessionChange, sessionAt } from './market/sessions.ts';
import { Session } from './market/session-types.ts';
import type { TickInput } from './tick/tick.ts';
import { IngestGate, type ApplyResult, type CorrectionEvent } from './ingest/gate.ts';
import { createIngestEndpoint, generateToken } from './ingest/endpoint.ts';
import { IngestPipeline, type BatchListener } from './ingest/pipeline.ts';
import { MarketSimulator } from './sources/simulator/simulator.ts';
import { withHalts } from './sources/simulator/halts.ts';
import { Recorder } from './sources/recording/recorder.ts';
import { startReplay, type ReplayHandle } from './sources/recording/replay.ts';
import { DEFAULT_FEED_OPTIONS, Feed } from './feed/feed.ts';
import { FEED_SOURCE } from './feed/status-board.ts';
import { Gateway, type GatewayLimits } from './gateway/gateway.ts';
import { gatewayLimitsOf, withIngestRefusals } from './limits/gateway-limits.ts';
import { createTransport } from './transport/create-transport.ts';
import { createBus, RedisBus } from './bus/index.ts';
import { startAggregatorRole } from './durability/aggregator-role.ts';
import type { Bus } from './bus/types.ts';
import { watchBus, type BusWatch } from './bus-watch.ts';
import type { Transport } from './transport/types.ts';
import { createMetrics } from './http/metrics.ts';
import { readBuildInfo } from './http/build-info.ts';
import { LatencyHistogram } from './http/latency-histogram.ts';
import { createRoutes } from './http/routes.ts';
import { StaticFiles } from './http/static-files.ts';
import { guardSnapshot } from './auth/snapshot-guard.ts';
import { createSecurity, reloadPublisherKeys, type Security, type SecurityOverrides } from './auth/security.ts';
import type { LogLine } from './log.ts';
import { installPath } from './install-root.ts';
import { BatchClock, tradingDayCursor, type AggregatorCore } from './durability/aggregator-core.ts';
import { HeldBus } from './durability/held-bus.ts';
import { refusedBatch } from './durability/durable-ingest.ts';
import { restoreAggregator, type DurableAggregator } from './durability/restore.ts';
import { QuoteLog } from './durability/quote-log.ts';

export interface ServerOverrides {
  readonly limits?: Partial<GatewayLimits>;
  readonly feed?: Partial<typeof DEFAULT_FEED_OPTIONS>;
  /** Bytes past which sends report backpressure / are dropped by the transport. */
  readonly backpressureBytes?: number;
  readonly hardBackpressureBytes?: number;
  /** The bus (aggregator, gateway); default: createBus(config.redisUrl). Tests hand in a memory one. */
  readonly bus?: Bus;
  readonly security?: SecurityOverrides;
  /** Aggregator: the quote log in Redis (server/durability); default config.quoteLog, and off when a bus is handed in. */
  readonly quoteLog?: boolean;
}

export interface HashcapServer {
  readonly url: string;
  readonly port: number;
  /** The single publisher token; '' with --publishers (the keys file names every publisher). */
  readonly ingestToken: string;
  readonly security: Security;
  /** Reads the publisher keys file again (SIGHUP); false when it was bad and the old keys stay. No-op without --publishers. */
  reloadPublishers(): Promise<boolean>;
  readonly transport: Transport;
  readonly market: MarketEngine;
  readonly feed: Feed;
  readonly gateway: Gateway;
  readonly gate: IngestGate;
  /** The bus an aggregator publishes to; null in one process. */
  readonly bus: Bus | null;
  /** Publishes ticks in-process, through the same gate and feed as the ingest endpoint (not on an aggregator with a quote log: see ingestLogged). */
  ingest(publisherId: string, ticks: readonly TickInput[]): ApplyResult;
  /** Publishes ticks in-process the way the endpoint does: through the quote log when there is one. */
  ingestLogged(publisherId: string, ticks: readonly TickInput[]): Promise<ApplyResult>;
  /** The quote log, checkpoints and restore of an aggregator on Redis; null without. */
  readonly durable: DurableAggregator | null;
  /** Tells subscribers to reconnect before `graceMs` is up, waits, then closes everything. */
  close(graceMs?: number): Promise<void>;
}

const APP_ROOT = installPath('dist', 'app');

export async function startServer(config: Config, log: LogLine, overrides: ServerOverrides = {}): Promise<HashcapServer> {
  const baskets = await loadBaskets(config.baskets.length > 0 ? config.baskets : defaultBasketPaths());
  const market = new MarketEngine(baskets);
  const security = await createSecurity(config, overrides.security);
  const keyring = security.publishers;
  const ingestToken = keyring !== null ? '' : (config.ingestToken ?? generateToken());
  const epoch = Date.now();

  let simulator: MarketSimulator | null = null;
  if (config.simulate) {
    const startTimeMs = config.simClockMs ?? simulationStart(Date.now());
    if (config.simClockMs === null && startTimeMs !== Date.now()) {
      log(`simulator: the market is closed now; simulating from ${new Date(startTimeMs).toISOString()} (5 min before the next open)`);
    }
    simulator = new MarketSimulator(
      market.allSymbols().map((ticker) => ({ ticker, previousClose: market.quote(market.symbolId(ticker)!).previousClose })),
      { seed: config.simSeed, startTimeMs, speed: config.simSpeed },
    );
  }
  const sim = simulator;
  let replay: ReplayHandle | null = null;
  // With the simulator or a replay, the whole server runs on its market clock: sessions, staleness,
  // the day roll and the gate's future-timestamp check all agree with the prints' exchange times.
  // A logged batch is applied at the market time it was logged with (live and on replay): the clock pins it.
  const batchClock = new BatchClock(() => (replay ? replay.marketTimeMs : sim ? sim.simTimeMs : Date.now()));
  const clock = {
    now: () => Date.now(),
    marketNow: batchClock.now,
  };
  const gate = new IngestGate(market, { now: clock.marketNow });
  const recorder = config.recordPath ? Recorder.open(config.recordPath, { basket: baskets.map((b) => b.id).join(',') }) : null;
  if (recorder) {
    log(`recording accepted batches to ${recorder.path} (${recorder.format}${recorder.gzip ? ', gzip' : ''})`);
  }

  const aggregator = config.role === 'aggregator';
  const logged = aggregator && (overrides.quoteLog ?? (config.quoteLog && overrides.bus === undefined));
  // With a quote log, nothing goes out until the state is restored (server/durability/restore.ts).
  const innerBus = aggregator ? (overrides.bus ?? createBus({ url: config.redisUrl ?? '', log })) : null;
  const bus = innerBus === null ? null : new HeldBus(innerBus, logged);
  let bytesPublished = 0;
  let transportRef: Transport | null = null;
  // Ingest accept → publish: the oldest accepted batch not yet published, until the publishes of this
  // event-loop callback are over (a microtask); one clock read per frame, only while a batch waits.
  const ingestToPublish = new LatencyHistogram();
  let oldestAcceptMs = 0;
  let acceptClearQueued = false;
  const clearAccept = () => {
    oldestAcceptMs = 0;
    acceptClearQueued = false;
  };
  // An aggregator serves no /v1/stream: its frames go to the bus only (BusOut counts them).
  const frameSink = aggregator
    ? { publish() {}, subscriberCount: () => 0 }
    : {
        publish(topic: string, data: Uint8Array | string) {
          bytesPublished += typeof data === 'string' ? data.length : data.byteLength;
          if (oldestAcceptMs !== 0) {
            ingestToPublish.observe(performance.now() - oldestAcceptMs);
            if (!acceptClearQueued) {
              acceptClearQueued = true;
              queueMicrotask(clearAccept);
            }
          }
          transportRef?.publish(topic, data);
        },
        subscriberCount: (topic: string) => transportRef?.subscriberCount(topic) ?? 0,
      };
  const feed = new Feed(market, frameSink, clock, { ...DEFAULT_FEED_OPTIONS, heartbeatIdleMs: config.heartbeatMs, ...overrides.feed, epoch, deferFrames: !aggregator }, bus);
  // The status channel says what the prices are (the ticker's LIVE / SIMULATED / REPLAY ×N badge).
  feed.setSource(
    config.replayPath ? FEED_SOURCE.replay : config.simulate ? FEED_SOURCE.simulated : FEED_SOURCE.live,
    config.replayPath || config.simulate ? (Number.isFinite(config.simSpeed) ? config.simSpeed : 0) : 1,
  );
  let busWatch: BusWatch | null = null;
  if (bus !== null) {
    busWatch = watchBus(bus, log, (state) => {
      // Redis may have restarted empty, and what was published meanwhile is not in its history.
      if (state === 'up') feed.rebaseAll();
    });
  }
  feed.setRejectSource(() => gate.rejectCounts().map((r) => ({ reason: r.reason as number, name: r.name as string, count: r.count })));
  const gateway = new Gateway(
    feed,
    { ...gatewayLimitsOf(config), ...overrides.limits },
    clock.now,
    (e) => log(`slow consumer #${e.connection}: ${e.action} (${e.bufferedBytes} bytes queued)`, 'warn', { connection: e.connection }),
    security.subscribers,
  );

  const tradingDay = tradingDayCursor(market, gate, (day) => feed.status.addNotice({ kind: 'info', message: `new trading day ${day}: previous closes rolled` }));

  const publishToFeed: BatchListener = {
    batchApplied(_publisherId, _ticks, result, corrections) {
      if (result.accepted > 0 && oldestAcceptMs === 0) oldestAcceptMs = performance.now();
      // Before the feed collects the batch, so the notice goes out with the deltas it explains.
      for (const c of corrections) feed.status.addNotice(correctionNotice(c));
      feed.afterBatch();
    },
  };
  // The order listeners hear of a batch: the durable copy first, then what subscribers see.
  const pipeline = new IngestPipeline(gate, recorder ? [recorder, publishToFeed] : [publishToFeed], {
    onError: (error) => log(`ingest: a batch listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'error'),
  });
  let durable: DurableAggregator | null = null;
  let quoteLog: QuoteLog | null = null;
  // A standby connects its quote log at start, so a takeover does not wait for it.
  const openingLog =
    logged && innerBus instanceof RedisBus
      ? QuoteLog.open({ url: config.redisUrl ?? '', durability: config.ackDurability, maxEntries: config.quoteLogMaxEntries, log }).then((opened) => {
          quoteLog = opened;
          opened.onFenced(() => role?.fenced());
          return opened;
        })
      : null;
  // A quote log that cannot give the durability asked for: said once here; each takeover attempt then fails with it.
  openingLog?.catch((error: unknown) => log(`quote log: ${error instanceof Error ? error.message : String(error)}`));
  const core: AggregatorCore | null = bus === null ? null : { market, gate, feed, pipeline, clock: batchClock, tradingDay, output: bus };
  // Several aggregators may share one Redis: the one holding the lease restores the state and serves, the
  // others stand by (server/durability/aggregator-role.ts).
  const role =
    innerBus instanceof RedisBus
      ? startAggregatorRole({
          redisUrl: config.redisUrl ?? '',
          bus: innerBus,
          feed,
          ttlMs: config.leaseTtlMs,
          renewMs: config.leaseRenewMs,
          log,
          restore: async (grant) => {
            if (openingLog === null) return;
            const opened = await openingLog;
            // From here an older lease holder's appends are refused: the log read back is the whole log.
            await opened.claim(grant.token);
            durable = await restoreAggregator({ core: core!, quoteLog: opened, log, checkpointIntervalMs: config.checkpointIntervalMs });
          },
          onStepDown: () => {
            const stopping = durable;
            durable = null;
            void stopping?.deactivate();
          },
        })
      : null;
  const ingest = (publisherId: string, ticks: readonly TickInput[]): ApplyResult => {
    if (logged) throw new Error('an aggregator with a quote log takes batches through the log: use ingestLogged');
    return pipeline.apply(publisherId, ticks);
  };
  const ingestLogged = async (publisherId: string, ticks: readonly TickInput[]): Promise<ApplyResult> => {
    if (!logged) return pipeline.apply(publisherId, ticks);
    return (durable === null ? refusedBatch('the aggregator is restoring its state') : await durable.ingest.submit(publisherId, ticks)).result;
  };
  const endpoint = createIngestEndpoint({
    pipeline,
    tokens: keyring !== null ? (token: string) => keyring.identify(token) : (token: string) => (token === ingestToken ? 'publisher' : undefined),
    ...(keyring !== null && { keyring }),
    ...(role !== null && { admission: role.admission }),
    ...(logged && {
      submit: (publisherId, ticks, raw) =>
        durable === null ? Promise.resolve(refusedBatch('the aggregator is restoring its state')) : durable.ingest.submit(publisherId, ticks, raw),
    }),
    batchesPerSecond: config.limits.ingestBatchesPerSecond,
    ...(keyring !== null && { batchRateFor: (publisherId: string) => keyring.rateOf(publisherId) }),
  });
  const limitRefusals = () => withIngestRefusals(gateway.counters.limits.all(), endpoint.rateLimited());

  const metrics = createMetrics({
    refusals: () => ({ token: security.subscribers.refused, origin: security.origins.refused }),
    connections: () => gateway.counters.connections,
    subscriptions: () => gateway.counters.subscriptions,
    framesPublished: () => feed.frames,
    ...(busWatch !== null && { bus: busWatch.metrics }),
    bytesPublished: () => bytesPublished,
    sendsDropped: () => transportRef?.sendsDropped ?? 0,
    slowConsumers: () => gateway.slowConsumerActions(),
    clientErrors: () => gateway.counters.errors,
    limitRefusals: () => limitRefusals(),
    queuedBytes: () => gateway.counters.queuedBytes,
    ingestAccepted: () => gate.accepted,
    ingestRejected: () => gate.rejectCounts().map((r) => ({ reason: r.reason as number, name: r.name as string, count: r.count })),
    indexes: () => market.indexes.map((ix) => ({ id: ix.id, level: ix.level, marketCapUsd: ix.totalMarketCapCents / 100 })),
    ...(!aggregator && { ingestToPublish }),
    transport: () => transportRef,
    build: readBuildInfo(),
  });
  const routes = createRoutes({
    feed,
    indexIds: market.indexes.map((ix) => ix.id),
    metrics,
    statics: aggregator ? null : new StaticFiles(APP_ROOT),
    ingest: endpoint.handleHttp,
    ...(role !== null && { healthStatus: role.healthStatus }),
    health: () => ({
      role: config.role,
      ...(role !== null && role.health()),
      epoch: feed.epoch,
      transport: transportRef?.name,
      connections: gateway.counters.connections,
      ...(bus !== null && { bus: { name: bus.name, state: busWatch?.state } }),
      ...(durable !== null && {
        quoteLog: { accepting: durable.ingest.accepting, lastAppliedId: durable.ingest.lastAppliedId, ackDurability: durable.quoteLog.durability },
      }),
    }),
  });

  const transport = await createTransport(
    config.transport,
    {
      host: config.host,
      port: config.port,
      // An aggregator's subscribers are its gateways, over the bus: the one writer keeps its CPU for ingest.
      websockets: aggregator
        ? { '/v1/ingest': security.origins.guard(endpoint.websocket) }
        : { '/v1/stream': security.origins.guard(gateway.handlers()), '/v1/ingest': security.origins.guard(endpoint.websocket) },
      http: guardSnapshot(routes, security.subscribers),
      maxPayloadBytes: 1024 * 1024,
      maxBodyBytes: 8 * 1024 * 1024,
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
  // The start fails, as without a lease, when the quote log cannot give the durability asked for.
  if (openingLog !== null) await openingLog;
  // Restarted after a kill -9, the only aggregator serves once started (the old lease lapses within the
  // TTL); a standby is reported started as one.
  if (role !== null) await role.started(config.leaseTtlMs + 2 * config.leaseRenewMs);

  if (logged && role === null) {
    durable = await restoreAggregator({
      core: core!,
      quoteLog: { url: config.redisUrl ?? '', durability: config.ackDurability, maxEntries: config.quoteLogMaxEntries, log },
      log,
      checkpointIntervalMs: config.checkpointIntervalMs,
    });
  }

  const marketHousekeeping = () => {
    const now = clock.marketNow();
    tradingDay.advance(now);
    gate.sweepStaleness(now);
    for (const r of gate.drainReanchors()) {
      feed.status.addNotice({
        kind: 'info',
        message: `${r.symbol}: price band re-anchored at ${r.price} after a run of prints beyond it (a confirmed move)`,
      });
    }
    feed.afterBatch();
  };
  const timers = [
    setInterval(() => feed.flushRate(100), 100),
    setInterval(() => feed.flushRate(1000), 1000),
    setInterval(() => feed.housekeeping(), 250),
    setInterval(() => gateway.checkSlowConsumers(), 100),
    setInterval(marketHousekeeping, 1000),
  ];
  const live = sim?.startLive({
    batchIntervalMs: 50,
    rate: config.simRate,
    onBatch: (ticks) => {
      const halts = sim.drainEvents();
      if (role === null || role.serving) void ingestLogged('simulator', withHalts(ticks, halts));
    },
  });
  if (config.replayPath) {
    replay = await startReplay(config.replayPath, (publisher, ticks) => void ingestLogged(publisher, ticks), {
      speed: config.simSpeed,
      publisher: (p) => `replay:${p}`,
      ...(config.replayFromMs !== null && { fastForwardToMs: config.replayFromMs }),
    });
    replay.done.then(
      (s) => log(`replay done: ${s.batches} batches, ${s.ticks} ticks`),
      (e: unknown) => log(`replay stopped: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `${config.tls !== null ? 'https' : 'http'}://${host}:${port}`,
    port,
    ingestToken,
    security,
    reloadPublishers: () => (keyring === null ? Promise.resolve(true) : reloadPublisherKeys(keyring, endpoint.disconnect, log)),
    transport,
    market,
    feed,
    gateway,
    gate,
    bus,
    ingest,
    ingestLogged,
    get durable() {
      return durable;
    },
    async close(graceMs = 0) {
      live?.stop();
      replay?.stop();
      recorder?.close();
      if (graceMs > 0) {
        gateway.adviseReconnect(Date.now() + graceMs, 'server restarting');
        await new Promise((r) => setTimeout(r, graceMs));
      }
      for (const t of timers) clearInterval(t);
      feed.flushFrames();
      await durable?.close();
      await quoteLog?.close();
      await transport.close();
      await role?.close();
      if (bus !== null && overrides.bus === undefined) await bus.close();
    },
  };
}

/**
 * Where the simulated clock starts when none is given: now while a session (pre, regular, post) is
 * on, otherwise five minutes before the next regular open, so `npm start` shows a moving market on a
 * weekend too, beginning with the opening burst.
 */
export function simulationStart(nowMs: number): number {
  if (sessionAt(nowMs) !== Session.Closed) return nowMs;
  let t = nowMs;
  for (let i = 0; i < 40; i++) {
    const next = nextSessionChange(t);
    if (next.session === Session.Regular) return next.at - 5 * 60_000;
    t = next.at;
  }
  return nowMs;
}

/**
 * The status notice for a cancel or correction: kind `trade_cancel` / `trade_correction`, and a message
 * that names the symbol, the trade (publisher, seq, price × size) and what happened to the last price.
 */
export function correctionNotice(c: CorrectionEvent): hashcap.v1.INotice {
  const trade = `trade seq ${c.originalSeq} (${c.originalPrice} × ${c.originalSize}) by ${c.publisherId}`;
  const what = c.kind === 'cancel' ? `${trade} cancelled` : `${trade} corrected to ${c.correctedPrice} × ${c.correctedSize}`;
  const effect = c.restated ? `last ${c.lastBefore} → ${c.lastAfter}` : `last unchanged at ${c.lastAfter} (a later trade stands)`;
  return { kind: c.kind === 'cancel' ? 'trade_cancel' : 'trade_correction', message: `${c.symbol}: ${what}; ${effect}` };
}
