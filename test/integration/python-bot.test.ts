/**
 * The Python example bot (client/examples/python/bot.py) against a real server, run by Debian's
 * python3 with python3-websockets: JSON sub-protocol, contiguous seqs, keyframes verified with
 * `jsonCrc32`, and a final level equal to /v1/snapshot's. Also: the bot's canonical JSON (the part a
 * port to another language most easily gets wrong, numbers) equals the server's for generated states.
 *
 * Without /usr/bin/python3 or its websockets module the suite is skipped with a warning; under CI (CI
 * set) that is a failure instead (.ci/run installs python3-websockets).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { canonicalJson, stateJsonChecksum } from '../../proto/canonical.ts';
import type { ChannelState } from '../../proto/merge.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';

const PYTHON = process.env.PYTHON_PATH ?? '/usr/bin/python3';
const BOT = join(import.meta.dirname, '..', '..', 'client', 'examples', 'python', 'bot.py');
const IN_CI = Boolean(process.env.CI);
const HAS_PYTHON_WEBSOCKETS = spawnSync(PYTHON, ['-c', 'import websockets'], { stdio: 'ignore' }).status === 0;
const TOKEN = 'python-bot-token-0123456789';
const PRICES: Readonly<Record<string, number>> = { IREN: 48.45, MARA: 15.87, RIOT: 20.51, CIFR: 24.71, HUT: 48.46, APLD: 37.76 };

if (!HAS_PYTHON_WEBSOCKETS && !IN_CI) {
  console.warn(`${PYTHON} with the websockets module not found: Python bot tests skipped (apt-get install python3-websockets)`);
}

describe.runIf(!HAS_PYTHON_WEBSOCKETS && IN_CI)('Python bot under CI', () => {
  it(`needs ${PYTHON} with websockets (apt-get install python3-websockets; .ci/run does)`, () => {
    expect(HAS_PYTHON_WEBSOCKETS).toBe(true);
  });
});

/** A running bot: its stdout lines so far, and its end. */
function runBot(url: string, seconds: number) {
  const child = spawn(PYTHON, [BOT, '--url', url, '--seconds', String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const until = async (what: string, predicate: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`bot: timed out waiting for ${what}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`);
      if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}) before ${what}; stderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, lines, exit, until, stderr: () => stderr };
}

