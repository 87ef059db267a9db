/**
 * Runs one provider adapter against a hashcap server:
 *
 *   HASHCAP_INGEST_TOKEN=… ALPACA_KEY_ID=… ALPACA_SECRET_KEY=… \
 *     npx tsx server/sources/adapters/cli.ts alpaca --url ws://localhost:8080 [--feed iex]
 *
 * Keys come from the environment only (never flags, which show up in `ps`). A missing one is an error
 * naming the variable. `--help` lists the options.
 */
import { pathToFileURL } from 'node:url';
import { HashcapError, HashcapErrorCode } from '../../errors.ts';
import { defaultBasketPaths, loadBaskets } from '../../market/basket-file.ts';
import { ALPACA_FEEDS, alpacaAdapter } from './alpaca.ts';
import { finnhubAdapter } from './finnhub.ts';
import { MASSIVE_DEFAULT_URL, POLYGON_DEFAULT_URL, polygonAdapter } from './polygon.ts';
import type { ProviderAdapter } from './provider.ts';
import { AdapterRunner, ingestUrlOf, type RunnerEvent, type RunnerStats } from './runner.ts';
import { errorFields, logger } from '../../log.ts';

export const PROVIDER_COMMANDS = ['alpaca', 'polygon', 'massive', 'finnhub'] as const;
export type ProviderCommand = (typeof PROVIDER_COMMANDS)[number];

export interface CliConfig {
  readonly provider: ProviderCommand;
  /** One or more (an active aggregator and its standbys, tried in turn). */
  readonly hashcapUrl: readonly string[];
  readonly hashcapToken: string;
  readonly providerUrl: string | null;
  readonly feed: string;
  readonly symbols: readonly string[] | null;
  readonly baskets: readonly string[];
  readonly quotes: boolean;
  readonly batchMs: number;
  readonly batchMax: number;
  readonly format: 'proto' | 'json';
  readonly verbose: boolean;
  readonly credentials: Readonly<Record<string, string>>;
}

export const CLI_HELP = `Usage: npx tsx server/sources/adapters/cli.ts <alpaca|polygon|massive|finnhub> [options]

Streams a market-data provider's trades (and quotes) into a hashcap server's /v1/ingest.

Options:
  --url <url>[,<url>…]   hashcap server, ws(s):// or http(s):// [HASHCAP_URL] (default ws://localhost:8080);
                         several: one per aggregator (active and standbys), tried in turn
  --provider-url <url>   provider websocket URL (default: the provider's production URL)
  --feed <feed>          alpaca only: ${ALPACA_FEEDS.join(' | ')} (default iex)
  --symbols <A,B,...>    symbols to subscribe to (default: every constituent of the baskets)
  --basket <files>       basket files, comma-separated [HASHCAP_BASKETS] (default data/baskets/*.basket.csv)
  --no-quotes            trades only (alpaca, polygon; finnhub has trades only anyway)
  --batch-ms <n>         send a batch at least every n ms (default 100)
  --batch-max <n>        ticks per batch, a full batch is sent at once (default 500)
  --format <proto|json>  IngestBatch encoding (default proto)
  --verbose              print every event (pings, per-channel acks, unhandled messages)
  --help                 print this help

Environment:
  HASHCAP_INGEST_TOKEN                  the server's publisher token (required)
  ALPACA_KEY_ID, ALPACA_SECRET_KEY      alpaca
  POLYGON_API_KEY (or MASSIVE_API_KEY)  polygon, massive (massive defaults to ${MASSIVE_DEFAULT_URL})
  FINNHUB_TOKEN                         finnhub`;

type Env = Readonly<Record<string, string | undefined>>;

const VALUE_FLAGS = new Set(['--url', '--provider-url', '--feed', '--symbols', '--basket', '--batch-ms', '--batch-max', '--format']);
const BOOLEAN_FLAGS = new Set(['--no-quotes', '--verbose', '--help']);

function configError(message: string): HashcapError {
  return new HashcapError(HashcapErrorCode.ADAPTER_CONFIG, message);
}

