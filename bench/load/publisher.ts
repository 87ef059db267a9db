/**
 * Open-loop publishers: a 1 ms timer works out how many messages are due since the start at the
 * target rate and sends them; nothing ever waits for an acknowledgement before sending the next (a
 * closed loop would slow down with the server and hide its queueing). A tick sends at most 100 ms
 * worth at once; what is left is carried over, not dropped, so "achieved" falls short of "target"
 * only when the generator itself cannot keep up.
 *
 * Every message is stamped with the time it was due (start + k / rate), not the time the timer got
 * round to sending it: a generator that falls behind (timer granularity, a GC pause, a busy core)
 * shows up in the measured latency instead of hiding in it (coordinated omission, Gil Tene). How far
 * behind the generator ran is reported apart (`lagMaxMs`). `start` may be called again after `stop`
 * with another rate: seq numbers continue, so subscribers can check contiguity across a sweep.
 *
 * hashcap: IngestBatches over `/v1/ingest` (one batch → one delta), acks matched by batch id for
 * the ack lag. Peers: the fixed payload (bench/peers/payload.ts) over each one's publish path.
 */
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { io as ioClient, type Socket as IoSocket } from 'socket.io-client';
import { wire } from '../../proto/wire.ts';
import { peerDelta, peerDeltaJson, peerDeltaProto } from '../peers/payload.ts';
import { closeWs, waitFor } from './wait.ts';
import { LatencyRecorder, nowMs, summarizeLatency, type LatencySummary } from './latency.ts';
import { NATS_SUBJECT } from './protocols.ts';
import type { TickSource } from './ticks.ts';

export interface PublisherStats {
  readonly targetRate: number;
  /** Over the last start → stop. */
  readonly achievedRate: number;
  /** Messages sent since the first start (seq of the last one). */
  readonly sent: number;
  /** Messages sent in the last start → stop. */
  readonly sentThisRun: number;
  readonly seconds: number;
  /** Most the sender ran behind the schedule (send time − due time), in the last start → stop. */
  readonly lagMaxMs: number;
  /** hashcap only: replies received, ticks accepted/rejected, whole-batch errors, reply lag. */
  readonly acked: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly batchErrors: number;
  readonly ackLag: LatencySummary | null;
  /** Most batches sent and not yet acknowledged at any time (hashcap). */
  readonly maxOutstanding: number;
}

export abstract class OpenLoopPublisher {
  sent = 0;
  protected acked = 0;
  protected accepted = 0;
  protected rejected = 0;
  protected batchErrors = 0;
  protected maxOutstanding = 0;
  protected readonly ackLag = new LatencyRecorder();
  protected hasAcks = false;
  private timer: NodeJS.Timeout | null = null;
  private startMs = 0;
  private stopMs = 0;
  private rate = 0;
  private sentAtStart = 0;
  private lagMaxMs = 0;

  abstract connect(): Promise<void>;
  /** `dueMs`: when the message was due (the stamp it carries), not when the timer ran. */
  protected abstract sendOne(seq: number, dueMs: number): void;
  abstract close(): Promise<void>;
  abstract get isClosed(): boolean;

  /** Sends at `rate` per second from now; seq continues from the last run. */
  start(rate: number): void {
    if (this.timer !== null) this.stop();
    this.rate = rate;
    this.startMs = nowMs();
    this.stopMs = 0;
    this.sentAtStart = this.sent;
    this.lagMaxMs = 0;
    const base = this.sent;
    const startMs = this.startMs;
    const interval = 1000 / rate;
    const burst = Math.max(1, Math.ceil(rate * 0.1));
    this.timer = setInterval(() => {
      const now = nowMs();
      const due = base + Math.floor(((now - startMs) * rate) / 1000);
      let n = 0;
      if (this.sent < due) {
        const lag = now - (startMs + (this.sent + 1 - base) * interval);
        if (lag > this.lagMaxMs) this.lagMaxMs = lag;
      }
      while (this.sent < due && n < burst) {
        this.sent++;
        n++;
        // The intended send time: what the latency is measured from.
        this.sendOne(this.sent, startMs + (this.sent - base) * interval);
      }
    }, 1);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.stopMs = nowMs();
  }

  /** After stop: wait (bounded) for the acks of everything sent. */
  async settle(deadlineMs: number): Promise<void> {
    if (this.hasAcks) await waitFor(() => this.acked >= this.sent, deadlineMs);
  }

  stats(): PublisherStats {
    const seconds = ((this.stopMs || nowMs()) - this.startMs) / 1000;
    const sentThisRun = this.sent - this.sentAtStart;
    return {
      targetRate: this.rate,
      achievedRate: seconds > 0 ? sentThisRun / seconds : 0,
      sent: this.sent,
      sentThisRun,
      seconds,
      lagMaxMs: Number(this.lagMaxMs.toFixed(3)),
      acked: this.acked,
      accepted: this.accepted,
      rejected: this.rejected,
      batchErrors: this.batchErrors,
      ackLag: this.hasAcks ? summarizeLatency(this.ackLag.histogram) : null,
      maxOutstanding: this.maxOutstanding,
    };
  }
}

