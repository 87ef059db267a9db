/**
 * Load generator CLI, for operators and benches:
 *
 *   npx tsx bench/load/cli.ts --url ws://127.0.0.1:8080 --subscribers 1000 --probes 5 \
 *     --channel index.miners --duration 10 [--publish-rate 2000 --token …] \
 *     [--source-addresses 127.0.0.2,127.0.0.3] [--json out.json]
 *
 * Without --publish-rate it only observes (e.g. a server running its simulator). Loopback only.
 */
import { writeFileSync } from 'node:fs';
import { parseSourceAddresses } from './loopback.ts';
import { PROTOCOLS, type ProtocolName } from './protocols.ts';
import { DEFAULT_LOAD_OPTIONS, defaultDeadlineS, runLoad, type LoadOptions } from './run.ts';
import { formatReport } from './summary.ts';

const HELP = `Usage: npx tsx bench/load/cli.ts --url ws://127.0.0.1:8080 [options]

  --url <ws url>              server to load (hashcap: stream path defaults to /v1/stream); loopback only
  --protocol <name>           ${PROTOCOLS.join(' | ')} (default hashcap)
  --subscribers <n>           cheap counting subscribers (default ${DEFAULT_LOAD_OPTIONS.subscribers})
  --probes <n>                full decoding probe clients (default ${DEFAULT_LOAD_OPTIONS.probes})
  --channel <name>            channel to subscribe (default ${DEFAULT_LOAD_OPTIONS.channel})
  --duration <s>              measurement window (default ${DEFAULT_LOAD_OPTIONS.durationS})
  --warmup <s>                before the window (default ${DEFAULT_LOAD_OPTIONS.warmupS})
  --publish-rate <n/s>        open-loop publish rate: ingest batches (= deltas) per second; 0 = observe only
  --ticks-per-batch <n>       trades per ingest batch (default 1)
  --token <token>             hashcap publisher token (needed with --publish-rate)
  --publish-url <url>         ingest/publish endpoint (default: same host, /v1/ingest); nats: tcp://127.0.0.1:4222
  --source-addresses <list>   loopback source addresses to spread subscribers over, e.g. 127.0.0.2,127.0.0.3
  --max-connecting <n>        handshakes in flight at once (default ${DEFAULT_LOAD_OPTIONS.maxConnecting})
  --connect-timeout <s>       budget for everyone to subscribe (default ${DEFAULT_LOAD_OPTIONS.connectTimeoutS})
  --drain <s>                 wait for in-flight messages after publishing stops (default ${DEFAULT_LOAD_OPTIONS.drainS})
  --deadline <s>              hard limit on the whole run (default: the phases' budgets + cleanup)
  --seed <n>                  PRNG seed for ticks and backoff jitter (default 1)
  --json <file>               also write the full report as JSON
`;

function parse(argv: readonly string[]): { options: Partial<LoadOptions> & { url: string }; json: string | null } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq !== -1) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      values.set(arg.slice(2), v);
    }
  }
  const known = new Set(['url', 'protocol', 'subscribers', 'probes', 'channel', 'duration', 'warmup', 'publish-rate', 'ticks-per-batch', 'token', 'publish-url', 'source-addresses', 'max-connecting', 'connect-timeout', 'drain', 'deadline', 'seed', 'json']);
  for (const k of values.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}`);
  const url = values.get('url');
  if (url === undefined) throw new Error('--url is required');
  const num = (k: string, min: number, max: number): number | undefined => {
    const v = values.get(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(Number.isFinite(n) && n >= min && n <= max)) throw new Error(`--${k} must be a number from ${min} to ${max}, got ${v}`);
    return n;
  };
  const protocol = values.get('protocol') ?? 'hashcap';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) throw new Error(`--protocol must be one of ${PROTOCOLS.join(', ')}`);
  const options: Partial<LoadOptions> & { url: string } = {
    url,
    protocol: protocol as ProtocolName,
    sourceAddresses: parseSourceAddresses(values.get('source-addresses')),
    token: values.get('token') ?? null,
    publishUrl: values.get('publish-url') ?? null,
    ...defined('channel', values.get('channel')),
    ...defined('subscribers', num('subscribers', 0, 1_000_000)),
    ...defined('probes', num('probes', 0, 100)),
    ...defined('durationS', num('duration', 0.1, 86_400)),
    ...defined('warmupS', num('warmup', 0, 3600)),
    ...defined('publishRate', num('publish-rate', 0, 10_000_000)),
    ...defined('ticksPerBatch', num('ticks-per-batch', 1, 10_000)),
    ...defined('maxConnecting', num('max-connecting', 1, 100_000)),
    ...defined('connectTimeoutS', num('connect-timeout', 1, 3600)),
    ...defined('drainS', num('drain', 0, 600)),
    ...defined('deadlineS', num('deadline', 1, 86_400)),
    ...defined('seed', num('seed', 0, 2 ** 32 - 1)),
  };
  return { options, json: values.get('json') ?? null };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`loadgen: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
  const o = { ...DEFAULT_LOAD_OPTIONS, ...parsed.options };
  console.error(`loadgen: ${o.subscribers} subscribers + ${o.probes} probes → ${o.url}, deadline ${o.deadlineS || defaultDeadlineS(o)} s`);
  const report = await runLoad({ ...parsed.options, log: (l) => console.error(`loadgen: ${l}`) });
  console.log(formatReport(report));
  if (parsed.json !== null) writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.problems.length > 0 || report.socketsOpenAtEnd > 0 ? 1 : 0);
}

await main();
