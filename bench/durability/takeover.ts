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
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wire } from '../../proto/wire.ts';
import { redisMissing, startRedis, type RedisServer } from '../../test/support/redis.ts';
import { markdownTable, writeResults } from '../lib/report.ts';
import { summarize } from '../lib/stats.ts';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const TOKEN = 'takeover-bench-token-0123456789';
/** The aggregator's default (--checkpoint-interval-ms). */
const CHECKPOINT_INTERVAL_MS = 10_000;

class Aggregator {
  output = '';
  url = '';
  private constructor(readonly proc: ChildProcess) {}

  static async start(redis: RedisServer): Promise<Aggregator> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--port', '0', '--role', 'aggregator', '--redis', redis.url, '--no-simulate'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HASHCAP_INGEST_TOKEN: TOKEN },
    });
    const a = new Aggregator(proc);
    proc.stdout!.on('data', (d: Buffer) => (a.output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (a.output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!/snapshot\s+(http:\/\/\S+)\/v1\/snapshot/.test(a.output)) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`aggregator did not start:\n${a.output}`);
      await sleep(20);
    }
    a.url = /snapshot\s+(http:\/\/\S+)\/v1\/snapshot/.exec(a.output)![1]!;
    return a;
  }

  async active(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      return res.status === 200 && ((await res.json()) as { state?: string }).state === 'active';
    } catch {
      return false;
    }
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

/** Posts one MARA trade every `intervalMs` to the first URL that accepts it; keeps the times of acknowledgements. */
class Publisher {
  readonly acks: { readonly at: number; readonly url: string }[] = [];
  private seq = 0;
  private at = 0;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(private readonly urls: () => readonly string[], intervalMs: number) {
    this.done = (async () => {
      while (!this.stopped) {
        await this.publishOne();
        await sleep(intervalMs);
      }
    })();
  }

  private async publishOne(): Promise<void> {
    const seq = ++this.seq;
    const price = Number((15 + (seq % 50) / 100).toFixed(2));
    const body = Buffer.from(wire.IngestBatch.encode({ batchId: seq, ticks: [{ symbol: 'MARA', kind: 0, price, size: 100, timeMs: Date.now(), seq }] }).finish());
    while (!this.stopped) {
      const urls = this.urls();
      const url = urls[this.at % urls.length]!;
      try {
        const res = await fetch(`${url}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
          body,
          signal: AbortSignal.timeout(500),
        });
        await res.arrayBuffer();
        if (res.status === 200) {
          this.acks.push({ at: Date.now(), url });
          return;
        }
      } catch {
        // Unreachable: the next URL.
      }
      this.at++;
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
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
  const aggregators: Aggregator[] = [];
  const results: Round[] = [];
  try {
    redis = await startRedis();
    aggregators.push(await Aggregator.start(redis));
    aggregators.push(await Aggregator.start(redis));
    const publisher = new Publisher(() => aggregators.map((a) => a.url), 10);
    try {
      for (let round = 1; round <= rounds; round++) {
        // A loaded machine may answer /healthz slowly: ask again before calling it a failure.
        let states: boolean[] = [];
        for (let attempt = 0; attempt < 50; attempt++) {
          states = await Promise.all(aggregators.map((a) => a.active()));
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
        active.kill();
        while (!(await standby.active())) {
          if (Date.now() - killedAt > 30_000) throw new Error(`round ${round}: no takeover in 30 s\n${standby.output.slice(-2000)}`);
          await sleep(10);
        }
        const takeoverMs = Date.now() - killedAt;
        // Acknowledged by the killed one: before the kill, whenever its reply was read.
        const byNew = () => publisher.acks.find((a) => a.url === standby.url && a.at >= killedAt);
        while (byNew() === undefined) await sleep(5);
        const firstAfter = byNew()!.at;
        const lastBefore = [...publisher.acks].reverse().find((a) => a.url === active.url)?.at ?? killedAt;
        const restoreMs = Number([...standby.output.matchAll(/republished in (\d+) ms/g)].at(-1)?.[1] ?? Number.NaN);
        results.push({ round, takeoverMs, ingestGapMs: firstAfter - lastBefore, restoreMs });
        console.log(`round ${round}: takeover ${takeoverMs} ms (restore ${restoreMs} ms), publisher's gap ${firstAfter - lastBefore} ms`);
        aggregators[activeAt] = await Aggregator.start(redis);
      }
    } finally {
      await publisher.stop();
    }
  } finally {
    for (const a of aggregators) a.kill();
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
