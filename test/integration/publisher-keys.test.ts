/**
 * Publisher keys (`--publishers`) in a real server process: each key publishes only its symbols, at
 * most at its rate; a real SIGHUP reloads the file without a restart (a removed key's open ingest
 * connection is closed with 4403, a new key works at once); a bad file on reload changes nothing and
 * the log says which line is wrong; and no token, valid or not, appears in the process's output,
 * /metrics, or any reply.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { hashcap } from '../../proto/wire.ts';
import { CloseCode } from '../../proto/codes.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { decodeIngestReply, encodeIngestBatch, encodePublisherMessage } from '../../server/tick/codec.ts';
import { RoleProcess } from '../support/role-process.ts';
import { startServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';

const ALPHA = 'alpha-token-0123456789-abcdefghijklmnop';
const BETA = 'beta-token-0123456789-abcdefghijklmnopq';
const GAMMA = 'gamma-token-0123456789-abcdefghijklmnop';
const DELTA_IN_BAD_FILE = 'delta-token-0123456789-abcdefghijklmno';
const SECRETS = [ALPHA, BETA, GAMMA, DELTA_IN_BAD_FILE];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'hashcap-publishers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
const trade = (symbol: string, price: number): hashcap.v1.ITick => ({ symbol, kind: 0, price, size: 100, timeMs: Date.now(), seq: ++seq });

const children: RoleProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill();
});

/** A single-process server (`--no-simulate`) with these flags, as a real child process. */
function spawnServer(args: readonly string[]): RoleProcess {
  const child = RoleProcess.spawn(['--no-simulate', ...args]);
  children.push(child);
  return child;
}

async function startChild(args: readonly string[]): Promise<RoleProcess> {
  const child = await RoleProcess.start(['--no-simulate', ...args]);
  children.push(child);
  return child;
}

