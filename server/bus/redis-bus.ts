/**
 * The bus on Redis (ioredis): one aggregator publishes, any number of gateways subscribe. A single
 * redis-server uses PUBLISH/SUBSCRIBE; a Redis Cluster uses sharded pub/sub (SPUBLISH/SSUBSCRIBE), with
 * every key of a topic hash-tagged into one slot (server/bus/redis-wire.ts has the keys and the header).
 *
 * - Two connections: commands (publish, putBase, load) and, created at the first subscribe, the
 *   subscriber (in subscriber mode it can do nothing else). An aggregator that only publishes never
 *   opens the second. A burst of frames goes out in one write: the bus batches a turn's frames itself
 *   (below). On a single server the writes (publish script, base) bypass ioredis's auto-pipelining:
 *   it sends a batch from setImmediate and keeps one batch in flight per connection, so a turn's
 *   frames waited for the previous call's reply (a round trip, plus the wake-up of this process once
 *   it came) before they were even sent; sent at once, Redis reads them as soon as it runs. Writes
 *   stay in call order (one path). Reads (load) and a cluster's per-topic calls stay auto-pipelined:
 *   there the grouping per node is what keeps a turn to one write per master.
 * - A frame is appended to the topic's history and published by one Lua script, so it is never live
 *   without being in history, and the order on the wire is the order of publish() (one connection per
 *   node; ioredis sends the script body on a socket's first use, so a restarted Redis never answers
 *   NOSCRIPT and a retry never overtakes a later frame).
 * - Frames published in one turn of the event loop go in one script call at the end of it (a microtask:
 *   no added latency), one pub/sub message per topic: ioredis spends ~15 µs of CPU per command here, so
 *   a call per frame capped the bus at ~40,000 frames/s. On a cluster a script may touch one slot only,
 *   so there it is one call per topic.
 * - Redis trouble is a state, not an exception: a PING probe every `healthCheckMs` on every connection
 *   (every master on a cluster) reports 'down' when one is not ready or does not answer in time (a
 *   SIGSTOPped server keeps its sockets open; only a missing answer shows it), and 'up' when all answer.
 *   While down, publish() and putBase() count and drop (memory stays flat; the feed keeps its own state
 *   and history, and after 'up' the aggregator puts fresh bases: Redis may have restarted empty).
 *   ioredis reconnects with backoff and restores subscriptions (autoResubscribe; on a cluster, the
 *   sharded subscriber group resubscribes per master).
 * - Fencing (several aggregators, one lease: server/durability/lease.ts): with `setFence(token)`, the
 *   scripts write a topic only if no higher lease token has written it, and raise its fence to theirs;
 *   a paused old leader that wakes up after a takeover writes nothing. A standby (`setFence(null)`)
 *   writes nothing at all.
 */

import { Cluster, Redis, type ClusterNode } from 'ioredis';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { DEFAULT_HISTORY_LENGTH, closedError, startOf } from './memory-bus.ts';
import { decodeFrame, encodeFrame, forEachFrame, topicKeys, type TopicKeys } from './redis-wire.ts';
import { checkTopic } from './topic-name.ts';
import { FrameKind, type Bus, type BusFrame, type BusState, type BusStats, type TopicStart } from './types.ts';
import { logger } from '../log.ts';

