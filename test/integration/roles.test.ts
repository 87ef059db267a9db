/**
 * Scale-out as a user runs it: a real redis-server, one aggregator and gateways as real processes
 * (`server/main.ts --role …`), real websocket clients reading raw frames. What one process promises
 * holds across them: the same delta bytes, epoch and seq on every gateway, the same /v1/snapshot
 * everywhere, a resume on another gateway, a late gateway right at once, and Redis killed (kill -9)
 * and restarted: subscribers are told the feed is stale, then resynced onto the live state.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { stateChecksum } from '../../proto/canonical.ts';
import { jsonOfProto } from '../../server/feed/topic.ts';
import { IN_CI, redisMissing, startRedis, startRedisCluster, type RedisServer } from '../support/redis.ts';
import { SKIP_UWS } from '../support/uws.ts';
import { freePort, RoleProcess } from '../support/role-process.ts';

const TOKEN = 'roles-test-token-0123456789';
const MINERS = 'index.miners';
const missing = redisMissing();

type Msg = hashcap.v1.IServerMessage;

const startRole = (args: readonly string[], port?: number) => RoleProcess.start(args, { token: TOKEN, ...(port !== undefined && { port }) });

/** What every role's /v1/snapshot must agree on. */
async function snapshotOf(role: RoleProcess): Promise<{ epoch: unknown; indexes: unknown; status: unknown }> {
  const body = await role.snapshot();
  return { epoch: body['epoch'], indexes: body['indexes'], status: body['status'] };
}

/** A websocket client keeping every frame's bytes as received, beside the decoded message. */
class RawClient {
  readonly frames: { readonly bytes: Buffer; readonly msg: Msg }[] = [];
  readonly texts: string[] = [];
  private constructor(readonly socket: WebSocket) {}

  static async connect(url: string, format: 'proto' | 'json' = 'proto'): Promise<RawClient> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/stream`, [format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto']);
    const client = new RawClient(socket);
    socket.on('message', (data: Buffer, binary: boolean) => {
      if (binary) {
        client.frames.push({ bytes: Buffer.from(data), msg: wire.ServerMessage.toObject(wire.ServerMessage.decode(data), { longs: Number, enums: Number }) as Msg });
      } else {
        const text = data.toString();
        client.texts.push(text);
        client.frames.push({ bytes: Buffer.alloc(0), msg: wire.ServerMessage.toObject(wire.ServerMessage.fromObject(JSON.parse(text) as Record<string, unknown>), { longs: Number, enums: Number }) as Msg });
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  subscribe(channels: string[], conflateMs = 0, resume: hashcap.v1.IResumePoint[] = []): void {
    const message = { subscribe: { requestId: 1, channels, conflateMs, resume } };
    if (this.socket.protocol === 'hashcap.v1.json') {
      this.socket.send(JSON.stringify(wire.ClientMessage.toObject(wire.ClientMessage.fromObject(message), { json: true, longs: String, enums: String })));
    } else {
      this.socket.send(wire.ClientMessage.encode(message).finish());
    }
  }

  deltas(channel: string, rate = 0) {
    return this.frames.filter((f) => f.msg.delta?.channel === channel && (f.msg.delta.conflateMs ?? 0) === rate);
  }

  snapshots(channel: string, rate = 0) {
    return this.frames.filter((f) => f.msg.snapshot?.channel === channel && (f.msg.snapshot.conflateMs ?? 0) === rate);
  }

  notices(kind: string) {
    return this.frames.filter((f) => f.msg.notice?.kind === kind);
  }

  /** The channel's state as this client rebuilds it: the last snapshot, then the deltas after it. */
  state(channel: string, rate = 0): { seq: number; state: ChannelState } {
    let at = -1;
    this.frames.forEach((f, i) => {
      if (f.msg.snapshot?.channel === channel && (f.msg.snapshot.conflateMs ?? 0) === rate) at = i;
    });
    const snap = this.frames[at]!.msg.snapshot!;
    const state = cloneState(snap.state as ChannelState);
    let seq = Number(snap.seq ?? 0);
    for (const f of this.frames.slice(at + 1)) {
      const d = f.msg.delta;
      if (d?.channel !== channel || (d.conflateMs ?? 0) !== rate) continue;
      expect(Number(d.seq)).toBe(seq + 1);
      mergeState(state, d.changes as ChannelState);
      seq++;
    }
    return { seq, state };
  }

  lastSeq(channel: string): number {
    return this.state(channel).seq;
  }

  close(): void {
    this.socket.close();
  }
}

async function until(what: string, done: () => boolean, timeoutMs = 15_000, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let tradeSeq = 0;
let price = 15;
/** One batch that moves index.miners (MARA trades at a new price). */
async function post(aggregator: RoleProcess): Promise<void> {
  price += 0.01;
  const ticks = [{ symbol: 'MARA', kind: 0, price: Number(price.toFixed(2)), size: 100, timeMs: Date.now(), seq: ++tradeSeq }];
  const res = await fetch(`${aggregator.url}/v1/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
    body: Buffer.from(wire.IngestBatch.encode({ batchId: tradeSeq, ticks }).finish()),
  });
  expect(res.status).toBe(200);
  expect(wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer())).accepted).toBe(1);
}

