/**
 * `npm run bench` runs every bench in its quick form; `npm run bench -- engine` one of them;
 * `--full` the long form. Each prints a table and writes bench/results/<name>.json and .md.
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
  gaps: async () => (await import('./gaps/gaps.bench.ts')).gapsBench,
};
/** Long runs: only when named (`npm run bench -- gaps`), never in the default set. */
const ON_REQUEST = new Set(['gaps']);

const args = process.argv.slice(2);
const full = args.includes('--full');
const only = args.indexOf('--only');
if (only >= 0) {
  const name = args[only + 1]!;
  await (await BENCHES[name]!())(full);
} else {
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (have: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  // Options of the form --key=value go to the bench itself (e.g. gaps --minutes=2).
  const passed = args.filter((a) => a.startsWith('--') && a.includes('='));
  for (const name of names.length > 0 ? names : Object.keys(BENCHES).filter((n) => !ON_REQUEST.has(n))) {
    console.log(`\n## bench: ${name}${full ? ' (full)' : ''}\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--only', name, ...(full ? ['--full'] : []), ...passed], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
