/**
 * `npm run cluster -- --gateways 3` (node --import tsx scripts/cluster.ts): the scale-out deployment
 * on one machine, in one command. A redis-server from PATH on a free loopback port, its working
 * directory a folder it names; one aggregator with the simulator on a port of its own; N gateways
 * sharing one port (8080, SO_REUSEPORT). It builds the ticker page first when it is stale, waits until
 * every part answers (/healthz; PING for Redis), prints the URLs, and forwards each part's log lines
 * with its name in front.
 *
 * Ctrl-C or SIGTERM stops all of it, in order: gateways and aggregator first (each advises its
 * subscribers to reconnect and closes), Redis last, so nobody logs a lost bus on the way out. When a
 * part exits on its own, the command says which and how, stops the rest and exits 1. The parts run in
 * process groups of their own (see scripts/cluster/cluster-process.ts), so a terminal's Ctrl-C reaches
 * this process alone and what stops them is this process, in that order; `exec` in the npm script
 * makes this process npm's direct child, so a SIGTERM to npm reaches it too (see scripts/start.ts).
 * A SIGKILL to this process cannot be passed on: the parts would go on running.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appIsFresh, REPO_ROOT } from './app-build.ts';
import { ClusterProcess, describeExit } from './cluster/cluster-process.ts';
import { findRedisServer, redisServerArgs } from './cluster/local-redis.ts';
import { clusterHelp, parseClusterOptions, type ClusterOptions } from './cluster/options.ts';
import { freeLoopbackPort, healthz, portIsFree, redisAnswers } from './cluster/probes.ts';
import { ConfigError } from '../server/config.ts';
import { HashcapError, HashcapErrorCode } from '../server/errors.ts';

const SERVER_MAIN = join(REPO_ROOT, 'server', 'main.ts');
const APP_BUILD = fileURLToPath(new URL('./app-build.ts', import.meta.url));
/** A role's start includes compiling TypeScript through tsx: generous on a busy machine. */
const ROLE_START_MS = 60_000;
const REDIS_START_MS = 10_000;
/** A role's planned stop takes its reconnect grace (2 s, server/main.ts) and a little more. */
const ROLE_STOP_MS = 5_000;
const REDIS_STOP_MS = 3_000;

/** Forwarded lines are "<name padded to this> | <line>"; widened for gateway-10 and up. */
let nameWidth = 'aggregator'.length;
const say = (line: string) => process.stdout.write(`${'cluster'.padEnd(nameWidth)} | ${line}\n`);
const complain = (line: string) => process.stderr.write(`${'cluster'.padEnd(nameWidth)} | ${line}\n`);
const parts: ClusterProcess[] = [];
let stopping = false;
let dataDir: string | null = null;
let dataDirIsOurs = false;

/** Stops every part still running (roles, then Redis), tidies up, exits with `code`. Once only. */
async function stopAll(code: number): Promise<never> {
  stopping = true;
  const redis = parts.find((p) => p.name === 'redis');
  await Promise.all(parts.filter((p) => p !== redis).map((p) => p.stop(ROLE_STOP_MS)));
  if (redis) await redis.stop(REDIS_STOP_MS);
  if (dataDir !== null) {
    if (code === 0 && dataDirIsOurs) rmSync(dataDir, { recursive: true, force: true });
    else say(`redis data folder kept: ${dataDir}`);
  }
  if (parts.length > 0) say(code === 0 ? 'stopped: gateways, aggregator and redis-server have exited' : 'stopped the rest; every part has exited');
  process.exit(code);
}

function onStopSignal(signal: NodeJS.Signals): void {
  // Ctrl-C reaches npm and this process alike, and npm passes its copy on: a second signal changes nothing.
  if (stopping) return;
  say(`${signal}: stopping the gateways and the aggregator, then redis-server`);
  void stopAll(0);
}
process.on('SIGINT', onStopSignal);
process.on('SIGTERM', onStopSignal);
// Last resort (an exception in this script): no part outlives it.
process.on('exit', () => {
  for (const p of parts) p.signal('SIGKILL');
});

