/**
 * The client's protocol rules, frame by frame, against frames built by the server's own Topic (real
 * seqs, encodings and keyframe CRCs) and delivered through the real decoding path, over a scripted
 * socket. The integration suite shows the same paths end to end; here each rule is pinned exactly:
 * which frames are ignored, what is sent back, which events fire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wire, type hashcap } from '../../proto/wire.ts';
import { Topic, type EncodedFrame, type FramePublisher } from '../../server/feed/topic.ts';
import { HashcapClient, type ChannelState, type HashcapEvents, type WebSocketLike } from '../../client/sdk/index.ts';

const EPOCH = 1_790_000_000_000;
const CHANNEL = 'index.miners';

/** A socket the test drives: what the client sends is decoded into ClientMessages. */
class ScriptedSocket implements WebSocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  protocol = '';
  binaryType = 'blob';
  readonly sent: hashcap.v1.IClientMessage[] = [];
  closedWith: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    ScriptedSocket.all.push(this);
  }

  send(data: Uint8Array<ArrayBuffer> | string): void {
    const m = typeof data === 'string' ? wire.ClientMessage.fromObject(JSON.parse(data) as Record<string, unknown>) : wire.ClientMessage.decode(data);
    this.sent.push(wire.ClientMessage.toObject(m, { longs: Number, enums: Number }) as hashcap.v1.IClientMessage);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.protocol = Array.isArray(this.protocols) ? this.protocols[0]! : (this.protocols ?? '');
    this.onopen?.({});
  }

  /** The server side went away. */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }

  /** A frame as the server sends it: the same bytes, as an ArrayBuffer (binaryType 'arraybuffer'). */
  deliver(frame: Uint8Array): void {
    expect(this.binaryType).toBe('arraybuffer');
    const copy = new Uint8Array(frame.byteLength); // not frame.slice(): a Node Buffer's slice is a view into its pool
    copy.set(frame);
    this.onmessage?.({ data: copy.buffer });
  }

  message(m: hashcap.v1.IServerMessage): void {
    this.deliver(wire.ServerMessage.encode(m).finish());
  }

  subscribes(): hashcap.v1.ISubscribe[] {
    return this.sent.flatMap((m) => (m.subscribe ? [m.subscribe] : []));
  }
}

/** The server's topic for one index channel, publishing into a list of encoded frames. */
class ServerTopic {
  readonly frames: EncodedFrame[] = [];
  readonly topic: Topic;
  private now = EPOCH;
  private last = 100;
  private readonly out: FramePublisher = this.capture(() => {});

  constructor() {
    const initial: ChannelState = {
      index: { id: 'miners', name: 'Miners', level: 1000, constituents: [{ ticker: 'IREN', last: 48.45 }, { ticker: 'MARA', last: 15.87 }] },
    };
    this.topic = new Topic({ kind: 'index', name: CHANNEL, index: 'miners' }, 0, EPOCH, initial, this.now, { maxHistory: 100, maxHistoryAgeMs: 60_000 });
  }

  snapshot(): Uint8Array {
    return this.topic.snapshot(++this.now).proto;
  }

  /** One delta (the next seq): a level move and one constituent's price. */
  delta(): Uint8Array {
    this.last += 1;
    this.topic.offer({ index: { id: 'miners', level: 1000 + this.last / 100, constituents: [{ ticker: 'IREN', last: this.last }] } }, ++this.now, ++this.now, this.out);
    return this.topic.framesSince(EPOCH, this.topic.seq - 1)![0]!.proto;
  }

  keyframe(): Uint8Array {
    let frame: Uint8Array | null = null;
    this.topic.publishKeyframe(++this.now, this.capture((data) => (frame = data)));
    return frame!;
  }

  heartbeat(): Uint8Array {
    let frame: Uint8Array | null = null;
    this.topic.publishHeartbeat(++this.now, [], this.capture((data) => (frame = data)));
    return frame!;
  }

  /** A publisher with binary subscribers only, handing the frame's bytes to `take`. */
  private capture(take: (data: Uint8Array) => void): FramePublisher {
    return {
      publish: (_topic, data) => {
        if (typeof data !== 'string') take(data);
      },
      subscriberCount: (topic) => (topic.endsWith('#json') ? 0 : 1),
    };
  }

  replaySince(lastSeq: number): Uint8Array[] {
    return (this.topic.framesSince(EPOCH, lastSeq) ?? []).map((f) => f.proto);
  }
}

function setup(options: { staleAfterMs?: number } = {}) {
  ScriptedSocket.all = [];
  const client = new HashcapClient({ url: 'http://example.test:8080', WebSocket: ScriptedSocket, reconnect: { baseMs: 1, maxMs: 2, minMs: 1 }, ...options });
  const events: { type: keyof HashcapEvents; event: unknown }[] = [];
  for (const type of ['snapshot', 'delta', 'gap', 'resync', 'verified', 'reconnected', 'error', 'notice'] as const) {
    client.on(type, (event) => events.push({ type, event }));
  }
  const of = <K extends keyof HashcapEvents>(type: K) => events.flatMap((e) => (e.type === type ? [e.event as HashcapEvents[K]] : []));
  clients.push(client);
  return { client, events, of, socket: () => ScriptedSocket.all.at(-1)! };
}

