/**
 * Command-line flags and environment variables. Every option has a flag and an env var (the flag
 * wins); a bad value is a ConfigError naming the option, the value and what was expected.
 */
import { HashcapError, HashcapErrorCode } from './errors.ts';
import type { TlsFiles, TransportKind } from './transport/types.ts';
import { normaliseOrigin } from './auth/origin.ts';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './log-options.ts';
import { ACK_DURABILITIES, DEFAULT_CHECKPOINT_INTERVAL_MS, DEFAULT_QUOTE_LOG_MAX_ENTRIES, type AckDurability } from './durability/settings.ts';
import { LIMIT_OPTIONS, type ConfiguredLimits } from './limits/limit-options.ts';
import { DEFAULT_LEASE_RENEW_MS, DEFAULT_LEASE_TTL_MS } from './durability/lease-settings.ts';

export class ConfigError extends HashcapError {
  constructor(option: string, value: string, expected: string) {
    super(HashcapErrorCode.CONFIG_INVALID, `${option}: ${JSON.stringify(value)} is not valid (expected ${expected})`);
  }
}

/** all: one process (today's); aggregator: ingest → feed → bus; gateway: bus → subscribers. */
export type Role = 'all' | 'aggregator' | 'gateway';

export interface Config {
  readonly role: Role;
  /** redis://host:port, rediss://… or redis-cluster://host:port,…; required by aggregator and gateway, refused by all. */
  readonly redisUrl: string | null;
  /**
   * Listen with SO_REUSEPORT so several gateway processes share one port (the kernel spreads
   * connections). Needs the uws transport on Node 20 (its net module has no reusePort before 22.12).
   */
  readonly reusePort: boolean;
  readonly host: string;
  readonly port: number;
  readonly transport: TransportKind | 'auto';
  /** Publisher tokens accepted at /v1/ingest and POST /v1/quotes; generated when none is given. */
  readonly ingestToken: string | null;
  readonly baskets: readonly string[];
  readonly simulate: boolean;
  readonly simRate: number;
  readonly simSeed: number;
  /** Start the simulated market clock at this instant (epoch ms); null = now. */
  readonly simClockMs: number | null;
  /** Simulated (or replayed) ms per real ms; Infinity = as fast as possible (replay only). */
  readonly simSpeed: number;
  /** Record every accepted batch to this file (.bin/.bin.gz binary, otherwise NDJSON; .gz compresses). */
  readonly recordPath: string | null;
  /** Replay this recording as the publisher (implies no simulator). */
  readonly replayPath: string | null;
  /** Replay what comes before this instant as fast as possible, then pace. */
  readonly replayFromMs: number | null;
  /** How long a slow consumer condemned with close code 4000 may take to drain before its socket is closed hard. */
  readonly slowCloseGraceMs: number;
  /** none: /v1/stream open to anyone who reaches the port; required: a signed token (JWT) per connection. */
  readonly auth: 'none' | 'required';
  /** HS256 secret for subscriber tokens (with --auth required; or jwtPublicKeyPath). */
  readonly jwtSecret: string | null;
  /** PEM public key file (Ed25519 → EdDSA, RSA → RS256) for subscriber tokens. */
  readonly jwtPublicKeyPath: string | null;
  /** Publisher keys file (server/auth/publisher-keys.ts); replaces --token, reloaded on SIGHUP. */
  readonly publishersPath: string | null;
  /** Web origins allowed to open a websocket (normalised); empty = any. */
  readonly allowOrigins: readonly string[];
  /** Serve https:// and wss:// with these PEM files; null = plain. */
  readonly tls: TlsFiles | null;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** Each subscriber's published frames are written together at most once per this many ms (0: once per event-loop turn). */
  readonly writeWindowMs: number;
  /** Under load the write window stretches up to this (server/transport/write-window.ts); ≤ writeWindowMs: fixed. */
  readonly writeWindowMaxMs: number;
  /** Aggregator and all: an idle topic sends a heartbeat once it has sent nothing for this many ms. */
  readonly heartbeatMs: number;
  /** Aggregator: log every batch in Redis before acknowledging it, checkpoint, restore on start (server/durability). */
  readonly quoteLog: boolean;
  /** What an acknowledgement waits for: the XADD (logged), Redis's disk (fsync), a replica (replicated). */
  readonly ackDurability: AckDurability;
  readonly quoteLogMaxEntries: number;
  readonly checkpointIntervalMs: number;
  /** Limits per address, per connection, per publisher and per server, and the idle (half-open) timeout. */
  readonly limits: ConfiguredLimits;
  /** Aggregator lease (server/durability/lease.ts): how long it lasts unrenewed, and how often it is renewed (or tried, on a standby). */
  readonly leaseTtlMs: number;
  readonly leaseRenewMs: number;
  readonly help: boolean;
}