function start(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ClusterProcess {
  if (stopping) throw new HashcapError(HashcapErrorCode.CLUSTER_START_FAILED, `not starting ${name}: the cluster is stopping`);
  const part = new ClusterProcess(name, command, args, { cwd: REPO_ROOT, env, nameWidth });
  parts.push(part);
  return part;
}

/** A part that exits while the cluster is not stopping is a failure of the whole: say so, stop the rest. */
function watch(part: ClusterProcess): void {
  void part.exited.then((exit) => {
    if (stopping) return;
    complain(`${part.name} (pid ${part.pid}) exited unexpectedly (${describeExit(exit)}); stopping the rest`);
    void stopAll(1);
  });
}

function startFailed(what: string, cause?: unknown): HashcapError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new HashcapError(HashcapErrorCode.CLUSTER_START_FAILED, `${what}${detail}`, { cause });
}

/** Like `npm start`: the page is built in a child, so Vite never stays loaded here. */
async function buildPageIfStale(): Promise<void> {
  if (appIsFresh()) return;
  say('building the ticker page (client/app → dist/app)');
  const build = start('build', process.execPath, ['--import', 'tsx', APP_BUILD]);
  const exit = await build.exited;
  if (stopping) await new Promise<never>(() => {}); // a stop signal during the build: stopAll exits
  if (exit.code !== 0) throw startFailed(`building the ticker page failed (${describeExit(exit)})`);
}

async function startRedis(command: string, port: number, dir: string): Promise<ClusterProcess> {
  const redis = start('redis', command, redisServerArgs(port, dir));
  watch(redis);
  const deadline = Date.now() + REDIS_START_MS;
  while (!(await redisAnswers(port, 500))) {
    if (!redis.running) throw startFailed(`redis-server on port ${port} exited (${describeExit(redis.exit!)}) before it answered PING`);
    if (Date.now() > deadline) throw startFailed(`redis-server on port ${port} did not answer PING in ${REDIS_START_MS / 1000} s`);
    await sleep(50);
  }
  return redis;
}

/** The role's URL, from the line it prints once it listens. */
async function roleUrl(part: ClusterProcess): Promise<string> {
  try {
    return (await part.waitForLine(/snapshot\s+(https?:\/\/\S+)\/v1\/snapshot/, ROLE_START_MS))[1]!;
  } catch (err) {
    throw startFailed(`${part.name} did not start`, err);
  }
}

/**
 * Until /healthz on the shared port has been answered by every gateway (each answer names its pid), so
 * each of them serves; an answer from a process that is not one of them means the port is not ours alone.
 */
async function waitForGateways(base: string, gateways: readonly ClusterProcess[]): Promise<void> {
  const pending = new Set(gateways.map((g) => g.pid));
  const deadline = Date.now() + ROLE_START_MS;
  while (pending.size > 0) {
    const health = await healthz(base, 2_000);
    const pid = typeof health?.['pid'] === 'number' ? health['pid'] : null;
    if (pid !== null && !gateways.some((g) => g.pid === pid)) {
      throw startFailed(`${base} is also served by pid ${pid}, which is not one of this cluster's gateways`);
    }
    if (pid !== null) pending.delete(pid);
    if (Date.now() > deadline) throw startFailed(`gateway pid(s) ${[...pending].join(', ')} did not answer ${base}/healthz in ${ROLE_START_MS / 1000} s`);
    if (health === null) await sleep(50);
  }
}

async function waitHealthy(part: ClusterProcess, base: string): Promise<void> {
  const deadline = Date.now() + ROLE_START_MS;
  while ((await healthz(base, 2_000)) === null) {
    if (!part.running || Date.now() > deadline) throw startFailed(`${part.name} did not answer ${base}/healthz`);
    await sleep(50);
  }
}

