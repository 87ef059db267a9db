/**
 * The cost of one delivery at a fixed, low offered rate — what the sweep's 25%-of-knee point measures,
 * alone and long enough to profile the server (perf, --cpu-prof) while it runs:
 *
 *   npx tsx bench/fanout/low-rate.ts [--variant hashcap-uws] [--rate 100] [--duration 10]
 *     [--subscribers 1000] [--write-window-ms 1] [--write-window-max-ms 4] [--no-pin]
 *
 * The server is pinned to the last core, this generator to the others (bench/lib/pinning.ts). Prints
 * server CPU (user and system separately, from /proc/<pid>/stat) per million deliveries, p50/p99,
 * the load average, and the server's pid at the start so a profiler can attach.
 */
import { loadavg } from 'node:os';
import { loopbackRange } from '../load/loopback.ts';
import { runLoad } from '../load/run.ts';
import { cpuPlan, pinProcess } from '../lib/pinning.ts';
import { ServerMeter } from './server-meter.ts';
import { startVariantServer, VARIANTS, type VariantName } from './servers.ts';

const argv = process.argv.slice(2);
const value = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
};
const variantName = value('--variant', 'hashcap-uws') as VariantName;
const variant = VARIANTS[variantName];
if (variant === undefined) throw new Error(`unknown variant ${variantName} (have ${Object.keys(VARIANTS).join(', ')})`);
const rate = Number(value('--rate', '100'));
const durationS = Number(value('--duration', '10'));
const subscribers = Number(value('--subscribers', '1000'));
const windowArg = argv.includes('--write-window-ms') ? Number(value('--write-window-ms', '0')) : undefined;
const windowMaxArg = argv.includes('--write-window-max-ms') ? Number(value('--write-window-max-ms', '0')) : undefined;
const plan = cpuPlan(!argv.includes('--no-pin'));
if (plan.generator !== null) pinProcess(process.pid, plan.generator);

const server = await startVariantServer(variant, {
  maxSeconds: durationS + 120,
  nofile: subscribers + 1000,
  cpus: plan.server,
  ...(windowArg === undefined ? {} : { writeWindowMs: windowArg }),
  ...(windowMaxArg === undefined ? {} : { writeWindowMaxMs: windowMaxArg }),
});
console.log(`server pid ${server.pid} (${variant.label}, window ${windowArg ?? 'default'}…${windowMaxArg ?? 'default'} ms); ${plan.note}`);
const meter = new ServerMeter(server.pid, () => server.alive(), 2 * 2 ** 30);
try {
  const report = await runLoad({
    protocol: variant.protocol,
    url: server.url,
    publishUrl: server.publishUrl,
    token: server.token,
    channel: 'index.miners',
    subscribers,
    probes: 5,
    points: [{ rate, warmupS: 2, durationS }],
    sourceAddresses: loopbackRange(2, 9),
    connectTimeoutS: 60,
    drainS: 3,
    deadlineS: durationS + 100,
    generatorBoundPct: 90,
    maxConnecting: 256,
    ticksPerBatch: 1,
    seed: 1,
    publishRate: rate,
    durationS,
    warmupS: 2,
    signal: meter.abort.signal,
    ...(server.externalPublisher ? { externalPublisher: server.externalPublisher } : {}),
    hooks: {
      measureStart: (i) => {
        console.log(`measuring (${durationS} s)…`);
        meter.start(i);
      },
      measureEnd: (i) => meter.end(i),
      pointDone: (p, i) => {
        const { userS: user, systemS: system, wallS: wall } = meter.cpu(i);
        const delivered = p.measure.delivered;
        const perM = delivered > 0 ? (1e6 * (user + system)) / delivered : NaN;
        const lat = p.latency.sendToReceive;
        console.log(
          `rate ${rate}/s → delivered ${(delivered / wall).toFixed(0)}/s; server CPU ${((100 * (user + system)) / wall).toFixed(1)}% ` +
            `(user ${((100 * user) / wall).toFixed(1)}%, system ${((100 * system) / wall).toFixed(1)}%); ` +
            `${perM.toFixed(2)} CPU-s per M deliveries (${((1e6 * user) / delivered).toFixed(2)} user + ${((1e6 * system) / delivered).toFixed(2)} sys); ` +
            `p50/p99 ${lat.p50Ms?.toFixed(1)}/${lat.p99Ms?.toFixed(1)} ms; lost ${p.loss.lost}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
        );
      },
    },
  });
  if (report.problems.length > 0) console.log(`problems: ${report.problems.join('; ')}`);
} finally {
  meter.stop();
  await server.stop();
}
process.exit(0);
