/**
 * The subscriber side of /v1/stream: one ClientSession per connection, subscribe/unsubscribe/list/ping,
 * typed errors per channel, snapshot-then-deltas or resume from history, limits, and the slow-consumer
 * ladder (warn → degrade raw subscriptions to 1000 ms conflation → close with a resume token, when
 * over the close limit or when the backlog stops shrinking for a grace period).
 */
import type { hashcap } from '../../proto/wire.ts';
import type { Feed } from '../feed/feed.ts';
import { isRate, parseChannel, type Rate } from '../feed/channels.ts';
import { frameJson, jsonTopic, type EncodedFrame, type Topic } from '../feed/topic.ts';
import type { Connection, WebSocketHandlers } from '../transport/types.ts';
import { CloseCode, ErrorCode } from '../../proto/codes.ts';
import { decodeClientMessage, encodeServerMessage } from './client-codec.ts';
import { TokenBucket } from './rate-limiter.ts';

export interface GatewayLimits {
  readonly maxMessageBytes: number;
  readonly maxSubscriptions: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly slowWarnBytes: number;
  readonly slowDegradeBytes: number;
  readonly slowCloseBytes: number;
  /** A degraded connection whose backlog has not shrunk for this long is closed: it is not reading. */
  readonly slowGraceMs: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxMessageBytes: 16 * 1024,
  maxSubscriptions: 64,
  messagesPerSecond: 20,
  messageBurst: 40,
  slowWarnBytes: 256 * 1024,
  slowDegradeBytes: 1024 * 1024,
  slowCloseBytes: 4 * 1024 * 1024,
  slowGraceMs: 5_000,
};

const DEGRADED_RATE: Rate = 1000;

const SlowLevel = { Healthy: 0, Warned: 1, Degraded: 2, Closing: 3 } as const;
type SlowLevel = (typeof SlowLevel)[keyof typeof SlowLevel];

interface ClientSession {
  readonly limiter: TokenBucket;
  readonly subs: Map<string, Topic>;
  slow: SlowLevel;
  /** While degraded: the smallest backlog seen, and when it last shrank (or emptied). */
  progressBytes: number;
  progressAtMs: number;
}

export interface GatewayCounters {
  connections: number;
  subscriptions: number;
  messagesIn: number;
  readonly errors: Map<number, number>;
  slowWarned: number;
  slowDegraded: number;
  slowClosed: number;
}

export class Gateway {
  readonly counters: GatewayCounters;
  private readonly connections: Set<Connection>;

  constructor(
    private readonly feed: Feed,
    private readonly limits: GatewayLimits,
    private readonly now: () => number,
  ) {
    this.counters = {
      connections: 0,
      subscriptions: 0,
      messagesIn: 0,
      errors: new Map(),
      slowWarned: 0,
      slowDegraded: 0,
      slowClosed: 0,
    };
    this.connections = new Set();
  }

  handlers(): WebSocketHandlers {
    return {
      open: (conn) => {
        conn.user = {
          limiter: new TokenBucket(this.limits.messageBurst, this.limits.messagesPerSecond, this.now()),
          subs: new Map(),
          slow: SlowLevel.Healthy,
          progressBytes: 0,
          progressAtMs: 0,
        } satisfies ClientSession;
        this.connections.add(conn);
        this.counters.connections++;
      },
      message: (conn, data, isBinary) => this.onMessage(conn, data, isBinary),
      close: (conn) => {
        if (!this.connections.delete(conn)) return;
        this.counters.connections--;
        this.counters.subscriptions -= session(conn).subs.size;
      },
    };
  }

  /** Walks every connection's send buffer and moves it along the slow-consumer ladder. */
  checkSlowConsumers(): void {
    for (const conn of this.connections) {
      const s = session(conn);
      if (s.slow === SlowLevel.Closing) continue;
      const buffered = conn.bufferedAmount();
      if (buffered >= this.limits.slowCloseBytes || this.stalled(s, buffered)) this.closeSlow(conn, s);
      else if (buffered >= this.limits.slowDegradeBytes && s.slow < SlowLevel.Degraded) this.degrade(conn, s);
      else if (buffered >= this.limits.slowWarnBytes && s.slow < SlowLevel.Warned) {
        s.slow = SlowLevel.Warned;
        this.counters.slowWarned++;
        this.send(conn, { notice: { kind: 'slow_consumer_warn', message: `${buffered} bytes waiting to be sent` } });
      }
    }
  }

