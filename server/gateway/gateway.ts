/**
 * The subscriber side of /v1/stream: one ClientSession per connection, subscribe/unsubscribe/list/ping,
 * typed errors per channel, snapshot-then-deltas or resume from history, limits, and the slow-consumer
 * ladder: warn → degrade raw subscriptions to 1000 ms conflation → condemn (over the close limit, when
 * the backlog stops shrinking for a while after degrading, or when the transport could not deliver a
 * frame). Every notice is queued behind the backlog of its moment, so a client that keeps reading gets
 * it. A condemned connection leaves every topic and gets a `closing` notice with a resume token, then
 * nothing else; the close frame (4000) follows as soon as its queue has drained, and a connection still
 * not drained after `closeGraceMs` is dropped hard. Its memory stays bounded meanwhile: nothing new is
 * queued for it.
 *
 * Limits (server/limits/): admission by address at the upgrade (connections open and new ones per second
 * from one address, new ones per second overall), per connection (message size and rate, subscriptions),
 * and per server: the bytes waiting in every send queue together. Over that cap the largest queues are
 * condemned first, and new connections and subscribes are refused with 2007 until it is back under.
 */
import type { hashcap } from '../../proto/wire.ts';
import { isRate, parseChannel, topicKey, type ChannelSpec, type Rate } from '../feed/channels.ts';
import { frameJson, jsonTopic, type EncodedFrame } from '../feed/topic.ts';
import { TopicUnavailable, type FeedTopic as Topic, type FrameSource } from '../feed/source.ts';
import type { Connection, UpgradeDecision, WebSocketHandlers } from '../transport/types.ts';
import { CloseCode, ErrorCode } from '../../proto/codes.ts';
import { decodeClientMessage, encodeServerMessage } from './client-codec.ts';
import { TokenBucket } from './rate-limiter.ts';
import { isSubscriberGrant, type SubscriberAccess, type SubscriberGrant } from '../auth/subscriber-auth.ts';
import { AddressLimiter, type AddressLimits } from '../limits/address-limiter.ts';
import { LimitCounters, type LimitName } from '../limits/limit-names.ts';
import { DEFAULT_CONFIGURED_LIMITS } from '../limits/limit-options.ts';

export interface GatewayLimits extends AddressLimits {
  readonly maxMessageBytes: number;
  readonly maxSubscriptions: number;
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly slowWarnBytes: number;
  readonly slowDegradeBytes: number;
  readonly slowCloseBytes: number;
  /** A degraded connection whose backlog has not shrunk for this long is closed: it is not reading. */
  readonly slowGraceMs: number;
  /** How long a condemned connection may take to drain its queue before its socket is closed hard. */
  readonly closeGraceMs: number;
  /** Bytes in all send queues together past which the largest are shed; 0 = no cap. */
  readonly maxQueuedBytes: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxMessageBytes: DEFAULT_CONFIGURED_LIMITS.maxMessageBytes,
  maxSubscriptions: DEFAULT_CONFIGURED_LIMITS.maxSubscriptions,
  messagesPerSecond: DEFAULT_CONFIGURED_LIMITS.clientMessagesPerSecond,
  messageBurst: 2 * DEFAULT_CONFIGURED_LIMITS.clientMessagesPerSecond,
  maxConnectionsPerAddress: DEFAULT_CONFIGURED_LIMITS.maxConnectionsPerAddress,
  connectsPerSecondPerAddress: DEFAULT_CONFIGURED_LIMITS.connectsPerSecondPerAddress,
  connectsPerSecond: DEFAULT_CONFIGURED_LIMITS.connectsPerSecond,
  maxQueuedBytes: DEFAULT_CONFIGURED_LIMITS.maxQueuedBytes,
  slowWarnBytes: 256 * 1024,
  slowDegradeBytes: 1024 * 1024,
  slowCloseBytes: 4 * 1024 * 1024,
  slowGraceMs: 5_000,
  closeGraceMs: 30_000,
};

const DEGRADED_RATE: Rate = 1000;
/** While the queues are over their cap, how long a refused connection or subscribe is told to wait. */
const BUSY_RETRY_MS = 1000;
/** A client that sends this many messages past its rate limit without a pause is closed with 4029. */
const REFUSALS_BEFORE_CLOSE = 100;

const SlowLevel = { Healthy: 0, Warned: 1, Degraded: 2, Closing: 3 } as const;
type SlowLevel = (typeof SlowLevel)[keyof typeof SlowLevel];

