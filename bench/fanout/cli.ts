/**
 * The fan-out bench with its knobs, for a subset or a shorter run than `npm run bench -- fanout`:
 *
 *   npx tsx bench/fanout/cli.ts [--full] [--subscribers 1000,10000] [--offered 1000000,3000000]
 *     [--variants hashcap-uws,nats] [--warmup 2] [--duration 8] [--rounds 1] [--probes 5] [--no-quarter-peak]
 */
import { fanoutBench, type FanoutOptions } from './fanout.bench.ts';
import { VARIANTS, type VariantName } from './servers.ts';

const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const list = (name: string): number[] | undefined => value(name)?.split(',').map(Number);
const overrides: Partial<FanoutOptions> = {};
const subs = list('--subscribers');
if (subs) Object.assign(overrides, { subscriberCounts: subs });
const offered = list('--offered');
if (offered) Object.assign(overrides, { offeredPerS: offered });
const variants = value('--variants')?.split(',');
if (variants) {
  const unknown = variants.filter((v) => !(v in VARIANTS));
  if (unknown.length > 0) throw new Error(`unknown variants ${unknown.join(', ')} (have ${Object.keys(VARIANTS).join(', ')})`);
  Object.assign(overrides, { variants: variants as VariantName[] });
}
for (const [flag, key] of [['--warmup', 'warmupS'], ['--duration', 'durationS'], ['--rounds', 'rounds'], ['--probes', 'probes']] as const) {
  const v = value(flag);
  if (v !== undefined) Object.assign(overrides, { [key]: Number(v) });
}
if (argv.includes('--no-quarter-peak')) Object.assign(overrides, { quarterPeak: false });
await fanoutBench(argv.includes('--full'), overrides);
process.exit(0);