  /** Tells every subscriber a restart is planned, so it can reconnect before the deadline. */
  adviseReconnect(deadlineMs: number, message: string): void {
    for (const conn of this.connections) {
      this.send(conn, { notice: { kind: 'reconnect_advice', message, deadlineMs } });
    }
  }

  // ------------------------------------------------------------------------------ messages

  private onMessage(conn: Connection, data: Uint8Array, isBinary: boolean): void {
    this.counters.messagesIn++;
    const s = session(conn);
    const allowed = s.limiter.take(this.now());
    if (!allowed.ok) {
      this.error(conn, ErrorCode.RateLimited, 'too many messages', 0, '', allowed.retryAfterMs);
      return;
    }
    if (data.length > this.limits.maxMessageBytes) {
      this.error(conn, ErrorCode.MessageTooLarge, `message of ${data.length} bytes exceeds ${this.limits.maxMessageBytes}`);
      return;
    }
    const decoded = decodeClientMessage(data, isBinary);
    if (!decoded.ok) {
      this.error(conn, ErrorCode.BadMessage, decoded.reason);
      return;
    }
    const m = decoded.message;
    switch (m.msg) {
      case 'subscribe':
        this.subscribe(conn, s, m.subscribe!);
        break;
      case 'unsubscribe':
        this.unsubscribe(conn, s, m.unsubscribe!);
        break;
      case 'listSubscriptions':
        this.send(conn, {
          subscriptions: {
            requestId: m.listSubscriptions!.requestId ?? 0,
            subscriptions: [...s.subs.values()].map((t) => ({ channel: t.spec.name, conflateMs: t.rate, seq: t.seq })),
          },
        });
        break;
      case 'ping':
        this.send(conn, {
          pong: { requestId: m.ping!.requestId ?? 0, clientTimeMs: m.ping!.clientTimeMs ?? 0, serverTimeMs: this.now() },
        });
        break;
    }
  }

  private subscribe(conn: Connection, s: ClientSession, req: hashcap.v1.ISubscribe): void {
    const requestId = req.requestId ?? 0;
    const rate = Number(req.conflateMs ?? 0);
    const channels = [...new Set(req.channels ?? [])];
    const resume = new Map((req.resume ?? []).map((r) => [r.channel ?? '', r]));
    for (const name of resume.keys()) {
      if (!channels.includes(name)) this.error(conn, ErrorCode.BadResume, 'resume point for a channel not subscribed in this request', requestId, name);
    }
    if (!isRate(rate)) {
      for (const name of channels) this.error(conn, ErrorCode.BadRate, `conflate_ms ${rate} is not 0, 100 or 1000`, requestId, name);
      return;
    }
    for (const name of channels) {
      const parsed = parseChannel(name, this.feed);
      if (!parsed.ok) {
        const code = parsed.reason === 'unknown' ? ErrorCode.UnknownChannel : ErrorCode.BadChannel;
        this.error(conn, code, parsed.message, requestId, String(name));
        continue;
      }
      const topic = this.feed.topic(parsed.spec, rate);
      if (!s.subs.has(topic.key) && s.subs.size >= this.limits.maxSubscriptions) {
        this.error(conn, ErrorCode.TooManySubscriptions, `at most ${this.limits.maxSubscriptions} subscriptions per connection`, requestId, name);
        continue;
      }
      this.attach(conn, s, topic, requestId, resume.get(name));
    }
  }

  /** Ack, then the snapshot or the replayed history, then live frames: all in one turn of the loop. */
  private attach(conn: Connection, s: ClientSession, topic: Topic, requestId: number, resume?: hashcap.v1.IResumePoint): void {
    // Frames still queued belong to the state the snapshot carries; they must leave first.
    this.feed.flushFrames();
    const now = this.now();
    const ack: hashcap.v1.IAck = { requestId, channel: topic.spec.name, conflateMs: topic.rate, epoch: topic.epoch };
    if (resume) {
      const frames = topic.framesSince(Number(resume.epoch ?? 0), Number(resume.lastSeq ?? 0));
      if (frames) {
        this.send(conn, { ack: { ...ack, resumed: true, replayed: frames.length } });
        for (const frame of frames) this.sendFrame(conn, frame);
      } else {
        this.send(conn, { ack: { ...ack, resumed: false } });
        this.sendFrame(conn, topic.unrecoveredSnapshot(now));
      }
    } else {
      this.send(conn, { ack });
      this.sendFrame(conn, topic.snapshot(now));
    }
    if (!s.subs.has(topic.key)) {
      s.subs.set(topic.key, topic);
      this.counters.subscriptions++;
    }
    conn.subscribe(this.transportTopic(conn, topic));
  }

