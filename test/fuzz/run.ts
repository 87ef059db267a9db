/**
 * The fuzz tier: seeded malformed inputs thrown at every way in, then the checks a user would make.
 *
 * Two servers run side by side in child processes: A gets the garbage, B only what A accepted as data.
 * Valid batches flow to both all along (so subscribers get deltas while garbage arrives). An ingest
 * input that reached the gate (per-tick verdicts, no batch error) is data, not garbage: it goes to B
 * too, right after A answered it, and B must answer it the same. At the end A must be alive, the
 * canonical state of every index and of quotes.* must be byte-identical on A and B, and A's RSS (after
 * a full GC) must be within 10% of its baseline. The file loaders (baskets, recordings) run in this
 * process: each input must load or fail with a typed HashcapError.
 *
 * Every input's outcome is classified; an outcome outside the documented ones (an untyped throw, an
 * unknown code, an undocumented close code, a message nobody answered) is a failure, with the input's
 * index so it can be regenerated alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { wire, type hashcap } from '../../proto/wire.ts';
import { ERROR_DESCRIPTIONS } from '../../proto/codes.ts';
import { HashcapError } from '../../server/errors.ts';
import { INGEST_REASONS } from '../../server/ingest/reasons.ts';
import { loadBasketFile } from '../../server/market/basket-file.ts';
import { readRecording } from '../../server/sources/recording/reader.ts';
import { Recorder } from '../../server/sources/recording/recorder.ts';
import { Prng } from '../../bench/load/prng.ts';
import {
  batchJsonGarbage,
  clientFrames,
  clientJsonGarbage,
  inputStream,
  mutate,
  publisherFrames,
  publisherJsonGarbage,
  randomBytes,
  validTicks,
  FUZZ_TOKEN,
  type FrameInput,
} from './generators.ts';
import { IngestLink, StreamLink, type Closed } from './links.ts';

export const TARGETS = ['ingest-ws', 'quotes-http', 'stream-proto', 'stream-json', 'basket-file', 'replay-reader', 'publisher-keys'] as const;
export type TargetName = (typeof TARGETS)[number];

/** Close codes the README documents; a fuzz input may end its connection with one of these only. */
export const DOCUMENTED_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1002, 1009, 4000, 4001, 4029, 4401]);
const KNOWN_ERROR_CODES = new Set(Object.keys(ERROR_DESCRIPTIONS).map(Number));
const KNOWN_INGEST_CODES = new Set(INGEST_REASONS.map((r) => r.code as number));
const PIPELINE = 16;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A text frame that is not UTF-8 is a protocol error the transport answers by closing: ws with 1007,
 * uWS by dropping the connection without a close frame (the peer sees 1006). Such an input is sent
 * alone, nothing else in flight, so the close is its own and no other input's answer is lost with it.
 */
export function invalidText(frame: FrameInput): boolean {
  if (!frame.text) return false;
  try {
    strictUtf8.decode(frame.bytes);
    return false;
  } catch {
    return true;
  }
}

function closeOutcome(tally: Tally, i: number, frame: FrameInput, close: { code: number; reason: string }): void {
  if ((close.code === 1006 || close.code === 1007) && invalidText(frame)) tally.count(`close:${close.code}:invalid-utf8`);
  else if (DOCUMENTED_CLOSE_CODES.has(close.code) && close.code !== 1006) tally.count(`close:${close.code}`);
  else tally.fail(i, `closed with undocumented code ${close.code} (${close.reason})`);
}
/** A valid batch to both servers after every this many inputs: deltas keep flowing during the fuzz. */
const VALID_EVERY = 25;
/** Inputs per network target before the RSS baseline is taken (see runFuzz). */
const WARMUP_INPUTS = 1000;