interface ClientSession {
  readonly limiter: TokenBucket;
  readonly subs: Map<string, Topic>;
  slow: SlowLevel;
  /** While degraded: the smallest backlog seen, and when it last shrank (or emptied). */
  progressBytes: number;
  progressAtMs: number;
  /** When it was condemned (SlowLevel.Closing): its drain grace runs from here. */
  closingAtMs: number;
  /**
   * While a subscribe waits for a topic to load (a gateway's first subscriber), the connection's later
   * messages wait behind it: answers keep the order of the requests.
   */
  busy: Promise<void> | null;
  /** What the connection's token grants (`--auth required`); null: every channel. */
  readonly grant: SubscriberGrant | null;
  /** Cancels the token's expiry notice and close. */
  stopExpiry: (() => void) | null;
  /** Messages refused for rate in a row; a client that ignores retryAfterMs that long is closed. */
  refusedInARow: number;
}

/** One step of the ladder, as the server logs it (the gap run reports the lines around a gap). */
export interface LadderEvent {
  readonly atMs: number;
  readonly connection: number;
  readonly action: 'warn' | 'degrade' | 'condemn' | 'overflow' | 'closed' | 'terminated';
  readonly bufferedBytes: number;
}

export interface GatewayCounters {
  connections: number;
  subscriptions: number;
  messagesIn: number;
  readonly errors: Map<number, number>;
  slowWarned: number;
  slowDegraded: number;
  /** Condemned: closing notice sent. */
  slowClosed: number;
  /** Condemned because the transport could not deliver a frame (past its hard limit). */
  slowOverflowed: number;
  /** Condemned ones that drained within the grace and got their close frame. */
  slowClosedClean: number;
  /** Condemned ones still not drained after the grace: socket closed hard. */
  slowTerminated: number;
  /** Bytes waiting in every send queue together, at the last ladder check. */
  queuedBytes: number;
  /** Refusals by limit (/metrics: hashcap_limit_refusals_total). */
  readonly limits: LimitCounters;
}

export class Gateway {
  readonly counters: GatewayCounters;
  private readonly connections: Set<Connection>;
  private readonly addresses: AddressLimiter;
  /** Over maxQueuedBytes at the last check: new connections and subscribes wait. */
  private overloaded = false;

  constructor(
    private readonly feed: FrameSource,
    private readonly limits: GatewayLimits,
    private readonly now: () => number,
    /** Hears every ladder step (the server logs them; a gap report shows them). */
    private readonly onLadder: (event: LadderEvent) => void = () => {},
    /** Subscriber tokens (server/auth): who may connect, which channels each may read, until when. */
    private readonly access: SubscriberAccess | null = null,
  ) {
    this.counters = {
      connections: 0,
      subscriptions: 0,
      messagesIn: 0,
      errors: new Map(),
      slowWarned: 0,
      slowDegraded: 0,
      slowClosed: 0,
      slowOverflowed: 0,
      slowClosedClean: 0,
      slowTerminated: 0,
      queuedBytes: 0,
      limits: new LimitCounters(),
    };
    this.connections = new Set();
    this.addresses = new AddressLimiter(limits, now());
  }

  /** The ladder's actions so far, as /metrics labels them. */
  slowConsumerActions(): { warned: number; degraded: number; closed: number; overflowed: number; closedClean: number; terminated: number } {
    const c = this.counters;
    return {
      warned: c.slowWarned,
      degraded: c.slowDegraded,
      closed: c.slowClosed,
      overflowed: c.slowOverflowed,
      closedClean: c.slowClosedClean,
      terminated: c.slowTerminated,
    };
  }

