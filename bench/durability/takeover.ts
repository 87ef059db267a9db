/**
 * Takeover after kill -9: a real redis-server, two `--role aggregator` processes with the default lease
 * (2000 ms TTL, renewed every 400 ms) and the quote log on, and a publisher posting a batch every 10 ms
 * to whichever ingest URL accepts it. Each round lets the active one run past a checkpoint, kills it
 * with SIGKILL at a random moment, then measures:
 *   - takeover: kill → the standby's /healthz answers 200 "active" (polled every 10 ms);
 *   - ingest gap: the publisher's last acknowledged batch before the kill → its first one after it,
 *     what a publisher with both URLs sees as the outage.
 * The killed one is started again as the next round's standby.
 *
 *   npm run bench -- takeover            5 rounds
 *   npm run bench -- takeover --full     15 rounds
 *
 * The figure is bounded by the lease: the key lapses at most TTL after the last renew, and the standby
 * tries every renew interval; restore (checkpoint + log replay) adds its time on top.
 */
import { FailoverPublisher } from '../../test/support/failover-publisher.ts';
import { redisMissing, startRedis, type RedisServer } from '../../test/support/redis.ts';
import { RoleProcess } from '../../test/support/role-process.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const TOKEN = 'takeover-bench-token-0123456789';
/** The aggregator's default (--checkpoint-interval-ms). */
const CHECKPOINT_INTERVAL_MS = 10_000;

const startAggregator = (redis: RedisServer) => RoleProcess.start(['--role', 'aggregator', '--redis', redis.url, '--no-simulate'], { token: TOKEN });

async function isActive(aggregator: RoleProcess): Promise<boolean> {
  const h = await aggregator.health();
  return h?.status === 200 && h.body['state'] === 'active';
}

interface Round {
  readonly round: number;
  readonly takeoverMs: number;
  readonly ingestGapMs: number;
  /** Of the takeover: restore (checkpoint + log replay) and republishing, as the new active logged it. */
  readonly restoreMs: number;
}

export async function takeoverBench(full: boolean): Promise<unknown> {
  const missing = redisMissing();
  if (missing !== null) {
    console.log(`takeover bench skipped: ${missing}`);
    return null;
  }
  const rounds = full ? 15 : 5;
  let redis: RedisServer | null = null;
  const aggregators: RoleProcess[] = [];
  const results: Round[] = [];
  try {
    redis = await startRedis();
    aggregators.push(await startAggregator(redis));
    aggregators.push(await startAggregator(redis));
    // Every answered batch counts (a resend of one logged just before the kill is answered with its trade refused).
    const publisher = new FailoverPublisher(() => aggregators.map((a) => a.url), { token: TOKEN, intervalMs: 10, retryMs: 10 });
    try {
      for (let round = 1; round <= rounds; round++) {
        // A loaded machine may answer /healthz slowly: ask again before calling it a failure.
        let states: boolean[] = [];
        for (let attempt = 0; attempt < 50; attempt++) {
          states = await Promise.all(aggregators.map(isActive));
          if (states.filter(Boolean).length === 1) break;
          await sleep(100);
        }
        const activeAt = states.indexOf(true);
        if (activeAt < 0 || states.filter(Boolean).length !== 1) throw new Error(`round ${round}: expected one active aggregator, got ${JSON.stringify(states)}`);
        const active = aggregators[activeAt]!;
        const standby = aggregators[1 - activeAt]!;
        // The active has written a checkpoint (every 10 s by default) as a long-running one would have, so
        // the restore replays at most one interval of the log; then a random moment within a second.
        await sleep(CHECKPOINT_INTERVAL_MS + 500 + Math.random() * 1000);
        const killedAt = Date.now();
        await active.kill();
        while (!(await isActive(standby))) {
          if (Date.now() - killedAt > 30_000) throw new Error(`round ${round}: no takeover in 30 s\n${standby.output.slice(-2000)}`);
          await sleep(10);
        }
        const takeoverMs = Date.now() - killedAt;
        // Acknowledged by the killed one: before the kill, whenever its reply was read.
        const byNew = () => publisher.answered.find((a) => a.url === standby.url && a.at >= killedAt);
        while (byNew() === undefined) await sleep(5);
        const firstAfter = byNew()!.at;
        const lastBefore = [...publisher.answered].reverse().find((a) => a.url === active.url)?.at ?? killedAt;
        const restoreMs = Number([...standby.output.matchAll(/republished in (\d+) ms/g)].at(-1)?.[1] ?? Number.NaN);
        results.push({ round, takeoverMs, ingestGapMs: firstAfter - lastBefore, restoreMs });
        console.log(`round ${round}: takeover ${takeoverMs} ms (restore ${restoreMs} ms), publisher's gap ${firstAfter - lastBefore} ms`);
        aggregators[activeAt] = await startAggregator(redis);
      }
    } finally {
      await publisher.stop();
    }
  } finally {
    for (const a of aggregators) await a.kill();
    await redis?.stop();
  }
  const takeover = summarize(results.map((r) => r.takeoverMs));
  const gap = summarize(results.map((r) => r.ingestGapMs));
  const row = (name: string, s: ReturnType<typeof summarize>) => [name, `${s.median.toFixed(0)} ms`, `${s.min.toFixed(0)}–${s.max.toFixed(0)} ms`, String(s.rounds)];
  const table = markdownTable(['after kill -9 of the active aggregator', 'median', 'range', 'rounds'], [
    row('standby /healthz active', takeover),
    row("publisher's gap between acknowledged batches", gap),
    row('of which restore + republish on the new active', summarize(results.map((r) => r.restoreMs))),
  ]);
  console.log(`\n${table}\n`);
  writeResults('takeover', results, table, [
    'Default lease: 2000 ms TTL, renewed every 400 ms; quote log on (--ack-durability logged); one batch every 10 ms to the first ingest URL that accepts it.',
    'Command: `npm run bench -- takeover` (5 rounds; `--full`: 15).',
  ]);
  return results;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