export interface TargetReport {
  readonly target: TargetName;
  readonly inputs: number;
  /** Outcome → count: e.g. "error:3101", "applied", "answered:ack", "close:1009", "loaded", "typed:BASKET_ROW". */
  readonly outcomes: Record<string, number>;
  readonly failures: number;
  /** The first few failures: input index and what happened. */
  readonly examples: string[];
  readonly ms: number;
  /** Why a target did not run, when it did not. */
  readonly skipped?: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly perTarget: number;
  readonly transport: string;
  readonly targets: TargetReport[];
  /** Failures among the warm-up inputs (run before the baseline; their own seed). */
  readonly warmupFailures: number;
  readonly alive: boolean;
  readonly stateIdentical: boolean;
  readonly stateDiffers: string[];
  readonly acceptedTicks: { readonly a: number; readonly b: number };
  readonly rssBaselineBytes: number;
  readonly rssAfterBytes: number;
  readonly heapBaselineBytes: number;
  readonly heapAfterBytes: number;
  readonly ms: number;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly perTarget: number;
  readonly transport?: 'uws' | 'ws' | 'auto';
  readonly targets?: readonly TargetName[];
  readonly log?: (line: string) => void;
}

class Tally {
  readonly outcomes: Record<string, number> = {};
  failures = 0;
  readonly examples: string[] = [];
  count(outcome: string): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }
  fail(index: number, what: string): void {
    this.failures++;
    this.count('FAILED');
    if (this.examples.length < 10) this.examples.push(`#${index}: ${what}`);
  }
}

// ------------------------------------------------------------------------------------------ servers

interface ServerChild {
  readonly child: ChildProcess;
  readonly port: number;
  request<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

async function startChild(transport: string): Promise<ServerChild> {
  const file = fileURLToPath(new URL('./server-process.ts', import.meta.url));
  const child = fork(file, [transport], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fuzz server did not start in 30 s: ${stderr}`)), 30_000);
    child.once('message', (m: { type: string; port: number }) => {
      clearTimeout(timer);
      resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`fuzz server exited (${code}): ${stderr}`)));
  });
  return {
    child,
    port,
    request<T>(type: string): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} answer from the fuzz server`)), 10_000);
        const onMessage = (m: { type: string }) => {
          if (m.type !== type) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m as T);
        };
        child.on('message', onMessage);
        child.send({ type });
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Valid batches for both servers, in the same order: the data the garbage must not disturb. */
class ValidTraffic {
  private readonly rng: Prng;
  sent = 0;

  constructor(
    seed: number,
    private readonly a: IngestLink,
    private readonly b: IngestLink,
  ) {
    this.rng = new Prng(seed ^ 0x5eed);
  }

  async send(): Promise<void> {
    const batch = { batchId: 900_000 + this.sent, ticks: validTicks(this.rng, Date.now(), 0, 3).map((t) => ({ ...t, seq: 0 })) };
    const frame: FrameInput = { bytes: wire.PublisherMessage.encode({ batch }).finish(), text: false };
    const [ra, rb] = await Promise.all([this.a.send(frame), this.b.send(frame)]);
    this.sent++;
    if ('close' in ra || 'close' in rb) throw new Error('the valid publisher was disconnected');
  }
}

// ------------------------------------------------------------------------------------------- targets

function classifyReply(reply: hashcap.v1.IIngestReply): { outcome: string; applied: boolean } | { failure: string } {
  const code = reply.error?.code;
  if (code !== undefined && code !== null && code !== 0) {
    return KNOWN_INGEST_CODES.has(code) ? { outcome: `error:${code}`, applied: false } : { failure: `unknown ingest error code ${code}` };
  }
  for (const r of reply.rejected ?? []) if (!KNOWN_INGEST_CODES.has(r.reason ?? 0)) return { failure: `unknown reject reason ${r.reason}` };
  return { outcome: (reply.accepted ?? 0) > 0 ? 'applied:accepted' : 'applied:all-rejected', applied: true };
}

function sameVerdict(a: hashcap.v1.IIngestReply, b: hashcap.v1.IIngestReply): boolean {
  const reasons = (r: hashcap.v1.IIngestReply) => (r.rejected ?? []).map((x) => `${x.index}:${x.reason}`).join(',');
  return (a.accepted ?? 0) === (b.accepted ?? 0) && reasons(a) === reasons(b);
}