  handlers(): WebSocketHandlers {
    const access = this.access;
    return {
      // Cheap refusals (limits per address, load shedding) before a token's signature is checked.
      authorize: (req) => {
        const admitted = this.admit(req.remoteAddress);
        return admitted.ok && access?.required === true ? access.authorize(req) : admitted;
      },
      open: (conn) => {
        // The transport put the verified token's grant here; the session takes its place.
        const grant = isSubscriberGrant(conn.user) ? conn.user : null;
        const withinLimit = this.addresses.opened(conn.remoteAddress, this.now());
        const s: ClientSession = {
          limiter: new TokenBucket(this.limits.messageBurst, this.limits.messagesPerSecond, this.now()),
          subs: new Map(),
          slow: SlowLevel.Healthy,
          progressBytes: 0,
          progressAtMs: 0,
          closingAtMs: 0,
          busy: null,
          grant,
          stopExpiry: null,
          refusedInARow: 0,
        };
        conn.user = s;
        if (grant !== null && access !== null) s.stopExpiry = access.watchExpiry(grant, () => this.tokenExpiring(conn, grant), () => this.tokenExpired(conn));
        this.connections.add(conn);
        this.counters.connections++;
        // Two upgrades from one address can pass admission together (ws completes handshakes later).
        if (!withinLimit) this.refuseOpen(conn, 'connections_per_address', ErrorCode.TooManyConnections, 'too many connections from this address');
      },
      message: (conn, data, isBinary) => this.onMessage(conn, data, isBinary),
      overflow: (conn) => this.overflowed(conn, session(conn)),
      close: (conn) => {
        if (!this.connections.delete(conn)) return;
        session(conn).stopExpiry?.();
        this.addresses.closed(conn.remoteAddress);
        this.counters.connections--;
        this.counters.subscriptions -= session(conn).subs.size;
      },
    };
  }

  /**
   * Admission at the upgrade, before any websocket exists: over a limit, an HTTP refusal carrying the
   * error code and retryAfterMs (the body is the Error as JSON; `Retry-After` in whole seconds).
   */
  private admit(address: string): UpgradeDecision {
    if (this.overloaded) {
      this.counters.limits.refused('queued_bytes');
      return refusal(503, ErrorCode.ServerBusy, 'the server is shedding load: its send queues are over their cap', BUSY_RETRY_MS);
    }
    const admission = this.addresses.admit(address, this.now());
    if (admission.ok) return admission;
    this.counters.limits.refused(admission.limit);
    const code = admission.limit === 'connections_per_address' ? ErrorCode.TooManyConnections : ErrorCode.ConnectRateLimited;
    return refusal(429, code, admission.message, admission.retryAfterMs);
  }

  /** Closes a connection that got past the upgrade over a limit: the error first, then 4029. */
  private refuseOpen(conn: Connection, limit: LimitName, code: ErrorCode, message: string): void {
    this.counters.limits.refused(limit);
    this.error(conn, code, message, 0, '', limit === 'connections_per_address' ? 5_000 : 0);
    conn.close(CloseCode.LimitExceeded, message);
  }

  /** Walks every connection's send buffer and moves it along the slow-consumer ladder. */
  checkSlowConsumers(): void {
    let queued = 0;
    let live = 0;
    for (const conn of this.connections) {
      const s = session(conn);
      const buffered = conn.bufferedAmount();
      queued += buffered;
      // A condemned queue is already on its way out (drained or dropped within closeGraceMs).
      if (s.slow !== SlowLevel.Closing) live += buffered;
      if (s.slow === SlowLevel.Closing) this.finishClosing(conn, s, buffered);
      else if (conn.closed) continue;
      else if (conn.overflowed) this.overflowed(conn, s); // found past the hard limit just now
      else if (buffered >= this.limits.slowCloseBytes) this.condemn(conn, s, 'send buffer over limit', true);
      else if (this.stalled(s, buffered)) this.condemn(conn, s, 'send buffer not shrinking after degrading', true);
      else if (buffered >= this.limits.slowDegradeBytes && s.slow < SlowLevel.Degraded) this.degrade(conn, s, buffered);
      else if (buffered >= this.limits.slowWarnBytes && s.slow < SlowLevel.Warned) this.warn(conn, s, buffered);
    }
    this.counters.queuedBytes = queued;
    const cap = this.limits.maxQueuedBytes;
    this.overloaded = cap > 0 && live > cap;
    if (this.overloaded) this.shedLargestQueues(live - cap);
  }

  /**
   * Over the server's cap on queued bytes: the largest queues are condemned first (they are the slowest
   * readers, and one condemned frees the most), until what they hold covers the excess. Each gets the
   * slow-consumer `closing` notice with its resume token, like any other slow consumer.
   */
  private shedLargestQueues(excess: number): void {
    const candidates: { conn: Connection; buffered: number }[] = [];
    for (const conn of this.connections) {
      if (conn.closed || session(conn).slow === SlowLevel.Closing) continue;
      const buffered = conn.bufferedAmount();
      if (buffered > 0) candidates.push({ conn, buffered });
    }
    candidates.sort((a, b) => b.buffered - a.buffered);
    let freed = 0;
    for (const { conn, buffered } of candidates) {
      if (freed >= excess) break;
      this.counters.limits.refused('queued_bytes');
      this.condemn(conn, session(conn), 'the server\'s send queues are over their total cap', true);
      freed += buffered;
    }
  }