export interface RedisBusOptions {
  /** A single server: a redis:// or rediss:// URL. Exactly one of url and cluster. */
  readonly url?: string;
  /** A Redis Cluster: some of its nodes (the rest are discovered). */
  readonly cluster?: readonly ClusterNode[];
  /** Key and channel prefix, inside the hash tag: `{prefix:topic}`. Default 'hashcap'. */
  readonly prefix?: string;
  /** Deltas and keyframes kept per topic (XADD MAXLEN ~: at least this many, at most ~100 more). Default DEFAULT_HISTORY_LENGTH. */
  readonly historyLength?: number;
  /** Publishes sent and not yet answered beyond which publish() drops (a stall must not grow memory). Default 50,000. */
  readonly maxPending?: number;
  /** How often the connections are probed; a probe unanswered this long means 'down'. Default 1000 ms. */
  readonly healthCheckMs?: number;
  /** A command unanswered this long is failed (load() rejects; a publish counts as dropped). Default 5000 ms. */
  readonly commandTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** The scripts, defined on the command connection with defineCommand (the Buffer variant keeps replies binary). */
interface ScriptCommands {
  /** Single server: (number of keys, ...keys, ...args); cluster: (...two keys, ...args). */
  hashcapPublish(...keysAndArgs: (string | number | Buffer)[]): Promise<number>;
  hashcapPutBase(base: string, fence: string, token: number, frame: Buffer): Promise<number>;
  hashcapLoadBuffer(history: string, base: string): Promise<(Buffer | null)[]>;
}

/** Single server: the write commands sent at once, in call order, not through ioredis's auto-pipeline (see above). */
const DIRECT_WRITES = ['hashcapPublish', 'hashcapPutBase', 'set'] as const;

/** Frames per script call at most: a call runs alone on Redis, so it stays short (~1.5 µs per frame). */
const MAX_FRAMES_PER_CALL = 512;

// KEYS: history, channel and fence of topic 1, of topic 2, ... ARGV: the lease token (0: not fenced), max
// length, then the frame count of each topic, then the frames, topic by topic. Each delta or keyframe goes
// into its topic's history (byte 2 of a frame is its kind; heartbeats are live only); each topic's frames
// go out in one message. With a token, a topic whose fence holds a higher one is not written (the frames
// are counted and returned: this writer lost its lease), and a lower one is raised to it.
const publishScript = (command: 'PUBLISH' | 'SPUBLISH'): string => `
local token = tonumber(ARGV[1])
local topics = #KEYS / 3
local at = 3 + topics
local fenced = 0
for t = 1, topics do
  local history, channel, fence, last = KEYS[3 * t - 2], KEYS[3 * t - 1], KEYS[3 * t], at + tonumber(ARGV[2 + t]) - 1
  local allowed = true
  if token > 0 then
    local holder = tonumber(redis.call('GET', fence) or '0')
    if holder > token then allowed = false; fenced = fenced + last - at + 1
    elseif holder < token then redis.call('SET', fence, token) end
  end
  if allowed then
    for i = at, last do
      if string.byte(ARGV[i], 2) ~= ${FrameKind.Heartbeat} then redis.call('XADD', history, 'MAXLEN', '~', ARGV[2], '*', 'f', ARGV[i]) end
    end
    redis.call('${command}', channel, table.concat(ARGV, '', at, last))
  end
  at = last + 1
end
return fenced`;

// KEYS: base, fence. ARGV: token, the frame. Returns 1 when fenced (not written), as the publish script.
const PUT_BASE_SCRIPT = `
local token = tonumber(ARGV[1])
local holder = tonumber(redis.call('GET', KEYS[2]) or '0')
if holder > token then return 1 end
if holder < token then redis.call('SET', KEYS[2], token) end
redis.call('SET', KEYS[1], ARGV[2])
return 0`;

// KEYS: history, base. One script, so the base and the history are read at one instant.
const LOAD_SCRIPT = `
local out = { redis.call('GET', KEYS[2]) }
local entries = redis.call('XRANGE', KEYS[1], '-', '+')
for i = 1, #entries do out[i + 1] = entries[i][2][2] end
return out`;

type Client = Redis | Cluster;

interface Subscription {
  readonly topic: string;
  readonly onFrame: (frame: BusFrame) => void;
}

export class RedisBus implements Bus {
  readonly name: 'redis' | 'redis-cluster';
  private readonly prefix: string;
  private readonly historyLength: number;
  private readonly maxPending: number;
  private readonly healthCheckMs: number;
  private readonly log: (line: string) => void;
  private readonly commands: Client;
  private subscriber: Client | null = null;
  private readonly keys = new Map<string, TopicKeys>();
  /** Frames waiting for the end of this turn, by topic, in publish order (a Map keeps insertion order). */
  private readonly batch = new Map<TopicKeys, Buffer[]>();
  private batchFrames = 0;
  private flushScheduled = false;
  /** By channel name, as Redis names it in a message. */
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly listeners: ((state: BusState) => void)[] = [];
  private state: BusState = 'down';
  private readonly timer: NodeJS.Timeout;
  private probeStartedAt = 0;
  private lastTimerAt = Date.now();
  private probing = false;
  private probeGeneration = 0;
  private closed = false;
  private pending = 0;
  private published = 0;
  private dropped = 0;
  private received = 0;
  private downs = 0;
  private subscriberErrors = 0;
  /** 0: writes are not fenced; null: a standby, nothing is written; otherwise the lease token writes carry. */
  private fence: number | null = 0;
  private fencedFrames = 0;
  private readonly fencedListeners: (() => void)[] = [];
  /** The last failure logged, so an outage is one log line, not one per frame. */
  private lastError = '';