async function fuzzIngest(ctx: Ctx, tally: Tally): Promise<void> {
  const seeds = publisherFrames(new Prng(ctx.seed), Date.now());
  const arb: fc.Arbitrary<FrameInput> = fc.oneof(
    publisherJsonGarbage.map((t) => ({ bytes: Buffer.from(t), text: true })),
    publisherJsonGarbage.map((t) => ({ bytes: Buffer.from(t), text: false })),
    randomBytes.map((b) => ({ bytes: b, text: false })),
  );
  let link = await IngestLink.open(ctx.a.port, FUZZ_TOKEN);
  const window: Array<{ i: number; frame: FrameInput; result: Promise<{ reply: hashcap.v1.IIngestReply } | Closed> }> = [];
  const settle = async (): Promise<void> => {
    const { i, frame, result } = window.shift()!;
    const r = await result;
    if ('close' in r) return closeOutcome(tally, i, frame, r.close);
    const c = classifyReply(r.reply);
    if ('failure' in c) return tally.fail(i, c.failure);
    tally.count(c.outcome);
    if (!c.applied) return;
    const rb = await ctx.bIngest.send(frame);
    if ('close' in rb || !sameVerdict(r.reply, rb.reply)) tally.fail(i, 'the reference server judged this batch differently');
  };
  let i = 0;
  for (const frame of inputStream(ctx.seed + 1, ctx.perTarget, arb, seeds, (s, rng) => ({ bytes: mutate(s.bytes, rng), text: s.text }))) {
    if (link.closed !== null) {
      while (window.length > 0) await settle();
      link = await IngestLink.open(ctx.a.port, FUZZ_TOKEN);
    }
    const alone = invalidText(frame);
    if (alone) while (window.length > 0) await settle();
    window.push({ i, frame, result: link.send(frame) });
    if (alone || window.length >= PIPELINE) await settle();
    if (++i % VALID_EVERY === 0) {
      while (window.length > 0) await settle();
      await ctx.valid.send();
    }
  }
  while (window.length > 0) await settle();
  link.close();
}

const CONTENT_TYPES = ['application/json', 'application/x-protobuf', 'application/protobuf', 'application/json; charset=utf-8', 'text/plain', '', 'application/x-protobuf; x=1'];