/** The index as /v1/snapshot writes it, from a state a client rebuilt. */
function asSnapshotJson(state: ChannelState): unknown {
  return wire.IndexState.toObject(wire.IndexState.decode(wire.IndexState.encode(state.index!).finish()), { json: true, enums: String });
}

describe.runIf(missing !== null && IN_CI)('roles under CI', () => {
  it('have redis-server', () => expect.fail(`${missing}: CI must run the scale-out tests`));
});

describe.skipIf(missing !== null)('one aggregator and gateways on a real redis-server', () => {
  let redis: RedisServer;
  let aggregator: RoleProcess;
  const gateways: RoleProcess[] = [];
  const clients: RawClient[] = [];
  const connect = async (role: RoleProcess, format: 'proto' | 'json' = 'proto') => {
    const c = await RawClient.connect(role.url, format);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    if (missing !== null) console.log(`skipping scale-out tests: ${missing}`);
    redis = await startRedis();
    // Without the quote log: these tests are about the bus, and the Redis outage below expects the aggregator
    // to go on taking batches (with the log it refuses them, LOG_UNAVAILABLE: test/integration/durability.test.ts).
    // And with a lease longer than those outages: an active aggregator that cannot renew its lease for the
    // TTL (default 2 s) steps down (test/integration/takeover.test.ts).
    aggregator = await startRole(['--role', 'aggregator', '--redis', redis.url, '--no-simulate', '--no-quote-log', '--lease-ttl-ms', '60000']);
    for (let i = 0; i < 2; i++) gateways.push(await startRole(['--role', 'gateway', '--redis', redis.url]));
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const g of gateways) await g.kill();
    await aggregator?.kill();
    await redis?.stop();
  });

  it('sends byte-identical deltas, with the same epoch and seq, from both gateways; JSON is the same frame', async () => {
    const [a, b] = [await connect(gateways[0]!), await connect(gateways[1]!)];
    const json = await connect(gateways[1]!, 'json');
    for (const c of [a, b, json]) c.subscribe([MINERS, 'quotes.*']);
    for (const c of [a, b, json]) await until('snapshots', () => c.snapshots(MINERS).length === 1 && c.snapshots('quotes.*').length === 1);
    expect(a.snapshots(MINERS)[0]!.msg.snapshot!.seq).toEqual(b.snapshots(MINERS)[0]!.msg.snapshot!.seq);
    for (let i = 0; i < 5; i++) await post(aggregator);
    for (const c of [a, b, json]) await until('5 deltas on each', () => c.deltas(MINERS).length >= 5 && c.deltas('quotes.*').length >= 5);
    for (const channel of [MINERS, 'quotes.*']) {
      const da = a.deltas(channel);
      const db = b.deltas(channel);
      expect(da.map((f) => f.msg.delta!.seq)).toEqual(db.map((f) => f.msg.delta!.seq));
      for (let i = 0; i < da.length; i++) expect(Buffer.compare(da[i]!.bytes, db[i]!.bytes), `${channel} delta ${i}`).toBe(0);
      expect(new Set(da.map((f) => f.msg.delta!.epoch)).size).toBe(1);
      // The JSON subscriber gets the text of those very bytes.
      const texts = json.texts.filter((t) => t.includes('"delta"') && t.includes(`"channel":"${channel}"`));
      expect(texts).toEqual(da.map((f) => jsonOfProto(f.bytes)));
    }
    const agg = await snapshotOf(aggregator);
    expect(da0Epoch(a)).toBe(agg.epoch);
    expect(asSnapshotJson(a.state(MINERS).state)).toEqual((agg.indexes as Record<string, unknown>)['miners']);
  }, 60_000);

  it('forwards conflated rates, heartbeats and keyframes as the aggregator made them, identical on both gateways', async () => {
    const [a, b] = [await connect(gateways[0]!), await connect(gateways[1]!)];
    for (const c of [a, b]) {
      c.subscribe([MINERS], 100);
      c.subscribe([MINERS], 1000);
    }
    for (const c of [a, b]) await until('snapshots', () => c.snapshots(MINERS, 100).length === 1 && c.snapshots(MINERS, 1000).length === 1);
    for (let i = 0; i < 3; i++) await post(aggregator);
    const keyframes = (c: RawClient, rate: number) => c.snapshots(MINERS, rate).filter((f) => f.msg.snapshot!.keyframe === true);
    const heartbeats = (c: RawClient, rate: number) => c.frames.filter((f) => f.msg.heartbeat?.channel === MINERS && (f.msg.heartbeat.conflateMs ?? 0) === rate);
    // Keyframes follow new deltas within the aggregator's interval (5 s); idle topics get heartbeats each second.
    for (const c of [a, b]) {
      await until('conflated deltas, a keyframe and heartbeats', () => [100, 1000].every((r) => c.deltas(MINERS, r).length >= 1 && keyframes(c, r).length >= 1 && heartbeats(c, r).length >= 1), 15_000);
    }
    for (const rate of [100, 1000]) {
      // Paired by seq: a conflated frame published between the two clients' snapshots reaches only one of them.
      const same = (fa: { bytes: Buffer }[], fb: { bytes: Buffer }[], seqOf: (f: { bytes: Buffer }) => number) => {
        const bySeq = new Map(fb.map((f) => [seqOf(f), f]));
        const pairs = fa.filter((f) => bySeq.has(seqOf(f)));
        expect(pairs.length).toBeGreaterThan(0);
        for (const f of pairs) expect(Buffer.compare(f.bytes, bySeq.get(seqOf(f))!.bytes), `rate ${rate} seq ${seqOf(f)}`).toBe(0);
      };
      const deltaSeq = (f: { bytes: Buffer }) => Number((f as (typeof a.frames)[number]).msg.delta!.seq);
      const snapshotSeq = (f: { bytes: Buffer }) => Number((f as (typeof a.frames)[number]).msg.snapshot!.seq);
      same(a.deltas(MINERS, rate), b.deltas(MINERS, rate), deltaSeq);
      same(keyframes(a, rate), keyframes(b, rate), snapshotSeq);
      const hb = heartbeats(a, rate)[0]!;
      const twin = heartbeats(b, rate).find((f) => f.msg.heartbeat!.serverTimeMs === hb.msg.heartbeat!.serverTimeMs);
      expect(twin && Buffer.compare(twin.bytes, hb.bytes)).toBe(0);
      // A keyframe's checksum matches what the client rebuilt from the gateway's snapshot and deltas.
      const kf = keyframes(a, rate)[0]!.msg.snapshot!;
      expect(stateChecksum(kf.state as ChannelState)).toBe(kf.crc32);
    }
  }, 60_000);

  it('answers the same /v1/snapshot from the aggregator and every gateway', async () => {
    await post(aggregator);
    const expected = await snapshotOf(aggregator);
    for (const g of gateways) expect(await eventually(() => snapshotOf(g), expected)).toEqual(expected);
  }, 30_000);

  it('resumes a client on gateway B where it left gateway A, with the missed deltas as B sends them', async () => {
    const onA = await connect(gateways[0]!);
    onA.subscribe([MINERS]);
    await until('snapshot on A', () => onA.snapshots(MINERS).length === 1);
    await post(aggregator);
    await until('a delta on A', () => onA.deltas(MINERS).length === 1);
    const epoch = Number(onA.deltas(MINERS)[0]!.msg.delta!.epoch);
    const lastSeq = onA.lastSeq(MINERS);
    onA.close();
    const witness = await connect(gateways[1]!);
    witness.subscribe([MINERS]);
    await until('witness snapshot', () => witness.snapshots(MINERS).length === 1);
    for (let i = 0; i < 3; i++) await post(aggregator);
    await until('3 deltas at the witness', () => witness.deltas(MINERS).length >= 3);

    const onB = await connect(gateways[1]!);
    onB.subscribe([MINERS], 0, [{ channel: MINERS, epoch, lastSeq }]);
    await until('the resume on B', () => onB.deltas(MINERS).length >= 3);
    const ack = onB.frames.find((f) => f.msg.ack)!.msg.ack!;
    expect(ack).toMatchObject({ channel: MINERS, resumed: true, replayed: 3 });
    expect(onB.snapshots(MINERS)).toHaveLength(0);
    const replayed = onB.deltas(MINERS);
    expect(replayed.map((f) => Number(f.msg.delta!.seq))).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3]);
    const witnessed = witness.deltas(MINERS).slice(-3);
    for (let i = 0; i < 3; i++) expect(Buffer.compare(replayed[i]!.bytes, witnessed[i]!.bytes)).toBe(0);
  }, 60_000);

  it('serves a correct snapshot at once from a gateway started late', async () => {
    const expected = await snapshotOf(aggregator);
    const late = await startRole(['--role', 'gateway', '--redis', redis.url]);
    gateways.push(late);
    expect(await snapshotOf(late)).toEqual(expected);
    const witness = clients.find((c) => c.socket.readyState === WebSocket.OPEN && c.deltas(MINERS).length > 0)!;
    const c = await connect(late);
    c.subscribe([MINERS]);
    await until('snapshot on the late gateway', () => c.snapshots(MINERS).length === 1);
    expect(c.lastSeq(MINERS)).toBe(witness.lastSeq(MINERS));
    expect(asSnapshotJson(c.state(MINERS).state)).toEqual(asSnapshotJson(witness.state(MINERS).state));
    // And from there it follows live, byte for byte.
    await post(aggregator);
    await until('a live delta on the late gateway', () => c.deltas(MINERS).length === 1);
    await until('the witness too', () => witness.state(MINERS).seq === c.lastSeq(MINERS));
    expect(Buffer.compare(c.deltas(MINERS)[0]!.bytes, witness.deltas(MINERS).at(-1)!.bytes)).toBe(0);
  }, 60_000);

  it('after Redis is killed (-9) and restarted: a stale notice, the aggregator keeps computing, then subscribers resync onto the live state', async () => {
    const c = await connect(gateways[0]!);
    c.subscribe([MINERS]);
    await until('snapshot', () => c.snapshots(MINERS).length === 1);
    await redis.kill();
    await until('the stale notice', () => c.notices('stale').length === 1, 15_000, () => gateways[0]!.output);
    // The gateway still answers from its last state; the aggregator goes on computing.
    const before = await snapshotOf(gateways[0]!);
    for (let i = 0; i < 2; i++) await post(aggregator);
    const moved = await snapshotOf(aggregator);
    expect(moved.indexes).not.toEqual(before.indexes);
    await redis.restart();
    await until('the live notice', () => c.notices('live').length === 1, 20_000, () => gateways[0]!.output);
    // Redis came back empty: no history to resume from, so the resync is a fresh snapshot (not a keyframe).
    await until('the resync snapshot', () => c.snapshots(MINERS).some((f) => f.msg.snapshot!.recovered !== true && f.msg.snapshot!.keyframe !== true), 4_000, () => gateways[0]!.output);
    await until('resynced onto the aggregator state', () => {
      const s = c.state(MINERS).state;
      return JSON.stringify(asSnapshotJson(s)) === JSON.stringify((moved.indexes as Record<string, unknown>)['miners']);
    }, 20_000, () => gateways[0]!.output);
    // Live again: the next batch arrives as the next seq.
    const seq = c.lastSeq(MINERS);
    await post(aggregator);
    await until('a delta after the resync', () => c.lastSeq(MINERS) === seq + 1, 15_000, () => gateways[0]!.output);
    const metrics = await (await fetch(`${gateways[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/hashcap_bus_transitions_total\{to="down"\} [1-9]/);
    expect(metrics).toMatch(/hashcap_mirror_stale 0/);
    expect(gateways[0]!.output).toMatch(/gateway: stale/);
    expect(gateways[0]!.output).toMatch(/gateway: live/);
  }, 90_000);

  it('after Redis stalls (SIGSTOP) and wakes (SIGCONT): stale, then live on the aggregator state', async () => {
    // The previous test restarted Redis: this gateway must be live again (bus up, not stale) before it is stalled.
    let live = false;
    const liveBy = Date.now() + 30_000;
    while (!live && Date.now() < liveBy) {
      const m = await (await fetch(`${gateways[1]!.url}/metrics`)).text();
      live = /hashcap_bus_up 1/.test(m) && /hashcap_mirror_stale 0/.test(m);
      if (!live) await new Promise((r) => setTimeout(r, 200));
    }
    expect(live, `gateway 2 live again after the Redis restart\n${gateways[1]!.output.slice(-3000)}`).toBe(true);
    const c = await connect(gateways[1]!);
    c.subscribe([MINERS]);
    await until('snapshot', () => c.snapshots(MINERS).length === 1, 15_000, () => gateways[1]!.output);
    redis.pause();
    try {
      await until('the stale notice', () => c.notices('stale').length === 1, 15_000, () => gateways[1]!.output);
      await post(aggregator);
    } finally {
      redis.resume();
    }
    const moved = await snapshotOf(aggregator);
    await until('the live notice', () => c.notices('live').length === 1, 20_000, () => gateways[1]!.output);
    await until('resynced onto the aggregator state', () => {
      return JSON.stringify(asSnapshotJson(c.state(MINERS).state)) === JSON.stringify((moved.indexes as Record<string, unknown>)['miners']);
    }, 20_000, () => gateways[1]!.output);
    expect(await eventually(() => snapshotOf(gateways[1]!), moved)).toEqual(moved);
  }, 90_000);
});

describe.skipIf(missing !== null)('one aggregator and two gateways on a real three-master Redis Cluster', () => {
  it('sends the same bytes on both gateways for topics spread over the masters, resumes across them, and agrees on /v1/snapshot', async () => {
    const cluster = await startRedisCluster();
    const roles: RoleProcess[] = [];
    const open: RawClient[] = [];
    try {
      const aggregator = await startRole(['--role', 'aggregator', '--redis', cluster.url, '--no-simulate']);
      roles.push(aggregator);
      for (let i = 0; i < 2; i++) roles.push(await startRole(['--role', 'gateway', '--redis', cluster.url]));
      const [ga, gb] = [roles[1]!, roles[2]!];
      // Several topics: their hash-tagged keys land on different masters.
      const channels = [MINERS, 'index.ai-hpc', 'quotes.*', 'quotes.MARA', 'status'];
      const a = await RawClient.connect(ga.url);
      const b = await RawClient.connect(gb.url);
      open.push(a, b);
      for (const c of [a, b]) c.subscribe(channels);
      for (const c of [a, b]) await until('snapshots', () => channels.every((ch) => c.snapshots(ch).length === 1));
      for (let i = 0; i < 4; i++) await post(aggregator);
      for (const c of [a, b]) await until('deltas', () => c.deltas(MINERS).length >= 4 && c.deltas('quotes.MARA').length >= 4);
      for (const channel of [MINERS, 'quotes.*', 'quotes.MARA']) {
        const [da, db] = [a.deltas(channel), b.deltas(channel)];
        expect(da.length).toBe(db.length);
        for (let i = 0; i < da.length; i++) expect(Buffer.compare(da[i]!.bytes, db[i]!.bytes)).toBe(0);
      }
      // Resume on the other gateway.
      const epoch = Number(a.deltas(MINERS)[0]!.msg.delta!.epoch);
      const lastSeq = a.lastSeq(MINERS);
      a.close();
      for (let i = 0; i < 2; i++) await post(aggregator);
      await until('b sees them', () => b.lastSeq(MINERS) === lastSeq + 2);
      const moved = await RawClient.connect(gb.url);
      open.push(moved);
      moved.subscribe([MINERS], 0, [{ channel: MINERS, epoch, lastSeq }]);
      await until('the resume', () => moved.deltas(MINERS).length === 2);
      expect(moved.frames.find((f) => f.msg.ack)!.msg.ack).toMatchObject({ resumed: true, replayed: 2 });
      expect(moved.deltas(MINERS).map((f) => f.bytes)).toEqual(b.deltas(MINERS).slice(-2).map((f) => f.bytes));
      const expected = await snapshotOf(aggregator);
      for (const g of [ga, gb]) expect(await eventually(() => snapshotOf(g), expected)).toEqual(expected);
    } finally {
      for (const c of open) c.close();
      for (const r of roles) await r.kill();
      await cluster.stop();
    }
  }, 120_000);
});

describe.skipIf(missing !== null)('gateways sharing one port (--reuse-port)', () => {
  it('run side by side on one port, and the kernel spreads connections over them', async () => {
    const redis = await startRedis();
    const roles: RoleProcess[] = [];
    try {
      // An explicit port: port 0 would give each process a port of its own.
      const port = await freePort();
      // uWS where it loads; on later Node, ws (whose listener shares a port from Node 22.12).
      const transport = SKIP_UWS ? 'ws' : 'uws';
      const first = await startRole(['--role', 'gateway', '--redis', redis.url, '--reuse-port', '--transport', transport], port);
      roles.push(first);
      roles.push(await startRole(['--role', 'gateway', '--redis', redis.url, '--reuse-port', '--transport', transport], port));
      const pids = new Set<number>();
      for (let i = 0; i < 40 && pids.size < 2; i++) {
        const health = (await (await fetch(`${first.url}/healthz`, { headers: { connection: 'close' } })).json()) as { pid: number };
        pids.add(health.pid);
      }
      expect([...pids].sort()).toEqual(roles.map((r) => r.pid).sort());
      // Without the flag the port stays exclusive: a third gateway fails to start, and says why.
      const third = RoleProcess.spawn(['--role', 'gateway', '--redis', redis.url], { port });
      expect(await third.exited).not.toBe(0);
      expect(third.output).toMatch(/TRANSPORT_LISTEN_FAILED/);
    } finally {
      for (const r of roles) await r.kill();
      await redis.stop();
    }
  }, 60_000);
});

function da0Epoch(c: RawClient): unknown {
  return Number(c.deltas(MINERS)[0]!.msg.delta!.epoch);
}

/** Polls until `read` resolves to something equal to `expected` (a gateway gets frames a moment after the aggregator), then returns the last read. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await read();
    if (JSON.stringify(got) === JSON.stringify(expected) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}