  /** Tells every subscriber a restart is planned, so it can reconnect before the deadline. */
  adviseReconnect(deadlineMs: number, message: string): void {
    this.noticeAll({ kind: 'reconnect_advice', message, deadlineMs });
  }

  /** One notice to every connection (a gateway's feed going stale and coming back). */
  noticeAll(notice: hashcap.v1.INotice): void {
    for (const conn of this.connections) this.send(conn, { notice });
  }

  // ------------------------------------------------------------------------------ messages

  private onMessage(conn: Connection, data: Uint8Array, isBinary: boolean): void {
    this.counters.messagesIn++;
    const s = session(conn);
    if (s.slow === SlowLevel.Closing) return; // condemned: it gets nothing new, answers included
    const allowed = s.limiter.take(this.now());
    if (!allowed.ok) {
      if (++s.refusedInARow >= REFUSALS_BEFORE_CLOSE) {
        this.refuseOpen(conn, 'client_messages_per_second', ErrorCode.RateLimited, `still sending after ${REFUSALS_BEFORE_CLOSE} messages refused for rate`);
        return;
      }
      this.counters.limits.refused('client_messages_per_second');
      this.error(conn, ErrorCode.RateLimited, 'too many messages', 0, '', allowed.retryAfterMs);
      return;
    }
    s.refusedInARow = 0;
    if (data.length > this.limits.maxMessageBytes) {
      this.counters.limits.refused('message_bytes');
      this.error(conn, ErrorCode.MessageTooLarge, `message of ${data.length} bytes exceeds ${this.limits.maxMessageBytes}`);
      return;
    }
    const decoded = decodeClientMessage(data, isBinary);
    if (!decoded.ok) {
      this.error(conn, ErrorCode.BadMessage, decoded.reason);
      return;
    }
    const m = decoded.message;
    if (s.busy !== null) {
      this.track(s, s.busy.then(() => this.handle(conn, s, m)));
      return;
    }
    const pending = this.handle(conn, s, m);
    if (pending !== undefined) this.track(s, pending);
  }

  private track(s: ClientSession, pending: Promise<void>): void {
    const settled = pending.catch(() => {});
    s.busy = settled;
    void settled.then(() => {
      if (s.busy === settled) s.busy = null;
    });
  }