/** How a URL names the host a role listens on (a wildcard address is reached on loopback). */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function run(options: ClusterOptions): Promise<void> {
  const redisServer = findRedisServer(process.env);
  if (!(await portIsFree(options.host, options.port))) {
    throw new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `port ${options.port} on ${options.host} is in use (another server, or another cluster's gateways): choose one with --port`);
  }
  if (options.aggregatorPort !== 0 && !(await portIsFree(options.host, options.aggregatorPort))) {
    throw new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `--aggregator-port ${options.aggregatorPort} on ${options.host} is in use`);
  }
  const redisPort = options.redisPort !== 0 ? options.redisPort : await freeLoopbackPort();
  if (options.redisPort !== 0 && !(await portIsFree('127.0.0.1', redisPort))) {
    throw new HashcapError(HashcapErrorCode.TRANSPORT_LISTEN_FAILED, `--redis-port ${redisPort} on 127.0.0.1 is in use`);
  }
  nameWidth = Math.max(nameWidth, `gateway-${options.gateways}`.length);

  await buildPageIfStale();

  if (options.dir !== null) {
    dataDir = resolve(options.dir);
    mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'hashcap-cluster-'));
    dataDirIsOurs = true;
  }
  say(`redis-server ${redisServer} on 127.0.0.1:${redisPort}, data in ${dataDir}`);
  const redis = await startRedis(redisServer, redisPort, dataDir);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  const token = process.env['HASHCAP_INGEST_TOKEN'] || randomBytes(24).toString('base64url');
  const node = (role: string, extra: readonly string[]) => [
    '--import', 'tsx', SERVER_MAIN, '--role', role, '--redis', redisUrl, '--host', options.host, ...extra,
  ];
  const aggregator = start('aggregator', process.execPath, node('aggregator', ['--port', String(options.aggregatorPort), ...(options.simRate !== null ? ['--sim-rate', options.simRate] : [])]), {
    ...process.env,
    HASHCAP_INGEST_TOKEN: token,
  });
  watch(aggregator);
  // The gateways start once the aggregator has put each topic's base in Redis: they load it at once.
  const aggregatorUrl = `http://${urlHost(options.host)}:${new URL(await roleUrl(aggregator)).port}`;
  await waitHealthy(aggregator, aggregatorUrl);

  const gateways: ClusterProcess[] = [];
  for (let i = 1; i <= options.gateways; i++) {
    const gateway = start(`gateway-${i}`, process.execPath, node('gateway', ['--port', String(options.port), '--reuse-port']));
    watch(gateway);
    gateways.push(gateway);
  }
  await Promise.all(gateways.map(roleUrl));
  const url = `http://${urlHost(options.host)}:${options.port}`;
  await waitForGateways(url, gateways);

  const ws = (http: string) => http.replace(/^http/, 'ws');
  const lines = [
    `hashcap cluster ready: redis-server, 1 aggregator, ${options.gateways} gateway${options.gateways === 1 ? '' : 's'} sharing port ${options.port}; Ctrl-C stops all of it`,
    `  ticker     ${url}/`,
    `  stream     ${ws(url)}/v1/stream   (sub-protocols hashcap.v1.proto, hashcap.v1.json)`,
    `  snapshot   ${url}/v1/snapshot   (any gateway) and ${aggregatorUrl}/v1/snapshot (the aggregator)`,
    `  metrics    ${aggregatorUrl}/metrics (aggregator); ${url}/metrics (whichever gateway takes the connection; /healthz names its pid)`,
    `  ingest     ${ws(aggregatorUrl)}/v1/ingest   and POST ${aggregatorUrl}/v1/quotes`,
    `  token      ${token}${process.env['HASHCAP_INGEST_TOKEN'] ? '   (HASHCAP_INGEST_TOKEN)' : '   (generated; set HASHCAP_INGEST_TOKEN to choose one)'}`,
    `  redis      ${redisUrl}   data in ${dataDir}`,
    `  pids       ${[redis, aggregator, ...gateways].map((p) => `${p.name} ${p.pid}`).join(', ')}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

let options: ClusterOptions;
try {
  options = parseClusterOptions(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`hashcap cluster: ${err.code}: ${err.message}\n\n${clusterHelp()}\n`);
  process.exit(2);
}
// The roles log to a pipe (this process), so they would write JSON: readable lines when a person watches.
if (process.stdout.isTTY === true && !process.env['HASHCAP_LOG_FORMAT']) process.env['HASHCAP_LOG_FORMAT'] = 'pretty';
if (options.help) {
  process.stdout.write(clusterHelp() + '\n');
  process.exit(0);
}
run(options).catch((err: unknown) => {
  // A part that died first has said so and is stopping the rest already.
  if (stopping) return;
  const message = err instanceof HashcapError ? `${err.code}: ${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
  complain(`failed to start: ${message}`);
  void stopAll(1);
});