// ---------------------------------------------------------------------------------------- hashcap

const RING = 1 << 16;

export class HashcapIngestPublisher extends OpenLoopPublisher {
  private readonly ws: WebSocket;
  private readonly sentAt = new Float64Array(RING);
  private closedFlag = false;

  constructor(url: string, token: string, private readonly ticks: TickSource, private readonly ticksPerBatch: number) {
    super();
    this.hasAcks = true;
    this.ws = new WebSocket(url, { perMessageDeflate: false, headers: { authorization: `Bearer ${token}` } });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('message', (data: Buffer) => this.onReply(data));
    this.ws.on('error', () => this.batchErrors++);
    this.ws.on('close', () => {
      this.closedFlag = true;
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`ingest upgrade refused: HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
  }

  protected sendOne(seq: number, now: number): void {
    const batch = { batchId: seq, ticks: this.ticks.next(this.ticksPerBatch, now) };
    this.sentAt[seq & (RING - 1)] = now;
    this.ws.send(wire.PublisherMessage.encode({ batch }).finish());
    const outstanding = this.sent - this.acked;
    if (outstanding > this.maxOutstanding) this.maxOutstanding = outstanding;
  }

  private onReply(data: Buffer): void {
    const now = nowMs();
    let reply: ReturnType<typeof wire.IngestReply.decode>;
    try {
      reply = wire.IngestReply.decode(data);
    } catch {
      this.batchErrors++;
      return;
    }
    this.acked++;
    this.accepted += reply.accepted;
    this.rejected += reply.rejected.length;
    if (reply.error) this.batchErrors++;
    const id = Number(reply.batchId);
    if (id > 0 && this.sent - id < RING) this.ackLag.record(now - this.sentAt[id & (RING - 1)]!);
  }

  close(): Promise<void> {
    return closeWs(this.ws, () => this.closedFlag);
  }
}

// ---------------------------------------------------------------------------------------- naive ws

export class NaiveWsPublisher extends OpenLoopPublisher {
  private readonly ws: WebSocket;
  private closedFlag = false;

  constructor(url: string) {
    super();
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('error', () => this.batchErrors++);
    this.ws.on('close', () => {
      this.closedFlag = true;
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  protected sendOne(seq: number, now: number): void {
    this.ws.send(peerDeltaJson(seq, now));
  }

  close(): Promise<void> {
    return closeWs(this.ws, () => this.closedFlag);
  }
}

// ---------------------------------------------------------------------------------------- socket.io

export class SocketIoPublisher extends OpenLoopPublisher {
  private readonly socket: IoSocket;
  private closedFlag = false;

  /** `url` is the server's base (http://host:port); publishers use the /pub namespace. */
  constructor(url: string) {
    super();
    this.socket = ioClient(`${url}/pub`, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('disconnect', () => {
      this.closedFlag = true;
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  protected sendOne(seq: number, now: number): void {
    this.socket.emit('md', peerDelta(seq, now));
  }

  async close(): Promise<void> {
    if (!this.socket.connected) {
      this.socket.close();
      this.closedFlag = true;
      return;
    }
    this.socket.disconnect();
    await waitFor(() => this.closedFlag, Date.now() + 2000);
  }
}

// ---------------------------------------------------------------------------------------- NATS

/** Plain TCP client protocol: `PUB md <n>\r\n<payload>\r\n`, PING answered with PONG. */
export class NatsPublisher extends OpenLoopPublisher {
  private readonly socket: Socket;
  private closedFlag = false;
  private inbound = '';

  constructor(host: string, port: number) {
    super();
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => this.batchErrors++);
    this.socket.on('close', () => {
      this.closedFlag = true;
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => {
        this.socket.write('CONNECT {"verbose":false,"pedantic":false}\r\n');
        resolve();
      });
      this.socket.once('error', reject);
    });
  }

  protected sendOne(seq: number, now: number): void {
    const payload = peerDeltaProto(seq, now);
    const head = Buffer.from(`PUB ${NATS_SUBJECT} ${payload.length}\r\n`);
    const frame = Buffer.allocUnsafe(head.length + payload.length + 2);
    head.copy(frame, 0);
    frame.set(payload, head.length);
    frame[frame.length - 2] = 0x0d;
    frame[frame.length - 1] = 0x0a;
    this.socket.write(frame);
  }

  private onData(chunk: Buffer): void {
    this.inbound += chunk.toString('latin1');
    let eol: number;
    while ((eol = this.inbound.indexOf('\r\n')) !== -1) {
      const line = this.inbound.slice(0, eol);
      this.inbound = this.inbound.slice(eol + 2);
      if (line === 'PING') this.socket.write('PONG\r\n');
      else if (line.startsWith('-ERR')) this.batchErrors++;
    }
  }

  async close(): Promise<void> {
    this.socket.end();
    if (!(await waitFor(() => this.closedFlag, Date.now() + 1000))) this.socket.destroy();
    await waitFor(() => this.closedFlag, Date.now() + 1000);
  }
}