  private handle(conn: Connection, s: ClientSession, m: hashcap.v1.ClientMessage): Promise<void> | undefined {
    if (conn.closed || s.slow === SlowLevel.Closing) return undefined;
    switch (m.msg) {
      case 'subscribe':
        return this.subscribe(conn, s, m.subscribe!);
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
    return undefined;
  }

  private subscribe(conn: Connection, s: ClientSession, req: hashcap.v1.ISubscribe): Promise<void> | undefined {
    const requestId = req.requestId ?? 0;
    const rate = Number(req.conflateMs ?? 0);
    const channels = [...new Set(req.channels ?? [])];
    const resume = new Map((req.resume ?? []).map((r) => [r.channel ?? '', r]));
    if (channels.length === 0) {
      // Every request is answered: a subscribe to nothing would otherwise get silence.
      this.error(conn, ErrorCode.BadMessage, 'subscribe names no channel', requestId);
      return undefined;
    }
    for (const name of resume.keys()) {
      if (!channels.includes(name)) this.error(conn, ErrorCode.BadResume, 'resume point for a channel not subscribed in this request', requestId, name);
    }
    if (!isRate(rate)) {
      for (const name of channels) this.error(conn, ErrorCode.BadRate, `conflate_ms ${rate} is not 0, 100 or 1000`, requestId, name);
      return undefined;
    }
    // Channel by channel, in order; one whose topic must load first holds the rest behind it.
    const from = (i: number): Promise<void> | undefined => {
      for (; i < channels.length; i++) {
        const pending = this.subscribeOne(conn, s, channels[i]!, rate, requestId, resume.get(channels[i]!));
        if (pending !== undefined) {
          const next = i + 1;
          return pending.then(() => from(next));
        }
      }
      return undefined;
    };
    return from(0);
  }

  private subscribeOne(
    conn: Connection,
    s: ClientSession,
    name: string,
    rate: Rate,
    requestId: number,
    resume: hashcap.v1.IResumePoint | undefined,
  ): Promise<void> | undefined {
    const parsed = parseChannel(name, this.feed);
    if (!parsed.ok) {
      const code = parsed.reason === 'unknown' ? ErrorCode.UnknownChannel : ErrorCode.BadChannel;
      this.error(conn, code, parsed.message, requestId, String(name));
      return undefined;
    }
    if (s.grant !== null && !s.grant.channels.allows(parsed.spec.name)) {
      this.error(conn, ErrorCode.ChannelNotPermitted, `the token does not grant ${parsed.spec.name}`, requestId, parsed.spec.name);
      return undefined;
    }
    const attach = (topic: Topic): void => {
      if (!s.subs.has(topic.key) && this.overloaded) {
        this.counters.limits.refused('queued_bytes');
        this.error(conn, ErrorCode.ServerBusy, 'the server is shedding load: its send queues are over their cap', requestId, name, BUSY_RETRY_MS);
        return;
      }
      if (!s.subs.has(topic.key) && s.subs.size >= this.limits.maxSubscriptions) {
        this.counters.limits.refused('subscriptions_per_connection');
        this.error(conn, ErrorCode.TooManySubscriptions, `at most ${this.limits.maxSubscriptions} subscriptions per connection`, requestId, name);
        return;
      }
      this.attach(conn, s, topic, requestId, resume);
    };
    const topic = this.feed.topic(parsed.spec, rate);
    if (!(topic instanceof Promise)) {
      attach(topic);
      return undefined;
    }
    return topic.then(
      (loaded) => {
        if (!conn.closed && s.slow !== SlowLevel.Closing) attach(loaded);
      },
      (err: unknown) => this.unavailable(conn, err, requestId, name),
    );
  }

  private unavailable(conn: Connection, err: unknown, requestId: number, channel: string): void {
    if (conn.closed) return;
    const retryAfterMs = err instanceof TopicUnavailable ? err.retryAfterMs : 1000;
    this.error(conn, ErrorCode.Unavailable, err instanceof Error ? err.message : String(err), requestId, channel, retryAfterMs);
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
    if ((req.channels ?? []).length === 0) {
      this.error(conn, ErrorCode.BadMessage, 'unsubscribe names no channel', requestId);
      return;
    }
    for (const name of new Set(req.channels ?? [])) {
      const parsed = parseChannel(name, this.feed);
      const topic = parsed.ok && isRate(rate) ? s.subs.get(topicKey(parsed.spec.name, rate)) : undefined;
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

  // ------------------------------------------------------------------------------ token expiry

  /** Some seconds before: time to fetch a fresh token and reconnect (the SDK does), resuming where it was. */
  private tokenExpiring(conn: Connection, grant: SubscriberGrant): void {
    if (conn.closed) return;
    this.send(conn, {
      notice: { kind: 'token_expiring', message: 'token expires: reconnect with a fresh one', deadlineMs: grant.expiresAtMs, code: CloseCode.TokenExpired },
    });
  }

  private tokenExpired(conn: Connection): void {
    if (!conn.closed) conn.close(CloseCode.TokenExpired, 'token expired');
  }

  // ------------------------------------------------------------------------------ slow consumers

  /** A queue can pass several levels between two checks: a client is still owed every step below. */
  private warn(conn: Connection, s: ClientSession, buffered: number): void {
    s.slow = SlowLevel.Warned;
    this.counters.slowWarned++;
    this.ladder(conn, 'warn', buffered);
    this.send(conn, { notice: { kind: 'slow_consumer_warn', message: `${buffered} bytes waiting to be sent` } });
  }

  private degrade(conn: Connection, s: ClientSession, buffered: number): void {
    if (s.slow < SlowLevel.Warned) this.warn(conn, s, buffered);
    s.slow = SlowLevel.Degraded;
    s.progressBytes = buffered;
    s.progressAtMs = this.now();
    this.counters.slowDegraded++;
    this.ladder(conn, 'degrade', buffered);
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
      this.attachDegraded(conn, s, topic.spec);
    }
  }

  private attachDegraded(conn: Connection, s: ClientSession, spec: ChannelSpec): void {
    const slower = this.feed.topic(spec, DEGRADED_RATE);
    if (!(slower instanceof Promise)) {
      this.attach(conn, s, slower, 0);
      return;
    }
    slower.then(
      (loaded) => {
        if (!conn.closed && s.slow === SlowLevel.Degraded) this.attach(conn, s, loaded, 0);
      },
      (err: unknown) => this.unavailable(conn, err, 0, spec.name),
    );
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

  /**
   * The last step: the `closing` notice with a resume token goes out behind everything already queued,
   * the connection leaves every topic, and from here on nothing else is sent to it. The token holds
   * each subscription's seq when every frame up to it was handed to this connection (`positionsKnown`:
   * the queued frames are flushed first). After a transport overflow the connection stopped at a frame
   * the gateway cannot name, so the token then holds no seq: the client resumes from the last seq it
   * received, which the history replays from.
   */
  private condemn(conn: Connection, s: ClientSession, why: string, positionsKnown: boolean): void {
    // Condemned by the ladder (not by a transport overflow, which says why itself): owed the warning first.
    if (positionsKnown && s.slow < SlowLevel.Warned) this.warn(conn, s, conn.bufferedAmount());
    if (positionsKnown) this.feed.flushFrames();
    // The flush itself may have found it past the hard limit (and cut it off at some frame).
    if (conn.overflowed) {
      if (positionsKnown) this.counters.slowOverflowed++;
      positionsKnown = false;
    }
    const buffered = conn.bufferedAmount();
    s.slow = SlowLevel.Closing;
    s.closingAtMs = this.now();
    this.counters.slowClosed++;
    this.ladder(conn, 'condemn', buffered);
    const token = Buffer.from(
      JSON.stringify({
        epoch: this.feed.epoch,
        subscriptions: [...s.subs.values()].map((t) =>
          positionsKnown ? { channel: t.spec.name, conflateMs: t.rate, seq: t.seq } : { channel: t.spec.name, conflateMs: t.rate },
        ),
      }),
    ).toString('base64url');
    for (const topic of [...s.subs.values()]) this.detach(conn, s, topic);
    conn.send(
      encodeServerMessage(
        { notice: { kind: 'closing', message: `slow consumer: ${why}`, code: CloseCode.SlowConsumer, resumeToken: token } },
        conn.format,
      ),
    );
    this.finishClosing(conn, s, conn.bufferedAmount());
  }

  /** Close frame once the queue has drained (so it arrives after the notice and the data before it); hard close after the grace. */
  private finishClosing(conn: Connection, s: ClientSession, buffered: number): void {
    if (conn.closed) return;
    if (buffered === 0) {
      this.counters.slowClosedClean++;
      this.ladder(conn, 'closed', 0);
      conn.close(CloseCode.SlowConsumer, 'slow consumer');
    } else if (this.now() - s.closingAtMs >= this.limits.closeGraceMs) {
      this.counters.slowTerminated++;
      this.ladder(conn, 'terminated', buffered);
      conn.terminate();
    }
  }

  private overflowed(conn: Connection, s: ClientSession): void {
    if (s.slow === SlowLevel.Closing) return;
    this.counters.slowOverflowed++;
    this.ladder(conn, 'overflow', conn.bufferedAmount());
    this.condemn(conn, s, 'send buffer over the hard limit', false);
  }

  private ladder(conn: Connection, action: LadderEvent['action'], bufferedBytes: number): void {
    this.onLadder({ atMs: this.now(), connection: conn.id, action, bufferedBytes });
  }

  // ------------------------------------------------------------------------------ sending

  private transportTopic(conn: Connection, topic: Topic): string {
    return conn.format === 'json' ? jsonTopic(topic.key) : topic.key;
  }

  private sendFrame(conn: Connection, frame: EncodedFrame): void {
    conn.send(conn.format === 'json' ? frameJson(frame) : frame.proto);
  }

  private send(conn: Connection, message: hashcap.v1.IServerMessage): void {
    if (session(conn).slow === SlowLevel.Closing) return;
    conn.send(encodeServerMessage(message, conn.format));
  }

  private error(conn: Connection, code: ErrorCode, message: string, requestId = 0, channel = '', retryAfterMs = 0): void {
    this.counters.errors.set(code, (this.counters.errors.get(code) ?? 0) + 1);
    this.send(conn, { error: { code, message, requestId, channel, retryAfterMs } });
  }
}

function refusal(status: number, code: ErrorCode, message: string, retryAfterMs: number): UpgradeDecision {
  return { ok: false, status, message, code, retryAfterMs };
}

function session(conn: Connection): ClientSession {
  return conn.user as ClientSession;
}
