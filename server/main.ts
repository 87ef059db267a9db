/**
 * `npm start`: parse flags/env, start the server in its role (one process with the simulated
 * publisher by default; an aggregator or a gateway with --role and --redis), print where things are.
 */
import { ConfigError, helpText, parseConfig, type Config } from './config.ts';
import { HashcapError } from './errors.ts';
import { startServer } from './app.ts';
import { startGateway } from './gateway-app.ts';
import { describeSecurity } from './auth/security.ts';

const log = (line: string) => console.log(line);

/**
 * SIGTERM (a supervisor, a container runtime, npm passing it on) and SIGINT (Ctrl-C) stop the server
 * the planned way: reconnect advice to every subscriber, 2 s for them to move, close, exit 0. The
 * handlers go in before the server starts, so a stop that arrives during startup is honoured once the
 * server is up instead of killing it half-started; a second signal (Ctrl-C reaches npm and this
 * process alike) changes nothing.
 */
const STOP_GRACE_MS = 2000;
let stopRequested: NodeJS.Signals | null = null;
let stopServer: ((signal: NodeJS.Signals) => void) | null = null;
const onStopSignal = (signal: NodeJS.Signals) => {
  if (stopRequested !== null) return;
  stopRequested = signal;
  stopServer?.(signal);
};
process.on('SIGINT', onStopSignal);
process.on('SIGTERM', onStopSignal);

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`hashcap: ${err.message}\n\n${helpText()}`);
      process.exit(2);
    }
    throw err;
  }
  if (config.help) {
    console.log(helpText());
    return;
  }
  if (stopRequested !== null) process.exit(0);
  const server = config.role === 'gateway' ? await runGateway(config) : await runServer(config);
  stopServer = (signal) => {
    log(`${signal}: advising subscribers to reconnect, closing in ${STOP_GRACE_MS / 1000} s`);
    server.close(STOP_GRACE_MS).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`hashcap: closing failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  if (stopRequested !== null) stopServer(stopRequested);
}

async function runServer(config: Config) {
  const server = await startServer(config, log);
  const wsUrl = server.url.replace(/^http/, 'ws');
  log(`hashcap ${config.role === 'aggregator' ? 'aggregator' : 'all-in-one'}, ${server.transport.name} transport, epoch ${server.feed.epoch}`);
  if (config.role === 'all') {
    log(`  ticker     ${server.url}/`);
    log(`  stream     ${wsUrl}/v1/stream   (sub-protocols hashcap.v1.proto, hashcap.v1.json)`);
  } else {
    log(`  bus        ${server.bus?.name} ${redacted(config.redisUrl)}   (subscribers connect to the gateways)`);
  }
  log(`  ingest     ${wsUrl}/v1/ingest   and POST ${server.url}/v1/quotes`);
  // With --publishers the keys file holds the tokens; they are never printed.
  if (config.publishersPath === null) log(`  token      ${server.ingestToken}${config.ingestToken ? '' : '   (generated; set HASHCAP_INGEST_TOKEN to choose one)'}`);
  log(`  snapshot   ${server.url}/v1/snapshot   metrics ${server.url}/metrics`);
  log(config.simulate ? `  simulator  ${config.simRate} ticks/s, seed ${config.simSeed}, speed ${config.simSpeed}×` : '  simulator  off');
  for (const line of describeSecurity(config, server.security, config.role === 'all')) log(line);
  if (config.publishersPath !== null) {
    // Only with a keys file: otherwise SIGHUP keeps its default (a hung-up terminal stops the server).
    process.on('SIGHUP', () => void server.reloadPublishers());
  }
  return server;
}

async function runGateway(config: Config) {
  const server = await startGateway(config, log);
  const wsUrl = server.url.replace(/^http/, 'ws');
  log(`hashcap gateway, ${server.transport.name} transport${config.reusePort ? ', port shared (SO_REUSEPORT)' : ''}, pid ${process.pid}`);
  log(`  bus        ${server.bus.name} ${redacted(config.redisUrl)}`);
  log(`  ticker     ${server.url}/`);
  log(`  stream     ${wsUrl}/v1/stream   (sub-protocols hashcap.v1.proto, hashcap.v1.json)`);
  log(`  snapshot   ${server.url}/v1/snapshot   metrics ${server.url}/metrics`);
  for (const line of describeSecurity(config, server.security, true)) log(line);
  return server;
}

function redacted(url: string | null): string {
  return (url ?? '').replace(/\/\/[^@/]*@/, '//<credentials>@');
}

main().catch((err: unknown) => {
  const message = err instanceof HashcapError ? `${err.code}: ${err.message}` : err instanceof Error ? err.stack : String(err);
  console.error(`hashcap: failed to start: ${message}`);
  process.exit(1);
});
