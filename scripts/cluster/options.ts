/**
 * Flags of `npm run cluster`. What the cluster itself decides (how many gateways, which ports, where
 * Redis keeps its files) is a flag here; everything else a role understands reaches it through the
 * environment (HASHCAP_SIM_SEED, HASHCAP_CLOCK, HASHCAP_BASKETS, …), which every child inherits.
 */
import { ConfigError } from '../../server/config.ts';

export interface ClusterOptions {
  readonly gateways: number;
  /** The port every gateway listens on (SO_REUSEPORT). */
  readonly port: number;
  readonly host: string;
  /** 0: a free one, chosen by the aggregator. */
  readonly aggregatorPort: number;
  /** 0: a free loopback port. */
  readonly redisPort: number;
  /** null: the simulator's default (or HASHCAP_SIM_RATE). */
  readonly simRate: string | null;
  /** Redis's working directory; null: a fresh temp dir, removed after a clean stop. */
  readonly dir: string | null;
  readonly help: boolean;
}

interface FlagSpec {
  readonly flag: string;
  readonly value: string | null;
  readonly help: string;
}

const FLAGS: readonly FlagSpec[] = [
  { flag: '--gateways', value: '<n>', help: 'gateway processes sharing the port (default 3, at most 64)' },
  { flag: '--port', value: '<port>', help: 'the port the gateways share: ticker page, /v1/stream, /v1/snapshot (default 8080)' },
  { flag: '--host', value: '<addr>', help: 'address the aggregator and gateways listen on (default 127.0.0.1)' },
  { flag: '--aggregator-port', value: '<port>', help: 'the aggregator\'s port: ingest, /metrics, /v1/snapshot (default: a free one)' },
  { flag: '--redis-port', value: '<port>', help: 'redis-server\'s port on 127.0.0.1 (default: a free one)' },
  { flag: '--sim-rate', value: '<n>', help: 'simulated ticks per second, passed to the aggregator (default 200)' },
  { flag: '--dir', value: '<path>', help: 'redis-server\'s working directory, kept afterwards (default: a temp dir, removed after a clean stop)' },
  { flag: '--help', value: null, help: 'print this help' },
];

export function clusterHelp(): string {
  return [
    'Usage: npm run cluster -- [options]',
    '',
    'A local redis-server, one aggregator with the simulator and N gateways sharing one port,',
    'until Ctrl-C or SIGTERM stops all of them. Other settings reach every role through the',
    'environment (HASHCAP_SIM_SEED, HASHCAP_CLOCK, HASHCAP_BASKETS, HASHCAP_INGEST_TOKEN, …; see npm start -- --help).',
    '',
    ...FLAGS.map((f) => `  ${(f.flag + (f.value ? ` ${f.value}` : '')).padEnd(24)} ${f.help}`),
  ].join('\n');
}

export function parseClusterOptions(argv: readonly string[]): ClusterOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = FLAGS.find((f) => f.flag === flag);
    if (!spec) throw new ConfigError('argument', arg, `one of ${FLAGS.map((f) => f.flag).join(', ')}`);
    if (spec.value === null) {
      values.set(flag, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new ConfigError(flag, '', `a value ${spec.value}`);
    values.set(flag, value);
  }
  const simRate = values.get('--sim-rate') ?? null;
  if (simRate !== null && !/^\d+(\.\d+)?$/.test(simRate)) throw new ConfigError('--sim-rate', simRate, 'a number of ticks per second');
  return {
    gateways: integer('--gateways', values.get('--gateways') ?? '3', 1, 64),
    // Port 0 would give each gateway a port of its own: the point is one port for all of them.
    port: integer('--port', values.get('--port') ?? '8080', 1, 65535),
    host: values.get('--host') ?? '127.0.0.1',
    aggregatorPort: integer('--aggregator-port', values.get('--aggregator-port') ?? '0', 0, 65535),
    redisPort: integer('--redis-port', values.get('--redis-port') ?? '0', 0, 65535),
    simRate,
    dir: values.get('--dir') ?? null,
    help: values.has('--help'),
  };
}

function integer(option: string, v: string, min: number, max: number): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) throw new ConfigError(option, v, `an integer from ${min} to ${max}`);
  return n;
}