const clients: HashcapClient[] = [];

/** Encoded and decoded: the server's state keeps default fields (`removed: []`) proto3 never sends. */
const wireNormal = (state: ChannelState) => wire.ChannelState.toObject(wire.ChannelState.decode(wire.ChannelState.encode(state).finish()), { longs: Number, enums: Number });
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** Connects, subscribes, answers with Ack + Snapshot: a live subscription at the topic's seq. */
async function live(server: ServerTopic, options: { staleAfterMs?: number } = {}) {
  const t = setup(options);
  const connected = t.client.connect();
  t.socket().open();
  await connected;
  t.client.subscribe([CHANNEL]);
  await tick();
  const [sub] = t.socket().subscribes();
  t.socket().message({ ack: { requestId: sub!.requestId!, channel: CHANNEL, epoch: EPOCH } });
  t.socket().deliver(server.snapshot());
  return t;
}

describe('HashcapClient protocol rules (scripted socket, real server frames)', () => {
  it('opens the stream URL with the sub-protocol, binary frames as ArrayBuffer, and batches subscribes per rate', async () => {
    const { client, socket } = setup();
    const connected = client.connect();
    expect(socket().url).toBe('ws://example.test:8080/v1/stream');
    expect(socket().protocols).toEqual(['hashcap.v1.proto']);
    expect(socket().binaryType).toBe('arraybuffer');
    socket().open();
    await connected;
    client.subscribe([CHANNEL, 'status']);
    client.subscribe(['quotes.*']);
    client.subscribe([CHANNEL], { conflateMs: 1000 });
    client.subscribe([CHANNEL]); // already subscribed: nothing new
    await tick();
    expect(socket().subscribes().map((s) => [s.channels, s.conflateMs ?? 0, s.resume ?? []])).toEqual([
      [[CHANNEL, 'status', 'quotes.*'], 0, []],
      [[CHANNEL], 1000, []],
    ]);
  });

  it('ignores duplicates; on a skipped seq emits gap, resumes from the last seq, and resyncs after the replay', async () => {
    const server = new ServerTopic();
    const { client, of, socket } = await live(server);
    const d1 = server.delta();
    const d2 = server.delta();
    const d3 = server.delta();
    const d4 = server.delta();
    socket().deliver(d1);
    socket().deliver(d2);
    socket().deliver(d1); // duplicate
    socket().deliver(d2); // duplicate
    expect(client.seq(CHANNEL)).toBe(2);
    expect(of('delta').map((d) => d.seq)).toEqual([1, 2]);

    socket().deliver(d4); // d3 lost
    expect(of('gap')).toEqual([{ channel: CHANNEL, conflateMs: 0, expected: 3, received: 4 }]);
    await tick();
    const resume = socket().subscribes().at(-1)!;
    expect(resume.channels).toEqual([CHANNEL]);
    expect(resume.resume).toEqual([{ channel: CHANNEL, epoch: EPOCH, lastSeq: 2 }]);

    const d5 = server.delta();
    socket().deliver(d5); // live frame before the Ack: superseded by the replay
    expect(client.seq(CHANNEL)).toBe(2);
    socket().message({ ack: { requestId: resume.requestId!, channel: CHANNEL, epoch: EPOCH, resumed: true, replayed: 3 } });
    for (const f of server.replaySince(2)) socket().deliver(f);
    expect(of('delta').map((d) => d.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(of('resync')).toEqual([{ channel: CHANNEL, conflateMs: 0, reason: 'gap' }]);
    expect(wireNormal(client.state(CHANNEL)!)).toEqual(wireNormal(server.topic.stateNow()));
    void d3;

    socket().deliver(server.keyframe());
    expect(of('verified')).toEqual([{ channel: CHANNEL, conflateMs: 0, seq: 5 }]);
  });

  it('treats a heartbeat ahead of the local seq as a gap; an unserved resume ends in a recovered=false snapshot and resync unrecovered', async () => {
    const server = new ServerTopic();
    const { client, of, socket } = await live(server);
    socket().deliver(server.delta());
    server.delta(); // lost
    socket().deliver(server.heartbeat());
    expect(of('gap')).toEqual([{ channel: CHANNEL, conflateMs: 0, expected: 2, received: 2 }]);
    await tick();
    const resume = socket().subscribes().at(-1)!;
    expect(resume.resume).toEqual([{ channel: CHANNEL, epoch: EPOCH, lastSeq: 1 }]);
    socket().message({ ack: { requestId: resume.requestId!, channel: CHANNEL, epoch: EPOCH, resumed: false } });
    socket().deliver(server.topic.unrecoveredSnapshot(EPOCH + 1000).proto);
    expect(of('resync')).toEqual([{ channel: CHANNEL, conflateMs: 0, reason: 'unrecovered' }]);
    expect(of('snapshot').at(-1)!.recovered).toBe(false);
    expect(client.seq(CHANNEL)).toBe(2);
    expect(wireNormal(client.state(CHANNEL)!)).toEqual(wireNormal(server.topic.stateNow()));
  });

  it('checks keyframes: a match is verified, a mismatch or a keyframe ahead replaces the state (checksum / gap)', async () => {
    const server = new ServerTopic();
    const { client, of, socket } = await live(server);
    socket().deliver(server.delta());
    socket().deliver(server.keyframe());
    expect(of('verified')).toEqual([{ channel: CHANNEL, conflateMs: 0, seq: 1 }]);

    client.state(CHANNEL)!.index!.name = 'corrupted';
    socket().deliver(server.delta());
    socket().deliver(server.keyframe());
    expect(of('resync')).toEqual([{ channel: CHANNEL, conflateMs: 0, reason: 'checksum' }]);
    expect(wireNormal(client.state(CHANNEL)!)).toEqual(wireNormal(server.topic.stateNow()));

    server.delta(); // lost
    socket().deliver(server.keyframe());
    expect(of('gap')).toEqual([{ channel: CHANNEL, conflateMs: 0, expected: 3, received: 3 }]);
    expect(of('resync').at(-1)).toEqual({ channel: CHANNEL, conflateMs: 0, reason: 'gap' });
    expect(client.seq(CHANNEL)).toBe(3);
    expect(wireNormal(client.state(CHANNEL)!)).toEqual(wireNormal(server.topic.stateNow()));
    expect(socket().subscribes()).toHaveLength(1); // repaired from the keyframe: no round trip
  });

  it('after a dropped connection, reconnects and resubscribes everything with resume points', async () => {
    const server = new ServerTopic();
    const { client, of, socket } = await live(server);
    socket().deliver(server.delta());
    const first = socket();
    first.drop();
    expect(client.connectionState).toBe('reconnecting');
    await new Promise((r) => setTimeout(r, 20));
    expect(socket()).not.toBe(first);
    socket().open();
    expect(client.connectionState).toBe('open');
    expect(of('reconnected')).toHaveLength(1);
    expect(of('reconnected')[0]!.attempt).toBe(1);
    expect(socket().subscribes()).toEqual([{ requestId: expect.any(Number), channels: [CHANNEL], resume: [{ channel: CHANNEL, epoch: EPOCH, lastSeq: 1 }] }]);
  });

  it('forgets a channel the server refuses for good, and retries after a rate limit', async () => {
    const { client, of, socket } = setup();
    const connected = client.connect();
    socket().open();
    await connected;
    client.subscribe(['index.nope', CHANNEL]);
    await tick();
    const sub = socket().subscribes()[0]!;
    socket().message({ error: { code: 1003, message: 'no index "nope"', requestId: sub.requestId!, channel: 'index.nope' } });
    expect(of('error')).toEqual([{ code: 1003, message: 'no index "nope"', channel: 'index.nope', requestId: sub.requestId }]);
    socket().message({ error: { code: 2003, message: 'too many messages', retryAfterMs: 5 } });
    await new Promise((r) => setTimeout(r, 30));
    expect(socket().subscribes().map((s) => s.channels)).toEqual([['index.nope', CHANNEL], [CHANNEL]]);
    expect(client.state('index.nope')).toBeUndefined();
  });

  it('moves to a new socket before the deadline of a reconnect advice', async () => {
    const server = new ServerTopic();
    const { of, socket } = await live(server);
    const first = socket();
    first.message({ notice: { kind: 'reconnect_advice', message: 'restarting', deadlineMs: Date.now() + 60 } });
    expect(of('notice')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 70));
    expect(first.closedWith).toBe(1000);
    expect(socket()).not.toBe(first);
  });

  it('answers ping with the round trip: the time until the pong with its request id', async () => {
    const { client, socket } = setup();
    const connected = client.connect();
    socket().open();
    await connected;
    let settled = false;
    const rtt = client.ping().finally(() => (settled = true));
    const ping = socket().sent.at(-1)!.ping!;
    const pong = (requestId: number) => ({ pong: { requestId, clientTimeMs: ping.clientTimeMs!, serverTimeMs: Date.now() } });
    await new Promise((r) => setTimeout(r, 40));
    socket().message(pong(ping.requestId! + 1)); // someone else's pong does not end this round trip
    await new Promise((r) => setTimeout(r, 80));
    expect(settled).toBe(false);
    socket().message(pong(ping.requestId!));
    const ms = await rtt;
    expect(ms).toBeGreaterThanOrEqual(119);
    expect(ms).toBeLessThan(120 + 500);
    client.close();
    await expect(client.ping()).rejects.toThrow('not connected');
  });
});