  constructor(options: RedisBusOptions) {
    if ((options.url === undefined) === (options.cluster === undefined)) {
      throw new HashcapError(HashcapErrorCode.BUS_CONFIG, 'a Redis bus needs exactly one of url and cluster');
    }
    this.prefix = options.prefix ?? 'hashcap';
    this.historyLength = positiveInteger('historyLength', options.historyLength ?? DEFAULT_HISTORY_LENGTH);
    this.maxPending = positiveInteger('maxPending', options.maxPending ?? 50_000);
    this.healthCheckMs = positiveInteger('healthCheckMs', options.healthCheckMs ?? 1000);
    const commandTimeout = positiveInteger('commandTimeoutMs', options.commandTimeoutMs ?? 5000);
    if (this.prefix.length === 0 || /[{}]/.test(this.prefix)) {
      throw new HashcapError(HashcapErrorCode.BUS_CONFIG, `bus prefix must be non-empty without '{' or '}', got ${JSON.stringify(this.prefix)}`);
    }
    this.log = options.log ?? ((line) => logger().warn(line));

    const redisOptions = {
      enableAutoPipelining: true,
      // load() at start-up waits for the first connection; a command never waits out a long outage.
      maxRetriesPerRequest: 2,
      commandTimeout,
      connectionName: 'hashcap-bus',
    };
    if (options.cluster !== undefined) {
      this.name = 'redis-cluster';
      this.commands = new Cluster([...options.cluster], {
        enableAutoPipelining: true,
        redisOptions,
        // ioredis drops a lost node and waits for MOVED; a master restarting with its slots (no replica to
        // fail over to) must be reconnected instead, with backoff like a single server.
        clusterNodeRetryStrategy: (times) => Math.min(times * 50, 2000),
      });
      // One topic (one slot) per call: ioredis's cluster pipeline refuses a command whose keys span slots,
      // as Redis refuses such a script (allow-cross-slot-keys would need calls made on node connections).
      this.commands.defineCommand('hashcapPublish', { lua: publishScript('SPUBLISH'), numberOfKeys: 3 });
    } else {
      this.name = 'redis';
      this.commands = new Redis(options.url!, { ...redisOptions, autoPipeliningIgnoredCommands: [...DIRECT_WRITES] });
      this.commands.defineCommand('hashcapPublish', { lua: publishScript('PUBLISH') });
    }
    this.commands.defineCommand('hashcapLoad', { lua: LOAD_SCRIPT, numberOfKeys: 2 });
    this.commands.defineCommand('hashcapPutBase', { lua: PUT_BASE_SCRIPT, numberOfKeys: 2 });
    this.watch(this.commands);
    this.timer = setInterval(this.onTimer, this.healthCheckMs);
    this.timer.unref();
  }

