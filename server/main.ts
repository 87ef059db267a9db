/**
 * `npm start`: parse flags/env, start the server with the simulated publisher, print where things are.
 */
import { ConfigError, helpText, parseConfig } from './config.ts';
import { HashcapError } from './errors.ts';
import { startServer } from './app.ts';

const log = (line: string) => console.log(line);

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
  const server = await startServer(config, log);
  const wsUrl = server.url.replace(/^http/, 'ws');
  log(`hashcap ${server.transport.name} transport, epoch ${server.feed.epoch}`);
  log(`  ticker     ${server.url}/`);
  log(`  stream     ${wsUrl}/v1/stream   (sub-protocols hashcap.v1.proto, hashcap.v1.json)`);
  log(`  ingest     ${wsUrl}/v1/ingest   and POST ${server.url}/v1/quotes`);
  log(`  token      ${server.ingestToken}${config.ingestToken ? '' : '   (generated; set HASHCAP_INGEST_TOKEN to choose one)'}`);
  log(`  snapshot   ${server.url}/v1/snapshot   metrics ${server.url}/metrics`);
  log(config.simulate ? `  simulator  ${config.simRate} ticks/s, seed ${config.simSeed}, speed ${config.simSpeed}×` : '  simulator  off');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: advising subscribers to reconnect, closing in 2 s`);
    server.close(2000).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const message = err instanceof HashcapError ? `${err.code}: ${err.message}` : err instanceof Error ? err.stack : String(err);
  console.error(`hashcap: failed to start: ${message}`);
  process.exit(1);
});