/**
 * The write window's default (see TransportOptions.writeWindowMs), chosen with bench/fanout/ws-transport.ts:
 * README "Transports" gives the measurement.
 */
export const DEFAULT_WRITE_WINDOW_MS = 1;
/**
 * How far the write window may stretch under load; by default it does not (= DEFAULT_WRITE_WINDOW_MS): the
 * sweep of fixed 1 ms against 1–4 ms (README "### Fan-out") measured no CPU saved on uWS and 5–9% on ws,
 * for 2–4 ms more p50, so stretching is there for an operator to turn on, not the default.
 */
export const DEFAULT_WRITE_WINDOW_MAX_MS = 1;

/**
 * Idle topics heartbeat this often by default (FeedOptions.heartbeatIdleMs). Every subscriber of an idle
 * channel gets each one: README "Connections" measures what that costs per subscriber. Above the SDK's
 * staleAfterMs (3000 by default) an idle channel looks stale to SDK clients, which must then wait longer.
 */
// The feed's own default (DEFAULT_FEED_OPTIONS.heartbeatIdleMs; test/unit/config.test.ts keeps them equal),
// written out: importing the feed here would pull it into every layer that reads the config's types.
export const DEFAULT_HEARTBEAT_MS = 1_000;

interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly help: string;
  readonly boolean?: boolean;
}

