/**
 * `npm run bench` runs every bench in its quick form; `npm run bench -- engine` one of them;
 * `--full` the long form. Each prints a table and writes bench/results/<name>.json and .md.
 * The soak (ten minutes; `--minutes N`) and the gap run (`--minutes=20` per transport) run only when named.
 *
 * Every bench runs in a process of its own, loading only its own modules: the engine bench measured
 * 15% slower in a process that had also loaded the load benches' modules (socket.io, uWS, …).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, () => Promise<(full: boolean) => Promise<unknown>>> = {
  engine: async () => (await import('./engine/engine.bench.ts')).engineBench,
  ingest: async () => (await import('./ingest/ingest.bench.ts')).ingestBench,
  fanout: async () => (await import('./fanout/fanout.bench.ts')).fanoutBench,
  connections: async () => (await import('./connections/connections.bench.ts')).connectionsBench,
  soak: async () => (await import('./soak/soak.bench.ts')).soakBench,
  gaps: async () => (await import('./gaps/gaps.bench.ts')).gapsBench,
  redis: async () => (await import('./redis/redis.bench.ts')).redisBench,
  auth: async () => (await import('./auth/auth.bench.ts')).authBench,
  feed: async () => (await import('./feed/feed.bench.ts')).feedBench,
  'ws-transport': async () => (await import('./fanout/ws-transport.ts')).wsTransportBench,
  takeover: async () => (await import('./durability/takeover.ts')).takeoverBench,
  durability: async () => (await import('./durability/durability.bench.ts')).durabilityBench,
  storm: async () => (await import('./storm/storm.bench.ts')).stormBench,
};
/** Long runs: only when named (`npm run bench -- soak`, `-- gaps`), never in the default set. */
const ON_REQUEST = new Set(['soak', 'gaps', 'ws-transport', 'storm', 'takeover']);
/** Options with a separate value (`--minutes 4`), handed on to the bench's process. */
const VALUE_OPTIONS = new Set(['--minutes']);

const args = process.argv.slice(2);
const full = args.includes('--full');
const only = args.indexOf('--only');
if (only >= 0) {
  const name = args[only + 1]!;
  await (await BENCHES[name]!())(full);
} else {
  const passOn: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i]!)) passOn.push(args[i]!, args[++i] ?? '');
    // Options of the form --key=value go to the bench itself (e.g. gaps --minutes=2).
    else if (args[i]!.startsWith('--') && args[i]!.includes('=')) passOn.push(args[i]!);
    else if (!args[i]!.startsWith('--')) names.push(args[i]!);
  }
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (have: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES).filter((n) => !ON_REQUEST.has(n))) {
    console.log(`
## bench: ${name}${full ? ' (full)' : ''}
`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', name, ...(full ? ['--full'] : []), ...passOn], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