async function fuzzQuotes(ctx: Ctx, tally: Tally): Promise<void> {
  const rng = new Prng(ctx.seed + 2);
  const seeds = publisherFrames(new Prng(ctx.seed), Date.now()).map((f) => {
    // POST /v1/quotes takes an IngestBatch, not a PublisherMessage.
    const message = f.text ? wire.PublisherMessage.fromObject(JSON.parse(Buffer.from(f.bytes).toString())) : wire.PublisherMessage.decode(f.bytes);
    const batch = message.batch!;
    return f.text ? { bytes: Buffer.from(JSON.stringify(wire.IngestBatch.toObject(wire.IngestBatch.fromObject(batch), { json: true, longs: String, enums: String }))), text: true } : { bytes: wire.IngestBatch.encode(batch).finish(), text: false };
  });
  const arb: fc.Arbitrary<FrameInput> = fc.oneof(batchJsonGarbage.map((t) => ({ bytes: Buffer.from(t), text: true })), randomBytes.map((b) => ({ bytes: b, text: false })));
  let i = 0;
  for (const input of inputStream(ctx.seed + 3, ctx.perTarget, arb, seeds, (s, r) => ({ bytes: mutate(s.bytes, r), text: s.text }))) {
    const roll = rng.below(100);
    const contentType = roll < 5 ? CONTENT_TYPES[rng.below(CONTENT_TYPES.length)]! : input.text ? 'application/json' : 'application/x-protobuf';
    const headers: Record<string, string> = { authorization: roll === 99 ? 'Bearer not-the-token-at-all' : `Bearer ${FUZZ_TOKEN}` };
    if (contentType !== '') headers['content-type'] = contentType;
    const post = (port: number) => fetch(`http://127.0.0.1:${port}/v1/quotes`, { method: roll === 98 ? 'PUT' : 'POST', headers, body: Buffer.from(input.bytes) });
    try {
      const res = await post(ctx.a.port);
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status === 405) {
        tally.count('http:405');
      } else {
        const reply = (res.headers.get('content-type') ?? '').startsWith('application/x-protobuf')
          ? wire.IngestReply.toObject(wire.IngestReply.decode(body), { longs: Number })
          : (JSON.parse(Buffer.from(body).toString()) as hashcap.v1.IIngestReply);
        const c = classifyReply(reply);
        if ('failure' in c) tally.fail(i, c.failure);
        else {
          tally.count(`http:${res.status}:${c.outcome}`);
          if (c.applied) {
            const rb = await post(ctx.b.port);
            const replyB = (rb.headers.get('content-type') ?? '').startsWith('application/x-protobuf')
              ? wire.IngestReply.toObject(wire.IngestReply.decode(new Uint8Array(await rb.arrayBuffer())), { longs: Number })
              : ((await rb.json()) as hashcap.v1.IIngestReply);
            if (!sameVerdict(reply, replyB)) tally.fail(i, 'the reference server judged this batch differently');
          }
        }
      }
    } catch (error) {
      tally.fail(i, `no typed HTTP answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (++i % VALID_EVERY === 0) await ctx.valid.send();
  }
}

async function fuzzStream(ctx: Ctx, tally: Tally, format: 'proto' | 'json'): Promise<void> {
  const seeds: FrameInput[] = clientFrames(format).map((bytes) => ({ bytes, text: format === 'json' }));
  const arb: fc.Arbitrary<FrameInput> =
    format === 'json'
      ? fc.oneof(clientJsonGarbage.map((t) => ({ bytes: Buffer.from(t), text: true })), randomBytes.map((b) => ({ bytes: b, text: true })))
      : randomBytes.map((b) => ({ bytes: b, text: false }));
  let link = await StreamLink.open(ctx.a.port, format);
  const window: Array<{ i: number; frame: FrameInput; result: ReturnType<StreamLink['send']> }> = [];
  const settle = async (): Promise<void> => {
    const { i, frame, result } = window.shift()!;
    const r = await result;
    if ('close' in r) return closeOutcome(tally, i, frame, r.close);
    if (r.answers.length === 0) return tally.fail(i, 'no answer (no error, ack, pong or subscription list)');
    for (const m of r.answers) {
      if (m.error && !KNOWN_ERROR_CODES.has(m.error.code ?? 0)) return tally.fail(i, `unknown error code ${m.error.code}`);
    }
    const first = r.answers[0]!;
    tally.count(first.error ? `error:${first.error.code}` : first.ack ? 'ack' : first.pong ? 'pong' : first.subscriptions ? 'subscriptions' : 'other');
  };
  let i = 0;
  for (const frame of inputStream(ctx.seed + (format === 'json' ? 5 : 4), ctx.perTarget, arb, seeds, (s, rng) => ({ bytes: mutate(s.bytes, rng), text: s.text }))) {
    if (link.closed !== null) {
      while (window.length > 0) await settle();
      link = await StreamLink.open(ctx.a.port, format);
    }
    const alone = invalidText(frame);
    if (alone) while (window.length > 0) await settle();
    window.push({ i, frame, result: link.send(frame) });
    if (alone || window.length >= PIPELINE) await settle();
    if (++i % VALID_EVERY === 0) await ctx.valid.send();
  }
  while (window.length > 0) await settle();
  link.close();
}

/** A file loader: each input written to a file and loaded; it loads or throws a HashcapError with one of `codes`. */
async function fuzzFiles(ctx: Ctx, tally: Tally, seeds: readonly { bytes: Uint8Array; name: string }[], load: (path: string) => Promise<unknown>, codePrefix: string, seedOffset: number): Promise<void> {
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'hashcap-fuzz-'));
  try {
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), randomBytes).map(([k, bytes]) => ({ bytes, name: seeds[k]!.name }));
    let i = 0;
    for (const input of inputStream(ctx.seed + seedOffset, ctx.perTarget, arb, seeds, (s, rng) => ({ bytes: mutate(s.bytes, rng), name: s.name }))) {
      const path = join(dir, input.name);
      writeFileSync(path, input.bytes);
      try {
        await load(path);
        tally.count('loaded');
      } catch (error) {
        if (error instanceof HashcapError && error.code.startsWith(codePrefix)) tally.count(`typed:${error.code}`);
        else tally.fail(i, `untyped failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
      i++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function basketSeeds(): { bytes: Uint8Array; name: string }[] {
  return ['miners', 'ai-hpc'].map((id) => ({ bytes: readFileSync(new URL(`../../data/baskets/${id}.basket.csv`, import.meta.url)), name: `${id}.basket.csv` }));
}

function recordingSeeds(): { bytes: Uint8Array; name: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'hashcap-fuzz-seed-'));
  try {
    const rng = new Prng(7);
    return ['seed.bin', 'seed.ndjson'].map((name) => {
      const path = join(dir, name);
      const recorder = Recorder.open(path, { basket: 'miners', startedMs: 1763649000000, flushIntervalMs: 0 });
      for (let b = 0; b < 3; b++) {
        const ticks = validTicks(rng, 1763649000000 + b * 1000, b * 10 + 1, 3);
        recorder.record(`pub-${b % 2}`, ticks);
      }
      recorder.close();
      return { bytes: readFileSync(path), name };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- run

interface Ctx {
  readonly seed: number;
  readonly perTarget: number;
  readonly a: ServerChild;
  readonly b: ServerChild;
  readonly bIngest: IngestLink;
  readonly valid: ValidTraffic;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const targets = options.targets ?? TARGETS;
  const [a, b] = await Promise.all([startChild(options.transport ?? 'auto'), startChild(options.transport ?? 'auto')]);
  const links: IngestLink[] = [];
  try {
    const aIngest = await IngestLink.open(a.port, FUZZ_TOKEN);
    const bIngest = await IngestLink.open(b.port, FUZZ_TOKEN);
    links.push(aIngest, bIngest);
    const valid = new ValidTraffic(options.seed, aIngest, bIngest);
    const ctx: Ctx = { seed: options.seed, perTarget: options.perTarget, a, b, bIngest, valid };
    // Warm-up, so the baseline is a server that has done this kind of work, not a cold one: V8 grows its
    // young generation and compiles the error paths once, a few MiB of RSS that later inputs do not add
    // to. What must not happen is growth with the number of inputs: the full run (50× the slice) checks that.
    for (let k = 0; k < 50; k++) await valid.send();
    const warmup = new Tally();
    const warm: Ctx = { ...ctx, seed: options.seed + 7919, perTarget: Math.min(WARMUP_INPUTS, options.perTarget) };
    if (targets.includes('ingest-ws')) await fuzzIngest(warm, warmup);
    if (targets.includes('quotes-http')) await fuzzQuotes(warm, warmup);
    if (targets.includes('stream-proto')) await fuzzStream(warm, warmup, 'proto');
    if (targets.includes('stream-json')) await fuzzStream(warm, warmup, 'json');
    if (warmup.failures > 0) log(`warm-up: ${warmup.failures} failures: ${warmup.examples.join('; ')}`);
    const before = await a.request<{ rss: number; heapUsed: number; heapTotal: number; external: number }>('rss');
    const rssBaseline = before.rss;
    log(`baseline: rss ${(before.rss / 2 ** 20).toFixed(1)} MiB, heap used ${(before.heapUsed / 2 ** 20).toFixed(1)}, heap total ${(before.heapTotal / 2 ** 20).toFixed(1)}, external ${(before.external / 2 ** 20).toFixed(1)} MiB`);
    const reports: TargetReport[] = [];
    for (const target of targets) {
      const tally = new Tally();
      const t0 = Date.now();
      let skipped: string | undefined;
      switch (target) {
        case 'ingest-ws':
          await fuzzIngest(ctx, tally);
          break;
        case 'quotes-http':
          await fuzzQuotes(ctx, tally);
          break;
        case 'stream-proto':
          await fuzzStream(ctx, tally, 'proto');
          break;
        case 'stream-json':
          await fuzzStream(ctx, tally, 'json');
          break;
        case 'basket-file':
          await fuzzFiles(ctx, tally, basketSeeds(), loadBasketFile, 'BASKET_', 6);
          break;
        case 'replay-reader':
          await fuzzFiles(ctx, tally, recordingSeeds(), (path) => readRecording(path), 'RECORDING_', 7);
          break;
        case 'publisher-keys':
          // SLOT: the publisher-keys file loader (server/auth/, branch `auth`) is not on this branch yet.
          // When it lands: seeds = a valid keys file; load = its loader; codePrefix = its error codes' prefix.
          skipped = 'the publisher-keys loader (server/auth/, branch auth) is not on this branch yet';
          break;
      }
      const report: TargetReport = { target, inputs: skipped ? 0 : ctx.perTarget, outcomes: tally.outcomes, failures: tally.failures, examples: tally.examples, ms: Date.now() - t0, ...(skipped && { skipped }) };
      reports.push(report);
      log(`${target}: ${skipped ? `skipped (${skipped})` : `${report.inputs} inputs, ${report.failures} failures, ${(report.ms / 1000).toFixed(1)} s`}`);
    }
    // Let the 100 ms and 1000 ms topics and housekeeping settle on both before comparing.
    await sleep(1200);
    const alive = (await fetch(`http://127.0.0.1:${a.port}/healthz`)).ok && a.child.exitCode === null;
    const [sa, sb] = await Promise.all([a.request<{ state: Record<string, string>; accepted: number }>('state'), b.request<{ state: Record<string, string>; accepted: number }>('state')]);
    const stateDiffers = Object.keys(sa.state).filter((c) => sa.state[c] !== sb.state[c]);
    // "Back to" its baseline: the lowest of a few readings as the server settles (native buffers and
    // malloc arenas come and go by megabytes between two readings); the heap is the exact leak signal.
    let rssAfter = Number.POSITIVE_INFINITY;
    let heapAfter = 0;
    for (let k = 0; k < 5; k++) {
      const m = await a.request<{ rss: number; heapUsed: number; heapTotal: number; external: number }>('rss');
      log(`after: rss ${(m.rss / 2 ** 20).toFixed(1)} MiB, heap used ${(m.heapUsed / 2 ** 20).toFixed(1)}, heap total ${(m.heapTotal / 2 ** 20).toFixed(1)}, external ${(m.external / 2 ** 20).toFixed(1)} MiB`);
      rssAfter = Math.min(rssAfter, m.rss);
      heapAfter = m.heapUsed;
      await sleep(400);
    }
    return {
      seed: options.seed,
      perTarget: options.perTarget,
      transport: options.transport ?? 'auto',
      targets: reports,
      warmupFailures: warmup.failures,
      alive,
      stateIdentical: stateDiffers.length === 0,
      stateDiffers,
      acceptedTicks: { a: sa.accepted, b: sb.accepted },
      rssBaselineBytes: rssBaseline,
      rssAfterBytes: rssAfter,
      heapBaselineBytes: before.heapUsed,
      heapAfterBytes: heapAfter,
      ms: Date.now() - started,
    };
  } finally {
    for (const l of links) l.close();
    await Promise.all([a.stop(), b.stop()]);
  }
}

/** The report as a markdown table (scripts/fuzz.ts prints it; the README shows the last full run). */
export function fuzzTable(r: FuzzReport): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const rows = r.targets.map((t) => {
    const top = Object.entries(t.outcomes).sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${k} ${n}`).join(', ');
    return `| ${t.target} | ${t.skipped ? 'skipped' : t.inputs.toLocaleString('en-US')} | ${t.skipped ? '—' : t.failures} | ${t.skipped ? t.skipped : top} | ${(t.ms / 1000).toFixed(1)} s |`;
  });
  return [
    '| target | inputs | failures | most frequent outcomes | time |',
    '| --- | ---: | ---: | --- | ---: |',
    ...rows,
    '',
    `Seed ${r.seed}, transport ${r.transport}. After: server alive ${r.alive ? 'yes' : 'NO'}; index and quotes.* state byte-identical to the reference server ${r.stateIdentical ? 'yes' : `NO (${r.stateDiffers.join(', ')})`} (ticks accepted: ${r.acceptedTicks.a} vs ${r.acceptedTicks.b}); RSS after a full GC ${mb(r.rssBaselineBytes)} at the baseline (after a warm-up of ${WARMUP_INPUTS} inputs per network target), ${mb(r.rssAfterBytes)} after (${(((r.rssAfterBytes - r.rssBaselineBytes) / r.rssBaselineBytes) * 100).toFixed(1)}%), heap used ${mb(r.heapBaselineBytes)} → ${mb(r.heapAfterBytes)}; ${(r.ms / 1000).toFixed(0)} s in all.`,
  ].join('\n');
}