export const OPTIONS: readonly OptionSpec[] = [
  { flag: '--role', env: 'HASHCAP_ROLE', help: 'all | aggregator | gateway (default all: one process, no Redis)' },
  { flag: '--redis', env: 'REDIS_URL', help: 'the bus between an aggregator and its gateways: redis://host:port or redis-cluster://host:port,host:port (required by both)' },
  { flag: '--reuse-port', env: 'HASHCAP_REUSE_PORT', help: 'share the port with other gateway processes (SO_REUSEPORT; uws transport)', boolean: true },
  { flag: '--host', env: 'HOST', help: 'address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)' },
  { flag: '--port', env: 'PORT', help: 'HTTP and websocket port (default 8080; 0 picks a free one)' },
  { flag: '--transport', env: 'HASHCAP_TRANSPORT', help: 'uws | ws | auto (default auto: uWebSockets.js, falling back to ws)' },
  { flag: '--token', env: 'HASHCAP_INGEST_TOKEN', help: 'publisher token for /v1/ingest and POST /v1/quotes (default: generated and printed)' },
  { flag: '--basket', env: 'HASHCAP_BASKETS', help: 'basket files, comma-separated (default: data/baskets/miners + ai-hpc)' },
  { flag: '--no-simulate', env: 'HASHCAP_NO_SIMULATE', help: 'do not run the built-in simulated publisher', boolean: true },
  { flag: '--sim-rate', env: 'HASHCAP_SIM_RATE', help: 'simulated ticks per second at regular-session intensity (default 200)' },
  { flag: '--sim-seed', env: 'HASHCAP_SIM_SEED', help: 'simulator seed (default 1)' },
  { flag: '--clock', env: 'HASHCAP_CLOCK', help: "start the simulated clock at an ISO time, e.g. 2026-11-20T09:25:00-05:00 (default now)" },
  { flag: '--speed', env: 'HASHCAP_SPEED', help: "simulated or replayed seconds per real second (default 1; 'max' for a replay as fast as possible)" },
  { flag: '--record', env: 'HASHCAP_RECORD', help: 'record every accepted batch to a file (.bin / .bin.gz binary, otherwise NDJSON; .gz compresses)' },
  { flag: '--replay', env: 'HASHCAP_REPLAY', help: 'replay a recording as the publisher instead of simulating (e.g. data/recordings/sample-day.bin)' },
  { flag: '--replay-from', env: 'HASHCAP_REPLAY_FROM', help: 'with --replay: send what comes before this ISO time as fast as possible, then pace' },
  { flag: '--slow-close-grace-ms', env: 'HASHCAP_SLOW_CLOSE_GRACE_MS', help: 'ms a slow consumer told it is closed (code 4000) gets to read what was queued before its socket is closed hard (default 30000)' },
  { flag: '--auth', env: 'HASHCAP_AUTH', help: 'none | required: subscribers of /v1/stream present a signed JWT (?token= or Authorization: Bearer) with exp and a channels claim (default none: open stream)' },
  { flag: '--jwt-secret', env: 'HASHCAP_JWT_SECRET', help: 'HS256 secret (≥ 32 bytes) that subscriber tokens are signed with (prefer the env var: flags show in ps)' },
  { flag: '--jwt-public-key', env: 'HASHCAP_JWT_PUBLIC_KEY', help: 'PEM public key file (Ed25519 → EdDSA, RSA → RS256) that subscriber tokens are verified with' },
  { flag: '--publishers', env: 'HASHCAP_PUBLISHERS', help: 'publisher keys file: named tokens, each with its symbols and an optional rate (replaces --token; reloaded on SIGHUP)' },
  { flag: '--allow-origin', env: 'HASHCAP_ALLOW_ORIGIN', help: 'web origins allowed to open a websocket, comma-separated, e.g. https://ticker.example.com (default any; others get 403)' },
  { flag: '--tls-cert', env: 'HASHCAP_TLS_CERT', help: 'PEM certificate chain: serve https:// and wss:// directly (with --tls-key)' },
  { flag: '--tls-key', env: 'HASHCAP_TLS_KEY', help: 'PEM private key of --tls-cert' },
  { flag: '--log-level', env: 'HASHCAP_LOG_LEVEL', help: 'fatal | error | warn | info | debug | trace | silent (default info)' },
  { flag: '--log-format', env: 'HASHCAP_LOG_FORMAT', help: 'json | pretty | auto (default auto: readable lines on a terminal, JSON otherwise)' },
  { flag: '--write-window-ms', env: 'HASHCAP_WRITE_WINDOW_MS', help: `write each subscriber's frames together at most every this many ms (default ${DEFAULT_WRITE_WINDOW_MS}; 0: once per event-loop turn)` },
  { flag: '--write-window-max-ms', env: 'HASHCAP_WRITE_WINDOW_MAX_MS', help: `under load the write window stretches up to this many ms, so more frames share a write (default ${DEFAULT_WRITE_WINDOW_MAX_MS}: no stretch; at or below --write-window-ms the window is fixed)` },
  { flag: '--heartbeat-ms', env: 'HASHCAP_HEARTBEAT_MS', help: `an idle channel sends its subscribers a heartbeat after this many ms without a frame (default ${DEFAULT_HEARTBEAT_MS}; 100 to 60000; set on the aggregator, whose gateways forward them; keep it under the clients' stale timeout, the SDK's 3000)` },
  { flag: '--no-quote-log', env: 'HASHCAP_NO_QUOTE_LOG', help: 'aggregator: do not log batches in Redis (a crash then loses the state and what was acknowledged)', boolean: true },
  { flag: '--ack-durability', env: 'HASHCAP_ACK_DURABILITY', help: 'aggregator: an ack waits for the batch to be logged (in Redis memory, default), fsync (on Redis\'s disk) or replicated (on a replica, WAIT)' },
  { flag: '--quote-log-max-entries', env: 'HASHCAP_QUOTE_LOG_MAX_ENTRIES', help: `aggregator: batches the quote log keeps (default ${DEFAULT_QUOTE_LOG_MAX_ENTRIES}: a full trading day of the simulator)` },
  { flag: '--checkpoint-interval-ms', env: 'HASHCAP_CHECKPOINT_INTERVAL_MS', help: `aggregator: ms between checkpoints of the state (default ${DEFAULT_CHECKPOINT_INTERVAL_MS})` },
  ...LIMIT_OPTIONS.map((o) => ({ flag: o.flag, env: o.env, help: o.help })),
  { flag: '--lease-ttl-ms', env: 'HASHCAP_LEASE_TTL_MS', help: `aggregator: the active's lease lapses this long after its last renew; a standby then takes over (default ${DEFAULT_LEASE_TTL_MS})` },
  { flag: '--lease-renew-ms', env: 'HASHCAP_LEASE_RENEW_MS', help: `aggregator: renew the lease (standby: try to take it) this often; at most half the TTL (default ${DEFAULT_LEASE_RENEW_MS})` },
  { flag: '--help', env: '', help: 'print this help', boolean: true },
];

