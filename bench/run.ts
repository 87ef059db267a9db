/**
 * `npm run bench` runs every bench in its quick form; `npm run bench -- engine` one of them;
 * `--full` the long form. Each prints a table and writes bench/results/<name>.json and .md.
 */
import { engineBench } from './engine/engine.bench.ts';
import { ingestBench } from './ingest/ingest.bench.ts';

const benches: Record<string, (full: boolean) => Promise<unknown>> = {
  engine: engineBench,
  ingest: ingestBench,
};

const args = process.argv.slice(2);
const full = args.includes('--full');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in benches));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${Object.keys(benches).join(', ')})`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(benches)) {
  console.log(`\n## bench: ${name}${full ? ' (full)' : ''}\n`);
  await benches[name]!(full);
}
