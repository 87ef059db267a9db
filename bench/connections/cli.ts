/**
 * The connections bench with its knobs (`npm run bench -- connections` runs the presets):
 *
 *   npx tsx bench/connections/cli.ts [--full] [--targets 10000,50000] [--transports uws,ws] [--hold 5]
 *     [--max-connecting 512] [--restart-timeout 90] [--resync-timeout 60]
 */
import { connectionsBench, type ConnectionsOptions } from './connections.bench.ts';

const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const overrides: Partial<ConnectionsOptions> = {};
const targets = value('--targets');
if (targets) Object.assign(overrides, { targets: targets.split(',').map(Number) });
const transports = value('--transports');
if (transports) {
  const list = transports.split(',');
  if (list.some((t) => t !== 'uws' && t !== 'ws')) throw new Error('--transports: uws and/or ws');
  Object.assign(overrides, { transports: list });
}
for (const [flag, key] of [['--hold', 'holdS'], ['--max-connecting', 'maxConnecting'], ['--resync-timeout', 'resyncTimeoutS'], ['--restart-timeout', 'restartTimeoutS'], ['--connect-timeout', 'connectTimeoutS']] as const) {
  const v = value(flag);
  if (v !== undefined) Object.assign(overrides, { [key]: Number(v) });
}
await connectionsBench(argv.includes('--full'), overrides);
process.exit(0);