export function helpText(): string {
  const lines = OPTIONS.map((o) => `  ${(o.flag + (o.boolean ? '' : ' <value>')).padEnd(22)} ${o.env ? `[${o.env}] ` : ''}${o.help}`);
  return ['Usage: npm start -- [options]', '', 'Options (flags win over environment variables):', ...lines].join('\n');
}

export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Config {
  const values = new Map<string, string>();
  const fromArgv = new Set<string>();
  for (const o of OPTIONS) {
    const v = o.env ? env[o.env] : undefined;
    if (v !== undefined && v !== '') values.set(o.flag, v);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const spec = OPTIONS.find((o) => o.flag === flag);
    if (!spec) throw new ConfigError('argument', arg, `one of ${OPTIONS.map((o) => o.flag).join(', ')}`);
    fromArgv.add(flag);
    if (spec.boolean) values.set(flag, 'true');
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ConfigError(flag, '', 'a value');
      values.set(flag, value);
    }
  }
  const get = (flag: string) => values.get(flag);
  const role = oneOf('--role', get('--role') ?? 'all', ['all', 'aggregator', 'gateway'] as const);
  // REDIS_URL may be set in an environment for other programs: a single process ignores it, but not the flag.
  const redisUrl = role === 'all' && !fromArgv.has('--redis') ? null : redis(get('--redis'));
  const reusePort = flagSet(get('--reuse-port'));
  const transport = oneOf('--transport', get('--transport') ?? 'auto', ['uws', 'ws', 'auto'] as const);
  checkRoleCombination(role, redisUrl, reusePort, get);
  // Heartbeats come from the aggregator's feed; a gateway forwards them. The env var may be shared by a whole cluster.
  if (role === 'gateway' && fromArgv.has('--heartbeat-ms')) throw new ConfigError('--heartbeat-ms', get('--heartbeat-ms') ?? '', 'no --heartbeat-ms on a gateway (it forwards the aggregator\'s heartbeats: give it to the aggregator)');
  return {
    role,
    redisUrl,
    reusePort,
    host: get('--host') ?? '127.0.0.1',
    port: integer('--port', get('--port') ?? '8080', 0, 65535),
    transport,
    ingestToken: token(get('--token')),
    baskets: (get('--basket') ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    simulate: role !== 'gateway' && !flagSet(get('--no-simulate')) && get('--replay') === undefined,
    simRate: number('--sim-rate', get('--sim-rate') ?? '200', 1, 5_000_000),
    simSeed: integer('--sim-seed', get('--sim-seed') ?? '1', 0, 2 ** 32 - 1),
    simClockMs: isoTime('--clock', get('--clock')),
    simSpeed: speed(get('--speed') ?? '1', get('--replay') !== undefined),
    recordPath: get('--record') ?? null,
    replayPath: get('--replay') ?? null,
    replayFromMs: isoTime('--replay-from', get('--replay-from')),
    slowCloseGraceMs: integer('--slow-close-grace-ms', get('--slow-close-grace-ms') ?? '30000', 0, 3_600_000),
    ...security(get, role),
    logLevel: oneOf('--log-level', get('--log-level') ?? 'info', LOG_LEVELS),
    logFormat: oneOf('--log-format', get('--log-format') ?? 'auto', LOG_FORMATS),
    writeWindowMs: number('--write-window-ms', get('--write-window-ms') ?? String(DEFAULT_WRITE_WINDOW_MS), 0, 100),
    writeWindowMaxMs: number('--write-window-max-ms', get('--write-window-max-ms') ?? String(DEFAULT_WRITE_WINDOW_MAX_MS), 0, 100),
    heartbeatMs: integer('--heartbeat-ms', get('--heartbeat-ms') ?? String(DEFAULT_HEARTBEAT_MS), 100, 60_000),
    quoteLog: role === 'aggregator' && !flagSet(get('--no-quote-log')),
    ackDurability: oneOf('--ack-durability', get('--ack-durability') ?? 'logged', ACK_DURABILITIES),
    quoteLogMaxEntries: integer('--quote-log-max-entries', get('--quote-log-max-entries') ?? String(DEFAULT_QUOTE_LOG_MAX_ENTRIES), 1000, 1_000_000_000),
    checkpointIntervalMs: integer('--checkpoint-interval-ms', get('--checkpoint-interval-ms') ?? String(DEFAULT_CHECKPOINT_INTERVAL_MS), 100, 86_400_000),
    limits: Object.fromEntries(LIMIT_OPTIONS.map((o) => [o.key, integer(o.flag, get(o.flag) ?? String(o.default), o.min, o.max)])) as unknown as ConfiguredLimits,
    ...lease(get('--lease-ttl-ms') ?? String(DEFAULT_LEASE_TTL_MS), get('--lease-renew-ms') ?? String(DEFAULT_LEASE_RENEW_MS)),
    help: flagSet(get('--help')),
  };
}