  /**
   * Aggregator lease (server/durability/lease.ts): a token makes every publish and base put conditional on
   * no later token having written the topic; null (a standby) writes nothing, silently. Frames batched
   * under the previous token are sent first. Without a call, writes are not fenced.
   */
  setFence(token: number | null): void {
    if (token !== null && !(Number.isSafeInteger(token) && token > 0)) {
      throw new HashcapError(HashcapErrorCode.BUS_CONFIG, `bus fence token must be a positive integer, got ${token}`);
    }
    this.flush();
    this.fence = token;
  }

  /** Redis refused frames or a base for carrying an older token than the topic's fence. */
  onFenced(listener: () => void): void {
    this.fencedListeners.push(listener);
  }

  publish(frame: BusFrame): void {
    if (this.closed || this.fence === null) return;
    this.published += 1;
    const keys = this.keysOf(frame.topic);
    if (this.state !== 'up' || this.pending >= this.maxPending) {
      this.dropped += 1;
      if (this.state === 'up') this.report(`bus: Redis is ${this.maxPending} frames behind; dropping frames until it catches up`);
      return;
    }
    this.pending += 1;
    let frames = this.batch.get(keys);
    if (frames === undefined) {
      frames = [];
      this.batch.set(keys, frames);
    }
    frames.push(encodeFrame(frame));
    this.batchFrames += 1;
    if (this.batchFrames >= MAX_FRAMES_PER_CALL) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
  }

  putBase(frame: BusFrame): void {
    if (this.closed || this.fence === null) return;
    const keys = this.keysOf(frame.topic);
    if (this.state !== 'up') {
      this.dropped += 1;
      return;
    }
    // The topic's frames published before this base go first, on the same connection.
    this.flush();
    this.pending += 1;
    if (this.fence === 0) {
      this.commands.set(keys.base, encodeFrame(frame)).then(this.onSent, (error: unknown) => this.onPublishFailed(1, error));
      return;
    }
    (this.commands as unknown as ScriptCommands).hashcapPutBase(keys.base, keys.fence, this.fence, encodeFrame(frame)).then((fenced) => {
      this.onSent();
      if (fenced > 0) this.onFencedWrite(1);
    }, (error: unknown) => this.onPublishFailed(1, error));
  }