/** Flags and environment → config; a HashcapError 'ADAPTER_CONFIG' naming what is wrong or missing. */
export function parseAdapterCli(argv: readonly string[], env: Env): CliConfig | 'help' {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(flag)) values.set(flag, 'true');
    else if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw configError(`${flag} needs a value`);
      values.set(flag, value);
    } else if (arg.startsWith('-')) {
      throw configError(`unknown option ${arg} (see --help)`);
    } else positional.push(arg);
  }
  if (values.has('--help')) return 'help';
  if (positional.length !== 1) {
    throw configError(`name one provider: ${PROVIDER_COMMANDS.join(', ')}${positional.length > 1 ? ` (got ${positional.join(' ')})` : ''}`);
  }
  const provider = positional[0]! as ProviderCommand;
  if (!PROVIDER_COMMANDS.includes(provider)) {
    throw configError(`unknown provider ${JSON.stringify(provider)}: expected one of ${PROVIDER_COMMANDS.join(', ')}`);
  }

  const need = (names: readonly string[], why: string): Record<string, string> => {
    const missing = names.filter((n) => !env[n]);
    if (missing.length > 0) {
      throw configError(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: ${why}`);
    }
    return Object.fromEntries(names.map((n) => [n, env[n]!]));
  };
  let credentials: Record<string, string>;
  switch (provider) {
    case 'alpaca':
      credentials = need(['ALPACA_KEY_ID', 'ALPACA_SECRET_KEY'], 'the alpaca adapter needs your Alpaca API key id and secret key');
      break;
    case 'polygon':
    case 'massive': {
      const key = env['POLYGON_API_KEY'] || env['MASSIVE_API_KEY'];
      if (!key) throw configError(`POLYGON_API_KEY (or MASSIVE_API_KEY) is not set: the ${provider} adapter needs your API key`);
      credentials = { apiKey: key };
      break;
    }
    case 'finnhub':
      credentials = need(['FINNHUB_TOKEN'], 'the finnhub adapter needs your Finnhub API token');
      break;
  }
  const token = need(['HASHCAP_INGEST_TOKEN'], "the adapter publishes with the hashcap server's ingest token (its --token)")['HASHCAP_INGEST_TOKEN']!;

  const hashcapUrl = (values.get('--url') ?? env['HASHCAP_URL'] ?? 'ws://localhost:8080').split(',').map((u) => u.trim()).filter((u) => u !== '');
  for (const url of hashcapUrl) ingestUrlOf(url); // validates
  const providerUrl = values.get('--provider-url') ?? null;
  if (providerUrl !== null && !/^wss?:\/\/./.test(providerUrl)) throw configError(`--provider-url ${JSON.stringify(providerUrl)} must be a ws:// or wss:// URL`);
  const feed = values.get('--feed') ?? 'iex';
  if (values.has('--feed') && provider !== 'alpaca') throw configError('--feed applies to alpaca only');
  if (!(ALPACA_FEEDS as readonly string[]).includes(feed)) throw configError(`--feed ${JSON.stringify(feed)}: expected one of ${ALPACA_FEEDS.join(', ')}`);
  let symbols: string[] | null = null;
  const rawSymbols = values.get('--symbols');
  if (rawSymbols !== undefined) {
    symbols = rawSymbols.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
    const bad = symbols.find((s) => !/^[A-Z][A-Z0-9.\-]{0,9}$/.test(s));
    if (bad !== undefined || symbols.length === 0) throw configError(`--symbols: ${JSON.stringify(bad ?? rawSymbols)} is not a ticker list like IREN,MARA`);
  }
  const basketValue = values.get('--basket') ?? env['HASHCAP_BASKETS'];
  const baskets = basketValue ? basketValue.split(',').map((s) => s.trim()).filter((s) => s !== '') : defaultBasketPaths();
  const format = values.get('--format') ?? 'proto';
  if (format !== 'proto' && format !== 'json') throw configError(`--format ${JSON.stringify(format)}: expected proto or json`);
  return {
    provider,
    hashcapUrl,
    hashcapToken: token,
    providerUrl,
    feed,
    symbols,
    baskets,
    quotes: !values.has('--no-quotes'),
    batchMs: intFlag(values, '--batch-ms', 100, 1, 60_000),
    batchMax: intFlag(values, '--batch-max', 500, 1, 10_000),
    format,
    verbose: values.has('--verbose'),
    credentials,
  };
}

function intFlag(values: Map<string, string>, flag: string, fallback: number, min: number, max: number): number {
  const raw = values.get(flag);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw configError(`${flag} ${JSON.stringify(raw)}: expected an integer in [${min}, ${max}]`);
  return n;
}

export function createAdapter(config: CliConfig): ProviderAdapter {
  const url = config.providerUrl ?? undefined;
  const c = config.credentials;
  switch (config.provider) {
    case 'alpaca':
      return alpacaAdapter({ keyId: c['ALPACA_KEY_ID']!, secretKey: c['ALPACA_SECRET_KEY']!, feed: config.feed, quotes: config.quotes, ...(url ? { url } : {}) });
    case 'polygon':
    case 'massive':
      return polygonAdapter({
        apiKey: c['apiKey']!,
        quotes: config.quotes,
        url: url ?? (config.provider === 'massive' ? MASSIVE_DEFAULT_URL : POLYGON_DEFAULT_URL),
      });
    case 'finnhub':
      return finnhubAdapter({ token: c['FINNHUB_TOKEN']!, ...(url ? { url } : {}) });
  }
}

/** One log line for an event, or null for the chatty ones unless verbose. */
export function formatEvent(e: RunnerEvent, verbose = false): string | null {
  const side = e.side;
  switch (e.type) {
    case 'connecting':
      return `${side}: connecting to ${e.url}${e.attempt > 0 ? ` (attempt ${e.attempt + 1})` : ''}`;
    case 'open':
      return verbose ? `${side}: open` : null;
    case 'connected':
      return verbose ? `${side}: connected (${e.message})` : null;
    case 'authenticated':
      return `${side}: authenticated`;
    case 'auth-failed':
      return `${side}: AUTHENTICATION FAILED${e.code !== null ? ` (${e.code})` : ''}: ${e.message}`;
    case 'subscribe-sent':
      return `${side}: subscribing to ${e.symbols.length} symbols: ${e.symbols.join(' ')}`;
    case 'subscribed':
      return verbose ? `${side}: subscribed ${e.channels.join(' ')}` : null;
    case 'error':
      return `${side}: provider error${e.code !== null ? ` ${e.code}` : ''}: ${e.message}`;
    case 'ping':
      return verbose ? `${side}: ping` : null;
    case 'malformed':
      return `${side}: unreadable message: ${e.detail}`;
    case 'unhandled':
      return verbose ? `${side}: ignored ${e.what}` : null;
    case 'disconnected':
      return `${side}: disconnected (${e.code}${e.reason ? ` ${e.reason}` : ''})`;
    case 'reconnect-scheduled':
      return `${side}: reconnecting in ${e.delayMs} ms`;
    case 'socket-error':
      return `${side}: ${e.message}`;
    case 'timeout':
      return `${side}: ${e.what} timeout after ${e.afterMs} ms; reconnecting`;
    case 'rejected':
      return `${side}: ${e.count} ticks rejected in batch ${e.batchId}: ${Object.entries(e.byReason).map(([k, v]) => `${k} ${v}`).join(', ')}; e.g. ${e.sample[0] ?? ''}`;
    case 'batch-error':
      return `${side}: batch ${e.batchId} refused (${e.code}): ${e.message}`;
    case 'bad-reply':
      return `${side}: unreadable reply: ${e.message}`;
    case 'dropped':
      return `${side}: queue full while hashcap is unreachable: dropping the oldest ticks (${e.count} so far)`;
    case 'stopped':
      return `stopped: ${formatStats(e.stats)}`;
  }
}

export function formatStats(s: RunnerStats): string {
  const p = s.provider;
  const h = s.hashcap;
  return (
    `provider ${p.trades} trades ${p.quotes} quotes ${p.corrections} corrections/cancels, ${p.opens} connections, ${p.authFailures} auth failures, ${p.errors} errors, ${p.malformed} unreadable; ` +
    `hashcap ${h.accepted} accepted ${h.rejected} rejected, ${h.batchesSent} batches, ${h.pending} queued, ${h.dropped} dropped, ${h.disconnects} disconnects`
  );
}

async function main(): Promise<number> {
  let config: CliConfig | 'help';
  try {
    config = parseAdapterCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n(--help lists the options)`);
    return 2;
  }
  if (config === 'help') {
    console.log(CLI_HELP);
    return 0;
  }
  let symbols = config.symbols;
  if (symbols === null) {
    try {
      const baskets = await loadBaskets(config.baskets);
      symbols = [...new Set(baskets.flatMap((b) => b.constituents.map((c) => c.ticker)))];
    } catch (error) {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  }
  const { verbose } = config;
  const runner = new AdapterRunner({
    adapter: createAdapter(config),
    symbols,
    hashcapUrl: config.hashcapUrl,
    hashcapToken: config.hashcapToken,
    batchIntervalMs: config.batchMs,
    maxBatchTicks: config.batchMax,
    format: config.format,
    onEvent: (e) => {
      const line = formatEvent(e, verbose);
      if (line !== null) logger().info({ side: e.side, event: e.type }, line);
    },
  });
  runner.start();
  const statsTimer = setInterval(() => logger().info(formatStats(runner.stats())), 30_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(statsTimer);
  await runner.stop();
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      logger().fatal(errorFields(error), 'adapter failed');
      process.exit(1);
    },
  );
}
