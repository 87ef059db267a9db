/**
 * The fan-out sweep with its knobs, for a subset or another shape than `npm run bench -- fanout`:
 *
 *   npx tsx bench/fanout/cli.ts [--full] [--subscribers 1000,10000] [--variants hashcap-uws,nats]
 *     [--fractions 0.25,0.5,1,1.25] [--knee-fractions 0.25,0.5] [--rounds 3] [--warmup 1] [--duration 5]
 *     [--drain 3] [--probes 5] [--write-windows 0,1,1-4] [--pressure-threshold 25] [--no-pin]
 *
 * --write-windows runs each hashcap variant once per value: `0`, `1` (a fixed window, ms) or `1-4`
 * (1 ms while quiet, stretching to 4 ms under load), passed as `--write-window-ms` and
 * `--write-window-max-ms` to the server.
 */
import { fanoutBench, parseWindowSpec, type FanoutOptions } from './fanout.bench.ts';
import { VARIANTS, type VariantName } from './servers.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log('npx tsx bench/fanout/cli.ts [--full] [--subscribers 1000] [--variants a,b] [--fractions …] [--knee-fractions …] [--rounds n] [--warmup s] [--duration s] [--drain s] [--probes n] [--write-windows 0,1,1-4] [--pressure-threshold pct] [--no-pin]');
  console.log(`variants: ${Object.keys(VARIANTS).join(', ')}`);
  process.exit(0);
}
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const list = (name: string): number[] | undefined => {
  const v = value(name)?.split(',').map(Number);
  if (v !== undefined && v.some((x) => !Number.isFinite(x) || x < 0)) throw new Error(`${name} takes non-negative numbers, comma-separated`);
  return v;
};
const overrides: Record<string, unknown> = {};
const set = (key: keyof FanoutOptions, v: unknown) => {
  if (v !== undefined) overrides[key] = v;
};
set('subscriberCounts', list('--subscribers'));
set('fractions', list('--fractions'));
set('kneeFractions', list('--knee-fractions'));
set('writeWindowsMs', value('--write-windows')?.split(',').map(parseWindowSpec));
const variants = value('--variants')?.split(',');
if (variants) {
  const unknown = variants.filter((v) => !(v in VARIANTS));
  if (unknown.length > 0) throw new Error(`unknown variants ${unknown.join(', ')} (have ${Object.keys(VARIANTS).join(', ')})`);
  set('variants', variants as VariantName[]);
}
for (const [flag, key] of [
  ['--warmup', 'warmupS'],
  ['--duration', 'durationS'],
  ['--drain', 'drainS'],
  ['--rounds', 'rounds'],
  ['--probes', 'probes'],
  ['--pressure-threshold', 'pressureThresholdPct'],
] as const) {
  const v = value(flag);
  if (v !== undefined) set(key, Number(v));
}
if (argv.includes('--no-pin')) set('pin', false);
await fanoutBench(argv.includes('--full'), overrides as Partial<FanoutOptions>);
process.exit(0);