/** --auth and its key, --publishers, --allow-origin, --tls-*. A secret is never echoed in an error. */
function security(get: (flag: string) => string | undefined, role: Role) {
  const auth = oneOf('--auth', get('--auth') ?? 'none', ['none', 'required'] as const);
  const jwtSecret = get('--jwt-secret') ?? null;
  const jwtPublicKeyPath = get('--jwt-public-key') ?? null;
  if (auth === 'required' && (jwtSecret === null) === (jwtPublicKeyPath === null)) {
    throw new ConfigError('--auth', auth, 'exactly one of --jwt-secret (HS256) or --jwt-public-key (EdDSA, RS256) with --auth required');
  }
  if (auth === 'none' && (jwtSecret !== null || jwtPublicKeyPath !== null)) {
    throw new ConfigError('--auth', auth, 'required when a JWT key is given (--jwt-secret, --jwt-public-key), so tokens are not silently ignored');
  }
  if (auth === 'required' && role === 'aggregator') {
    throw new ConfigError('--auth', auth, 'none on an aggregator (it serves no /v1/stream: give --auth to its gateways)');
  }
  const publishersPath = get('--publishers') ?? null;
  if (publishersPath !== null && get('--token') !== undefined) throw new ConfigError('--token', '<hidden>', 'no --token with --publishers (the keys file names every publisher)');
  if (publishersPath !== null && role === 'gateway') throw new ConfigError('--publishers', publishersPath, 'no --publishers on a gateway (publishers connect to the aggregator)');
  const allowOrigins: string[] = [];
  for (const value of (get('--allow-origin') ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '')) {
    const origin = normaliseOrigin(value);
    if (origin === null) throw new ConfigError('--allow-origin', value, 'origins such as https://ticker.example.com or http://localhost:5173 (scheme, host, optional port; no path)');
    allowOrigins.push(origin);
  }
  const certFile = get('--tls-cert');
  const keyFile = get('--tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError(certFile === undefined ? '--tls-cert' : '--tls-key', '', 'both --tls-cert and --tls-key, or neither');
  }
  const tls: TlsFiles | null = certFile !== undefined && keyFile !== undefined ? { certFile, keyFile } : null;
  return { auth, jwtSecret, jwtPublicKeyPath, publishersPath, allowOrigins, tls };
}