describe.skipIf(!HAS_PYTHON_WEBSOCKETS)('Python bot (client/examples/python/bot.py)', () => {
  const servers: HashcapServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close(0)));
  });

  it('follows index.miners over JSON: contiguous seqs, every delta, keyframes verified, the level /v1/snapshot has', async () => {
    const config = parseConfig(['--port', '0', '--host', '127.0.0.1', '--no-simulate', '--token', TOKEN], {});
    const server = await startServer(config, () => {}, { feed: { keyframeIntervalMs: 250 } });
    servers.push(server);
    const bot = runBot(server.url, 8);
    try {
      await bot.until('the snapshot', () => bot.lines.some((l) => l.startsWith('snapshot ')));
      const seqs = new Map<string, number>();
      let batches = 0;
      // Trades in bursts with pauses, so keyframes fall between deltas as well as after the last one.
      for (let round = 0; round < 6; round++) {
        for (let b = 0; b < 5; b++) {
          const ticks: hashcap.v1.ITick[] = Object.entries(PRICES).map(([symbol, price], i) => {
            const seq = (seqs.get(symbol) ?? 0) + 1;
            seqs.set(symbol, seq);
            const move = 1 + 0.001 * (((round * 5 + b + i) % 7) - 3);
            return { symbol, kind: 0, price: Math.round(price * move * 100) / 100, size: 100, timeMs: Date.now(), seq };
          });
          const res = await fetch(`${server.url}/v1/quotes`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
            body: Buffer.from(wire.IngestBatch.encode({ batchId: ++batches, ticks }).finish()),
          });
          expect(wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer())).accepted).toBe(ticks.length);
        }
        await new Promise((r) => setTimeout(r, 300));
      }
      const topic = server.feed.topic({ kind: 'index', name: 'index.miners', index: 'miners' }, 0);
      const lastSeq = topic.seq;
      // The feed is idle now: wait until the bot has the last delta and a keyframe after it.
      await bot.until(`delta seq=${lastSeq} and a keyframe at it`, () =>
        bot.lines.some((l) => l.startsWith(`keyframe seq=${lastSeq} `)),
      );
      const snapshot = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: { miners: { level: number } } };
      const serverState = server.feed.channelState('index.miners') as ChannelState;
      expect(await bot.exit).toBe(0);

      const lines = bot.lines;
      const summaryLine = lines.find((l) => l.startsWith('summary '));
      expect(summaryLine, `summary line in:\n${lines.join('\n')}\n${bot.stderr()}`).toBeDefined();
      const summary = JSON.parse(summaryLine!.slice('summary '.length)) as Record<string, number | string | null>;
      const first = /^snapshot channel=index\.miners epoch=(\d+) seq=(\d+) /.exec(lines.find((l) => l.startsWith('snapshot '))!);
      expect(Number(first![1])).toBe(server.feed.epoch);
      const deltaSeqs = lines.filter((l) => l.startsWith('delta ')).map((l) => Number(/seq=(\d+)/.exec(l)![1]));
      const startSeq = Number(first![2]);
      expect(deltaSeqs).toEqual(Array.from({ length: lastSeq - startSeq }, (_, i) => startSeq + 1 + i));
      expect(deltaSeqs.length).toBeGreaterThanOrEqual(30); // one delta per accepted batch at least
      expect(lines.filter((l) => l.startsWith('gap ') || l.includes('MISMATCH'))).toEqual([]);
      expect(summary).toMatchObject({ gaps: 0, keyframesFailed: 0, seq: lastSeq, deltas: deltaSeqs.length });
      expect(summary.keyframesVerified as number).toBeGreaterThanOrEqual(3);
      expect(summary.level).toBe(snapshot.indexes.miners.level);
      expect(summary.level).not.toBe(1000); // the trades moved it
      expect(summary.jsonCrc32).toBe(stateJsonChecksum(serverState));
      const lastLevel = Number(/level=(\S+)/.exec(lines.filter((l) => l.startsWith('delta ')).at(-1)!)![1]);
      expect(lastLevel).toBe(snapshot.indexes.miners.level);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  }, 40_000);

  it('writes the same canonical JSON as the server for any doubles (ECMAScript number formatting)', () => {
    const double = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-5, max: 1e-5, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100),
      fc.constantFrom(1e21, 1e20, 9.999999999999999e20, 1e-6, 1e-7, 5e-324, -0, 0.1 + 0.2),
    );
    const constituent = fc.record({
      ticker: fc.stringMatching(/^[A-Z]{1,5}$/),
      last: double,
      change: double,
      weight: double,
      halted: fc.boolean(),
      session: fc.constantFrom(0, 1, 2, 3),
    });
    const states = fc.sample(
      fc.record({
        id: fc.constantFrom('miners', 'ai-hpc'),
        name: fc.string(),
        level: double,
        marketCapUsd: double,
        advancers: fc.nat(),
        milestonesReachedUsd: fc.array(double, { maxLength: 3 }),
        constituents: fc.uniqueArray(constituent, { selector: (c) => c.ticker, maxLength: 6 }),
      }),
      { numRuns: 300, seed: 20261206 },
    ).map((index): ChannelState => ({ index }));
    // What a JSON subscriber receives: the state in the protobuf JSON mapping, as text.
    const wireTexts = states.map((state) =>
      JSON.stringify(wire.ChannelState.toObject(wire.ChannelState.fromObject(state), { json: true, enums: String, longs: String })),
    );
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(BOT, '..'))})`,
      'import bot',
      'for line in sys.stdin:',
      '    state = bot.canonical_order(json.loads(line))',
      '    print(json.dumps([bot.canonical_json(state), bot.json_crc32(state)]))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-c', script], { input: wireTexts.join('\n') + '\n', encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    const answers = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as [string, number]);
    expect(answers).toHaveLength(states.length);
    const mismatches = states.flatMap((state, i) =>
      answers[i]![0] === canonicalJson(state) && answers[i]![1] === stateJsonChecksum(state)
        ? []
        : [{ server: canonicalJson(state), python: answers[i]![0] }],
    );
    expect(mismatches.slice(0, 3)).toEqual([]);
  }, 30_000);
});
