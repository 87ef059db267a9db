/**
 * `npm start`: parse flags/env, start the server in its role (one process with the simulated
 * publisher by default; an aggregator or a gateway with --role and --redis), print where things are.
 */
import { ConfigError, helpText, parseConfig, type Config } from './config.ts';
import { HashcapError } from './errors.ts';
import { startServer } from './app.ts';
import { startGateway } from './gateway-app.ts';
import { describeSecurity } from './auth/security.ts';
import { configureLogger, errorFields, logger, logLine, scrub } from './log.ts';

/** The process's logger once the flags are read (server/log.ts); until then its default. */
const log = logLine();

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
      // A usage error, for the person typing the command: plain text with the options, not a log line.
      process.stderr.write(`hashcap: ${err.message}\n\n${helpText()}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (config.help) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  configureLogger({ level: config.logLevel, format: config.logFormat });
  if (stopRequested !== null) process.exit(0);
  const server = config.role === 'gateway' ? await runGateway(config) : await runServer(config);
  stopServer = (signal) => {
    log(`${signal}: advising subscribers to reconnect, closing in ${STOP_GRACE_MS / 1000} s`, 'info', { signal });
    server.close(STOP_GRACE_MS).then(
      () => {
        log('closed', 'info', { signal });
        process.exit(0);
      },
      (err: unknown) => {
        logger().error(errorFields(err), `closing failed: ${err instanceof Error ? err.message : String(err)}`);
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
  if (config.publishersPath === null) log(`  token      ${tokenLine(config, server.ingestToken)}`);
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

/**
 * The publisher token is a secret, so it is never logged. A generated one is shown only to a person at a
 * terminal reading readable lines (stdout a TTY, format not json: nothing keeps it); a log file or a
 * log pipeline gets where to set one instead.
 */
function tokenLine(config: Config, token: string): string {
  if (config.ingestToken) return '(given by --token or HASHCAP_INGEST_TOKEN; not logged)';
  if (process.stdout.isTTY === true && config.logFormat !== 'json') process.stdout.write(`  publisher token (generated, shown on this terminal only): ${token}\n`);
  return '(generated; not logged: set HASHCAP_INGEST_TOKEN to choose one for your publishers)';
}

function redacted(url: string | null): string {
  return (url ?? '').replace(/\/\/[^@/]*@/, '//<credentials>@');
}

main().catch((err: unknown) => {
  const message = err instanceof HashcapError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
  logger().fatal(err instanceof HashcapError ? { code: err.code } : errorFields(err), `failed to start: ${message}`);
  // And on stderr, for whoever started the process (a supervisor, a terminal) and reads why it exited.
  process.stderr.write(`hashcap: failed to start: ${scrub(message)}\n`);
  process.exit(1);
});
