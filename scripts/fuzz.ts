/**
 * `npm run fuzz`: the full fuzz tier, 100,000 seeded malformed inputs per target (test/fuzz/run.ts),
 * then a table of outcomes per target and the after-checks; writes test/fuzz/last-run.json and .md
 * (the README shows the last full run). `--inputs N`, `--seed S`, `--transport uws|ws`,
 * `--targets a,b` change the run. Exits 1 on any failure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzTable, runFuzz, TARGETS, type TargetName } from '../test/fuzz/run.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const perTarget = Number(arg('--inputs') ?? 100_000);
const seed = Number(arg('--seed') ?? 20261206);
const transport = (arg('--transport') ?? 'auto') as 'uws' | 'ws' | 'auto';
const targets = (arg('--targets')?.split(',') ?? [...TARGETS]) as TargetName[];

const report = await runFuzz({ seed, perTarget, transport, targets, log: (line) => console.log(line) });
const table = fuzzTable(report);
console.log(`\n${table}`);
const command = `npm run fuzz${process.argv.slice(2).length > 0 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const dir = join(import.meta.dirname, '..', 'test', 'fuzz');
writeFileSync(join(dir, 'last-run.json'), `${JSON.stringify({ command, at: new Date().toISOString(), ...report }, null, 2)}\n`);
writeFileSync(join(dir, 'last-run.md'), `Command: \`${command}\`, ${new Date().toISOString()}.\n\n${table}\n`);
const failed = report.targets.some((t) => t.failures > 0) || !report.alive || !report.stateIdentical || report.rssAfterBytes > report.rssBaselineBytes * 1.1;
process.exit(failed ? 1 : 0);