  private unsubscribe(conn: Connection, s: ClientSession, req: hashcap.v1.IUnsubscribe): void {
    const requestId = req.requestId ?? 0;
    const rate = Number(req.conflateMs ?? 0);
    for (const name of new Set(req.channels ?? [])) {
      const parsed = parseChannel(name, this.feed);
      const topic = parsed.ok && isRate(rate) ? s.subs.get(this.feed.topic(parsed.spec, rate).key) : undefined;
      if (!topic) {
        this.error(conn, ErrorCode.NotSubscribed, `not subscribed to ${name} at ${rate} ms`, requestId, String(name));
        continue;
      }
      this.detach(conn, s, topic);
      this.send(conn, { ack: { requestId, channel: name, conflateMs: rate, epoch: topic.epoch, unsubscribed: true } });
    }
  }

  private detach(conn: Connection, s: ClientSession, topic: Topic): void {
    conn.unsubscribe(this.transportTopic(conn, topic));
    if (s.subs.delete(topic.key)) this.counters.subscriptions--;
  }

  // ------------------------------------------------------------------------------ slow consumers

  private degrade(conn: Connection, s: ClientSession): void {
    s.slow = SlowLevel.Degraded;
    s.progressBytes = conn.bufferedAmount();
    s.progressAtMs = this.now();
    this.counters.slowDegraded++;
    this.send(conn, {
      notice: {
        kind: 'slow_consumer_degraded',
        message: `raw subscriptions moved to ${DEGRADED_RATE} ms conflation`,
        conflateMs: DEGRADED_RATE,
      },
    });
    for (const topic of [...s.subs.values()]) {
      if (topic.rate !== 0) continue;
      this.detach(conn, s, topic);
      this.attach(conn, s, this.feed.topic(topic.spec, DEGRADED_RATE), 0);
    }
  }

  /**
   * After degrading, a reading client's backlog shrinks (or empties). One that does not shrink for the
   * grace period is not reading: the kernel's socket buffers may have taken some bytes, so the level
   * alone says little, but a backlog that stopped moving does.
   */
  private stalled(s: ClientSession, buffered: number): boolean {
    if (s.slow !== SlowLevel.Degraded) return false;
    const now = this.now();
    if (buffered < s.progressBytes || buffered === 0) {
      s.progressBytes = buffered;
      s.progressAtMs = now;
      return false;
    }
    return now - s.progressAtMs >= this.limits.slowGraceMs;
  }

  private closeSlow(conn: Connection, s: ClientSession): void {
    s.slow = SlowLevel.Closing;
    this.counters.slowClosed++;
    const token = Buffer.from(
      JSON.stringify({
        epoch: this.feed.epoch,
        subscriptions: [...s.subs.values()].map((t) => ({ channel: t.spec.name, conflateMs: t.rate, seq: t.seq })),
      }),
    ).toString('base64url');
    this.send(conn, {
      notice: { kind: 'closing', message: 'slow consumer: send buffer over limit', code: CloseCode.SlowConsumer, resumeToken: token },
    });
    for (const topic of [...s.subs.values()]) this.detach(conn, s, topic);
    conn.close(CloseCode.SlowConsumer, 'slow consumer');
  }

  // ------------------------------------------------------------------------------ sending

  private transportTopic(conn: Connection, topic: Topic): string {
    return conn.format === 'json' ? jsonTopic(topic.key) : topic.key;
  }

  private sendFrame(conn: Connection, frame: EncodedFrame): void {
    conn.send(conn.format === 'json' ? frameJson(frame) : frame.proto);
  }

  private send(conn: Connection, message: hashcap.v1.IServerMessage): void {
    conn.send(encodeServerMessage(message, conn.format));
  }

  private error(conn: Connection, code: ErrorCode, message: string, requestId = 0, channel = '', retryAfterMs = 0): void {
    this.counters.errors.set(code, (this.counters.errors.get(code) ?? 0) + 1);
    this.send(conn, { error: { code, message, requestId, channel, retryAfterMs } });
  }
}

function session(conn: Connection): ClientSession {
  return conn.user as ClientSession;
}