async function post(url: string, token: string, ticks: hashcap.v1.ITick[]): Promise<{ status: number; reply: ReturnType<typeof decodeIngestReply>; text: string }> {
  const res = await fetch(`${url}/v1/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: encodeIngestBatch({ batchId: 1, ticks }, 'json'),
  });
  const text = await res.text();
  return { status: res.status, reply: decodeIngestReply(text, 'json'), text };
}

/** A publisher on /v1/ingest: one reply per batch, in order, and how the connection closed. */
class Publisher {
  readonly ws: WebSocket;
  readonly replies: (string | Uint8Array)[] = [];
  closed: { code: number; reason: string } | null = null;

  /** `format` 'proto': binary batches, which the server decodes straight into the gate's columns. */
  constructor(url: string, token: string, readonly format: 'json' | 'proto' = 'json') {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ingest?token=${token}`);
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer, isBinary: boolean) => this.replies.push(isBinary ? new Uint8Array(data) : data.toString()));
    this.ws.on('close', (code: number, reason: Buffer) => (this.closed = { code, reason: reason.toString() }));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  async publish(ticks: hashcap.v1.ITick[]): Promise<ReturnType<typeof decodeIngestReply>> {
    const before = this.replies.length;
    this.ws.send(encodePublisherMessage({ batch: { batchId: before + 1, ticks } }, this.format));
    const deadline = Date.now() + 5_000;
    while (this.replies.length === before) {
      if (Date.now() > deadline) throw new Error('no ingest reply');
      await sleep(10);
    }
    return decodeIngestReply(this.replies[before]!, this.format);
  }

  /** Sends `count` one-tick batches back to back, then waits for every reply; how many were accepted before the first refusal, and that refusal. */
  async burst(symbol: string, count: number): Promise<{ accepted: number; refused: number; refusal: ReturnType<typeof decodeIngestReply>['error'] }> {
    const before = this.replies.length;
    for (let i = 0; i < count; i++) this.ws.send(encodePublisherMessage({ batch: { batchId: before + i + 1, ticks: [trade(symbol, 40 + i / 100)] } }, this.format));
    await waitFor(`${count} ingest replies`, () => this.replies.length >= before + count);
    const replies = this.replies.slice(before).map((r) => decodeIngestReply(r, this.format));
    const firstRefused = replies.findIndex((r) => r.error != null);
    const refused = replies.filter((r) => r.error != null).length;
    return { accepted: firstRefused === -1 ? count : firstRefused, refused, refusal: firstRefused === -1 ? undefined : replies[firstRefused]!.error };
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const HEADER = '# hashcap-publishers: 1';

describe('publisher keys (--publishers) in a real process', () => {
  it('limits each key to its symbols and rate, reloads on SIGHUP, survives a bad reload, and never shows a token', async () => {
    const file = join(dir, 'publishers.txt');
    writeFileSync(
      file,
      [HEADER, '# name  token  symbols  rate', `alpha  ${ALPHA}  IREN,WULF`, `beta   sha256:${sha256(BETA)}  *  rate=0.1`, ''].join('\n'),
    );
    const server = await startChild(['--publishers', file]);
    const seen: string[] = [];
    expect(server.output).toMatch(/publishers 2 keys from .*publishers\.txt \(alpha, beta\)/);
    // --auth none (the default) says, at every start, that anyone may read the stream.
    expect(server.output).toMatch(/auth\s+none: the stream is open to anyone who can reach this port/);
    // The keys file replaces the single token: no token line.
    expect(server.output).not.toMatch(/^\s+token\s/m);

    // alpha: its symbols go through, another is refused whole with 3110 naming it.
    const alpha = new Publisher(server.url, ALPHA);
    await alpha.opened();
    expect((await alpha.publish([trade('IREN', 51)])).accepted).toBe(1);
    const refused = await alpha.publish([trade('WULF', 12), trade('HUT', 40)]);
    expect(refused.error?.code).toBe(IngestReason.SYMBOL_NOT_PERMITTED);
    expect(refused.error?.message).toMatch(/alpha may not publish HUT/);
    expect(refused.accepted).toBe(0);
    // The same over protobuf, where the batch is checked in the gate's columns, never made into objects.
    const alphaProto = new Publisher(server.url, ALPHA, 'proto');
    await alphaProto.opened();
    expect((await alphaProto.publish([trade('WULF', 12.5)])).accepted).toBe(1);
    const refusedProto = await alphaProto.publish([trade('IREN', 51.5), trade('HUT', 40), trade('RIOT', 11)]);
    expect([refusedProto.error?.code, refusedProto.accepted]).toEqual([IngestReason.SYMBOL_NOT_PERMITTED, 0]);
    expect(refusedProto.error?.message).toMatch(/alpha may not publish HUT, RIOT/);
    alphaProto.ws.close();

    // beta: any symbol, one batch per 10 s (a burst of one); the second in a row is 429 with 3111.
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      const r = await post(server.url, BETA, [trade('HUT', 40 + i / 10)]);
      statuses.push([r.status, r.reply.error?.code ?? 0]);
      seen.push(r.text);
    }
    expect(statuses).toEqual([
      [200, 0],
      [429, IngestReason.PUBLISHER_RATE_LIMITED],
    ]);

    // Reload: alpha removed, gamma added. alpha's open connection is closed with 4403; gamma works at once.
    writeFileSync(file, [HEADER, `beta  sha256:${sha256(BETA)}  *  rate=0.1`, `gamma  ${GAMMA}  HUT`, ''].join('\n'));
    server.signal('SIGHUP');
    await waitFor('alpha closed', () => alpha.closed !== null);
    expect(alpha.closed).toEqual({ code: CloseCode.PublisherKeyRevoked, reason: 'publisher key revoked' });
    expect(server.output).toMatch(/publishers: reloaded .*: 2 keys, revoked alpha \(1 connections closed\)/);
    const gamma = await post(server.url, GAMMA, [trade('HUT', 40.5)]);
    expect([gamma.status, gamma.reply.accepted]).toEqual([200, 1]);
    const gone = await post(server.url, ALPHA, [trade('IREN', 51.1)]);
    expect(gone.status).toBe(401);
    seen.push(gamma.text, gone.text);

    // A bad file: the keys in force stay, the log names the file and line, the process keeps serving.
    writeFileSync(file, [HEADER, `gamma  ${GAMMA}  HUT`, `delta  ${DELTA_IN_BAD_FILE}  IREN,not-a-ticker`, ''].join('\n'));
    server.signal('SIGHUP');
    await waitFor('the reload failure in the log', () => /reload of .* failed/.test(server.output));
    expect(server.output).toMatch(/publishers: reload of .*publishers\.txt failed, keeping the 2 keys in force: PUBLISHERS_FORMAT: .*publishers\.txt:3: symbols:/);
    const still = await post(server.url, GAMMA, [trade('HUT', 40.6)]);
    expect([still.status, still.reply.accepted]).toEqual([200, 1]);
    expect((await post(server.url, DELTA_IN_BAD_FILE, [trade('IREN', 51)])).status).toBe(401);

    // No secret anywhere a user or an operator looks.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const health = await (await fetch(`${server.url}/healthz`)).text();
    for (const secret of SECRETS) {
      expect(server.output, 'log').not.toContain(secret);
      expect(metrics, '/metrics').not.toContain(secret);
      expect(health, '/healthz').not.toContain(secret);
      for (const text of [...seen, ...alpha.replies]) expect(text, 'reply').not.toContain(secret);
    }
    expect(server.running).toBe(true);
  });

  it('refuses to start on a bad keys file, naming the file and line but not the token', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, [HEADER, `alpha  ${ALPHA}  IREN`, `beta  ${ALPHA}  HUT`, ''].join('\n'));
    const child = spawnServer(['--publishers', file]);
    expect(await child.exited).toBe(1);
    expect(child.output).toMatch(/PUBLISHERS_FORMAT: .*bad\.txt:3: token: the same token as line 2/);
    expect(child.output).not.toContain(ALPHA);
  });

  it("one rate per publisher: its key's rate= where set (above or below --ingest-batches-per-second), else the flag; a reload changes it", async () => {
    const file = join(dir, 'rates.txt');
    writeFileSync(file, [HEADER, `alpha  ${ALPHA}  *  rate=20`, `beta  ${BETA}  *`, ''].join('\n'));
    const server = await startChild(['--publishers', file, '--ingest-batches-per-second', '2']);
    const alpha = new Publisher(server.url, ALPHA);
    const beta = new Publisher(server.url, BETA);
    await Promise.all([alpha.opened(), beta.opened()]);

    // Bursts are twice the rate; a few more batches may refill while a loaded machine answers the burst.
    // alpha's key says 20/s: 40 back to back go through although the flag says 2/s (its key wins).
    const fast = await alpha.burst('IREN', 60);
    expect(fast.accepted).toBeGreaterThanOrEqual(40);
    expect(fast.accepted).toBeLessThan(52);
    expect(fast.refusal?.code).toBe(IngestReason.PUBLISHER_RATE_LIMITED);
    expect(fast.refusal?.message).toMatch(/more than 20 batches per second/);
    // beta's key has no rate=: the flag's 2/s (burst 4).
    const flagged = await beta.burst('HUT', 10);
    expect(flagged.accepted).toBeGreaterThanOrEqual(4);
    expect(flagged.accepted).toBeLessThan(7);
    expect(flagged.refusal?.message).toMatch(/more than 2 batches per second/);
    expect(flagged.refusal?.retryAfterMs).toBeGreaterThan(0);

    // SIGHUP with alpha at rate=1 (below the flag): the next batches get alpha's new rate (burst 2), beta gets 50/s.
    writeFileSync(file, [HEADER, `alpha  ${ALPHA}  *  rate=1`, `beta  ${BETA}  *  rate=50`, ''].join('\n'));
    server.signal('SIGHUP');
    await waitFor('the reload in the log', () => /publishers: reloaded .*rates\.txt: 2 keys/.test(server.output));
    const slowed = await alpha.burst('IREN', 6);
    expect(slowed.accepted).toBeGreaterThanOrEqual(2);
    expect(slowed.accepted).toBeLessThan(4);
    expect(slowed.refusal?.message).toMatch(/more than 1 batches per second/);
    expect(slowed.refusal?.retryAfterMs).toBeGreaterThan(500);
    const raised = await beta.burst('HUT', 60);
    expect(raised.accepted).toBeGreaterThanOrEqual(50);
    expect(alpha.closed).toBeNull(); // a changed rate is not a revoked key: the connections stay
    expect(beta.closed).toBeNull();
    // Every refusal above is counted once, as 3111.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const refused = Number(/hashcap_ingest_rejected_total\{reason="PUBLISHER_RATE_LIMITED"\} (\d+)/.exec(metrics)?.[1]);
    expect(refused).toBe(fast.refused + flagged.refused + slowed.refused + raised.refused);
  });

  it('hold on an aggregator (--role aggregator): the keys decide who publishes what', async () => {
    const file = join(dir, 'aggregator.txt');
    writeFileSync(file, [HEADER, `alpha  ${ALPHA}  IREN`, ''].join('\n'));
    const aggregator = await startServer(
      parseConfig(['--role', 'aggregator', '--redis', 'redis://127.0.0.1:1', '--port', '0', '--no-simulate', '--publishers', file], {}),
      () => {},
      { bus: new MemoryBus({ hub: new MemoryHub() }) },
    );
    try {
      expect(aggregator.ingestToken).toBe('');
      const ok = await post(aggregator.url, ALPHA, [trade('IREN', 51)]);
      expect([ok.status, ok.reply.accepted]).toEqual([200, 1]);
      const outside = await post(aggregator.url, ALPHA, [trade('HUT', 40)]);
      expect([outside.status, outside.reply.error?.code]).toEqual([403, IngestReason.SYMBOL_NOT_PERMITTED]);
      expect((await post(aggregator.url, BETA, [trade('IREN', 51)])).status).toBe(401);
      const alpha = new Publisher(aggregator.url, ALPHA);
      await alpha.opened();
      expect((await alpha.publish([trade('IREN', 51.1)])).accepted).toBe(1);
      writeFileSync(file, [HEADER, `beta  ${BETA}  IREN`, ''].join('\n'));
      expect(await aggregator.reloadPublishers()).toBe(true);
      await waitFor('alpha closed', () => alpha.closed !== null);
      expect(alpha.closed?.code).toBe(CloseCode.PublisherKeyRevoked);
    } finally {
      await aggregator.close();
    }
  });
});