function lease(ttl: string, renew: string): { leaseTtlMs: number; leaseRenewMs: number } {
  const leaseTtlMs = integer('--lease-ttl-ms', ttl, 20, 600_000);
  const leaseRenewMs = integer('--lease-renew-ms', renew, 10, 300_000);
  if (leaseRenewMs * 2 > leaseTtlMs) throw new ConfigError('--lease-renew-ms', renew, `at most half of --lease-ttl-ms (${leaseTtlMs})`);
  return { leaseTtlMs, leaseRenewMs };
}

/**
 * What a role cannot do is refused at start, with the option to blame: a gateway or aggregator without
 * a bus, a single process given one it would not use, a gateway asked to publish, an aggregator (the
 * one writer) asked to share its port.
 */
function checkRoleCombination(role: Role, redisUrl: string | null, reusePort: boolean, get: (flag: string) => string | undefined): void {
  if (role !== 'all' && redisUrl === null) throw new ConfigError('--redis', '', `a redis:// URL: --role ${role} talks to its peers through Redis`);
  if (role === 'all' && redisUrl !== null) throw new ConfigError('--role', role, 'aggregator or gateway when --redis is given (--role all runs on its in-memory bus)');
  if (role === 'gateway') {
    for (const flag of ['--replay', '--record', '--replay-from'] as const) {
      const v = get(flag);
      if (v !== undefined) throw new ConfigError(flag, v, `no ${flag} on a gateway (publishers and recordings belong to the aggregator)`);
    }
  }
  // Whether the transport can share the port (ws needs Node 22.12+) is checked once it is chosen: server/reuse-port.ts.
  if (reusePort && role !== 'gateway') throw new ConfigError('--reuse-port', 'true', `--role gateway (only gateways share a port; this is --role ${role})`);
}

/** The form only; server/bus/index.ts (createBus) checks the rest when it connects. */
function redis(v: string | undefined): string | null {
  if (v === undefined) return null;
  if (!/^(redis|rediss|redis-cluster):\/\/[^\s/]+/.test(v)) {
    throw new ConfigError('--redis', v.replace(/\/\/[^@/]*@/, '//<credentials>@'), 'redis://host:port, rediss://host:port or redis-cluster://host:port,host:port');
  }
  return v;
}

function flagSet(v: string | undefined): boolean {
  return v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
}

function integer(option: string, v: string, min: number, max: number): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) throw new ConfigError(option, v, `an integer from ${min} to ${max}`);
  return n;
}

function number(option: string, v: string, min: number, max: number): number {
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= min && n <= max)) throw new ConfigError(option, v, `a number from ${min} to ${max}`);
  return n;
}

function oneOf<T extends string>(option: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(option, v, allowed.join(' | '));
  return v as T;
}

function token(v: string | undefined): string | null {
  if (v === undefined) return null;
  if (!/^[A-Za-z0-9._~+\/=-]{16,256}$/.test(v)) throw new ConfigError('--token', '<hidden>', '16–256 URL-safe characters');
  return v;
}

function isoTime(option: string, v: string | undefined): number | null {
  if (v === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new ConfigError(option, v, 'an ISO date-time such as 2026-11-20T09:25:00-05:00');
  return ms;
}

function speed(v: string, replaying: boolean): number {
  if (v === 'max') {
    if (!replaying) throw new ConfigError('--speed', v, "a number from 0.001 to 100000 ('max' only with --replay)");
    return Number.POSITIVE_INFINITY;
  }
  return number('--speed', v, 0.001, 100_000);
}