  /** Sends the batch: one script call (single server) or one per topic (cluster: one slot per call). */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.batchFrames === 0) return;
    const perCall = this.name === 'redis-cluster' ? 1 : this.batch.size;
    let keys: string[] = [];
    let counts: number[] = [];
    let frames: Buffer[] = [];
    for (const [topic, topicFrames] of this.batch) {
      keys.push(topic.history, topic.channel, topic.fence);
      counts.push(topicFrames.length);
      for (const f of topicFrames) frames.push(f);
      if (counts.length === perCall) {
        this.sendCall(keys, counts, frames);
        keys = [];
        counts = [];
        frames = [];
      }
    }
    if (counts.length > 0) this.sendCall(keys, counts, frames);
    this.batch.clear();
    this.batchFrames = 0;
  };

  private sendCall(keys: string[], counts: number[], frames: Buffer[]): void {
    const n = frames.length;
    (this.commands as unknown as ScriptCommands)
      .hashcapPublish(...(this.name === 'redis-cluster' ? keys : [keys.length, ...keys]), this.fence ?? 0, this.historyLength, ...counts, ...frames)
      .then((fenced) => {
        this.pending -= n;
        if (fenced > 0) this.onFencedWrite(fenced);
      }, (error: unknown) => this.onPublishFailed(n, error));
  }

  async subscribe(topic: string, onFrame: (frame: BusFrame) => void): Promise<void> {
    if (this.closed) throw closedError();
    const keys = this.keysOf(topic);
    this.subscriptions.set(keys.channel, { topic, onFrame });
    const subscriber = this.subscriberConnection();
    if (this.name === 'redis-cluster') await subscriber.ssubscribe(keys.channel);
    else await subscriber.subscribe(keys.channel);
  }

  async unsubscribe(topic: string): Promise<void> {
    const keys = this.keysOf(topic);
    // Frames already on their way are ignored from here on, before Redis confirms.
    if (!this.subscriptions.delete(keys.channel) || this.subscriber === null || this.closed) return;
    if (this.name === 'redis-cluster') await this.subscriber.sunsubscribe(keys.channel);
    else await this.subscriber.unsubscribe(keys.channel);
  }

  async load(topic: string): Promise<TopicStart> {
    if (this.closed) throw closedError();
    const keys = this.keysOf(topic);
    const reply = await (this.commands as unknown as ScriptCommands).hashcapLoadBuffer(keys.history, keys.base);
    const baseBytes = reply[0] ?? null;
    const history: BusFrame[] = [];
    for (let i = 1; i < reply.length; i += 1) history.push(decodeFrame(topic, reply[i]!));
    return startOf(baseBytes === null ? null : decodeFrame(topic, baseBytes), history);
  }

  onState(listener: (state: BusState) => void): void {
    this.listeners.push(listener);
  }

  /** The current state: 'down' until the first probe answers. */
  get currentState(): BusState {
    return this.state;
  }

  stats(): BusStats & { readonly pending: number; readonly fenced: number } {
    return {
      fenced: this.fencedFrames,
      published: this.published,
      dropped: this.dropped,
      received: this.received,
      downs: this.downs,
      subscriberErrors: this.subscriberErrors,
      pending: this.pending,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    this.subscriptions.clear();
    await Promise.all([this.commands, this.subscriber].map((client) => (client === null ? undefined : quit(client))));
  }

  private keysOf(topic: string): TopicKeys {
    let keys = this.keys.get(topic);
    if (keys === undefined) {
      checkTopic(topic);
      keys = topicKeys(this.prefix, topic);
      this.keys.set(topic, keys);
    }
    return keys;
  }

  private subscriberConnection(): Client {
    if (this.subscriber !== null) return this.subscriber;
    let subscriber: Client;
    if (this.commands instanceof Cluster) {
      subscriber = this.commands.duplicate(undefined, {
        shardedSubscribers: true,
        redisOptions: { connectionName: 'hashcap-bus-sub', maxRetriesPerRequest: null },
      });
      subscriber.on('smessageBuffer', this.onMessage);
    } else {
      // Subscribing waits for the connection however long an outage lasts: the subscription must hold.
      subscriber = this.commands.duplicate({ enableAutoPipelining: false, maxRetriesPerRequest: null, connectionName: 'hashcap-bus-sub' });
      subscriber.on('messageBuffer', this.onMessage);
    }
    this.subscriber = subscriber;
    this.watch(subscriber);
    return subscriber;
  }

  private readonly onMessage = (channel: Buffer, payload: Buffer): void => {
    const subscription = this.subscriptions.get(channel.toString());
    if (subscription === undefined) return;
    try {
      forEachFrame(subscription.topic, payload, (frame) => {
        this.received += 1;
        try {
          subscription.onFrame(frame);
        } catch (error) {
          this.subscriberErrors += 1;
          this.log(`bus: a subscriber of ${subscription.topic} failed: ${describe(error)}`);
        }
      });
    } catch (error) {
      this.report(`bus: a message on ${subscription.topic} is not bus frames: ${describe(error)}`);
    }
  };

  private onFencedWrite(frames: number): void {
    this.fencedFrames += frames;
    this.report(`bus: Redis refused ${frames} frame(s): a newer aggregator lease token has written the topic`);
    for (const listener of this.fencedListeners) listener();
  }

  private readonly onSent = (): void => {
    this.pending -= 1;
  };

  private onPublishFailed(frames: number, error?: unknown): void {
    this.pending -= frames;
    this.dropped += frames;
    this.report(`bus: a publish to Redis failed: ${describe(error)}`);
  }

  /** Connection events make 'down' immediate; 'up' always waits for a probe to be answered. */
  private watch(client: Client): void {
    client.on('error', (error: unknown) => this.report(`bus: Redis: ${describe(error)}`));
    if (client instanceof Cluster) client.on('node error', (error: unknown, node: string) => this.report(`bus: Redis node ${node}: ${describe(error)}`));
    client.on('close', () => this.setState('down'));
    // A fresh probe at once: one sent before the reconnect may wait out its command timeout.
    client.on('ready', () => this.probe(false, true));
  }

  private readonly onTimer = (): void => {
    const now = Date.now();
    // A timer that fires late means this process was busy (a long GC, a big batch): the PONG may be
    // waiting unread in the socket, so the probe gets another interval before it counts as unanswered.
    const onTime = now - this.lastTimerAt < this.healthCheckMs * 1.5;
    this.lastTimerAt = now;
    this.probe(onTime);
  };

  /**
   * `judge`: an unanswered probe may be declared 'down' (only the on-time timer may). `fresh`: start a new
   * probe even if one is outstanding; the old one's answer is then ignored.
   */
  private probe(judge = false, fresh = false): void {
    if (this.closed) return;
    if (this.probing && !fresh) {
      if (judge && Date.now() - this.probeStartedAt >= this.healthCheckMs) this.setState('down');
      return;
    }
    const targets = this.probeTargets();
    if (targets === null) {
      this.setState('down');
      return;
    }
    const generation = ++this.probeGeneration;
    this.probing = true;
    this.probeStartedAt = Date.now();
    Promise.all(targets.map((target) => target.ping())).then(
      () => {
        if (generation !== this.probeGeneration) return;
        this.probing = false;
        this.setState(this.probeTargets() === null ? 'down' : 'up');
      },
      () => {
        if (generation !== this.probeGeneration) return;
        this.probing = false;
        this.setState('down');
      },
    );
  }

  /** The connections to PING, or null when one of them is not connected. */
  private probeTargets(): Redis[] | null {
    const targets: Redis[] = [];
    for (const client of [this.commands, this.subscriber]) {
      if (client === null) continue;
      if (client instanceof Cluster) {
        // The sharded subscribers check themselves (ioredis shardedSubscriberHealthCheckInterval).
        if (client.status !== 'ready') return null;
        if (client === this.subscriber) continue;
        const masters = client.nodes('master');
        if (masters.length === 0 || !coversAllSlots(client)) return null;
        // Node connections are lazy (status 'wait' until first used): the PING itself connects them.
        for (const node of masters) {
          if (node.status === 'end' || node.status === 'close' || node.status === 'reconnecting') return null;
          targets.push(node);
        }
      } else {
        if (client.status !== 'ready') return null;
        targets.push(client);
      }
    }
    return targets;
  }

  private setState(state: BusState): void {
    if (state === this.state || this.closed) return;
    this.state = state;
    if (state === 'down') this.downs += 1;
    else this.lastError = '';
    // The transition's log line is the listener's (server/bus-watch.ts says how long the last state lasted).
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.log(`bus: a state listener failed: ${describe(error)}`);
      }
    }
  }

  private report(line: string): void {
    if (line === this.lastError) return;
    this.lastError = line;
    this.log(line);
  }
}

/** Every slot has a master the client is connected to (a lost node leaves its slots with none). */
function coversAllSlots(cluster: Cluster): boolean {
  const masters = new Set(cluster.nodes('master').map((node) => `${node.options.host}:${node.options.port}`));
  for (let slot = 0; slot < 16384; slot += 1) {
    const owner = cluster.slots[slot]?.[0];
    if (owner === undefined || !masters.has(owner)) return false;
  }
  return true;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new HashcapError(HashcapErrorCode.BUS_CONFIG, `bus ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** QUIT waits for the answers still due; a connection that is down cannot answer, so it is cut instead. */
async function quit(client: Client): Promise<void> {
  if (client.status === 'ready') {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([client.quit().then(() => undefined, () => undefined), timeout]);
  }
  client.disconnect();
}
