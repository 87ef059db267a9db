/**
 * A cheap subscriber: one `node:net` socket, a hand-written upgrade, one subscribe frame, then a
 * streaming frame parser that counts and checks seq contiguity. Per message it reads the first two
 * bytes and the seq (a varint, or digits in JSON; seq-scan.ts), allocating nothing; per chunk it reads
 * the clock once. Reconnects (when the fleet allows) use full-jitter exponential backoff from a seeded
 * PRNG, and resubscribe by sending the same open frames again.
 */
import { connect, type Socket } from 'node:net';
import { Prng } from './prng.ts';
import { SeqTracker, seqDone, seqReset } from './seq-scan.ts';
import { Kind, type CountingConnection, type CountingProtocol } from './protocols.ts';
import { maskedFrame, OPCODE_CLOSE, OPCODE_PONG, responseHeadEnd, responseStatus, WsFrameParser, type FrameSink } from './ws-frames.ts';

export const Phase = {
  Idle: 0,
  Connecting: 1,
  Upgrading: 2,
  Open: 3,
  Ready: 4,
  Closed: 5,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** Totals shared by every subscriber of a fleet (one increment per message, no lookups). */
export class FleetTotals {
  deltas = 0;
  snapshots = 0;
  heartbeats = 0;
  notices = 0;
  errors = 0;
  other = 0;
  bytes = 0;
  frames = 0;
}

/** What a subscriber needs from its fleet. */
export interface SubscriberHost {
  readonly protocol: CountingProtocol;
  readonly host: string;
  readonly port: number;
  /** The upgrade request, identical for every connection. */
  readonly request: string;
  readonly totals: FleetTotals;
  readonly reconnect: { readonly baseMs: number; readonly capMs: number } | null;
  /** Stop reconnecting, e.g. during shutdown. */
  readonly stopping: boolean;
  onReady(sub: CountingSubscriber): void;
  /** The attempt failed before the subscription was confirmed, or a ready connection was lost. */
  onDown(sub: CountingSubscriber, wasReady: boolean): void;
  /** Asks for a connection slot (bounded concurrency); the fleet calls `sub.open()` when one is free. */
  queue(sub: CountingSubscriber): void;
  onSocketClosed(): void;
  /** The local port for the next connection from a source address; 0: the kernel picks one. */
  nextLocalPort(): number;
  /** Binding the local port failed (EADDRINUSE): try the next port at once, in the same slot. */
  rebind(sub: CountingSubscriber): void;
  /** Why an attempt failed: a socket error's code, or the HTTP status that refused the upgrade. */
  noteFailure(reason: string): void;
}

/** Ports taken in a row before a subscriber gives up on explicit ports for this attempt and backs off. */
const MAX_REBINDS = 64;

const CLOSE_FRAME = maskedFrame(OPCODE_CLOSE, Buffer.from([0x03, 0xe8]), 0x2468ace0);

/**
 * One read buffer for every subscriber of the process (`onread`): each chunk is parsed synchronously
 * before the next read, so nothing is kept, and reads allocate nothing — no Buffer per chunk, no
 * stream machinery, no 'data' events.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export class CountingSubscriber implements FrameSink, CountingConnection {
  readonly index: number;
  readonly sourceAddress: string | undefined;
  phase: Phase = Phase.Idle;
  /** Holds one of the fleet's connection slots (connecting, not yet confirmed subscribed). */
  inFlight = false;
  // Counters over the subscriber's life (all connections).
  deltas = 0;
  snapshots = 0;
  heartbeats = 0;
  notices = 0;
  errors = 0;
  bytes = 0;
  connects = 0;
  failures = 0;
  /** Wall clock (ms) of the last chunk and of the last heartbeat. */
  lastDataMs = 0;
  lastHeartbeatMs = 0;
  /** Wall clock (ms) of the chunk that held the last delta: "when did the last subscriber get it". */
  lastDeltaMs = 0;
  /** When the current connection attempt started, and when it was confirmed subscribed. */
  attemptStartMs = 0;
  readyAtMs = 0;
  /** Set by markReady on the first confirmation after (re)connecting. */
  readyOnThisConnection = false;
  closeCode = 0;
  // CountingConnection scratch.
  b0 = -1;
  b1 = -1;
  scanState = 0;
  scanNum = 0;
  scanC0 = -1;
  scanC1 = -1;
  scanSkip = 0;
  seqState = 0;
  seqVal = 0;
  seqMul = 1;
  seqSkip = 0;
  /** Seq contiguity of the current connection's subscription: exact gaps and duplicates. */
  readonly seq: SeqTracker;

  private socket: Socket | null = null;
  private head: Buffer | null = null;
  private readonly parser: WsFrameParser;
  private readonly host: SubscriberHost;
  private readonly rng: Prng;
  private attempt = 0;
  /** This attempt's bind failed: the port was taken. */
  private portTaken = false;
  /** This attempt's failure already has its reason (an error or a refused upgrade). */
  private failureNoted = false;
  private rebinds = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private chunkMs = 0;

  constructor(index: number, sourceAddress: string | undefined, host: SubscriberHost, seed: number) {
    this.index = index;
    this.sourceAddress = sourceAddress;
    this.host = host;
    this.parser = new WsFrameParser(this);
    this.rng = new Prng(seed ^ Math.imul(index + 1, 0x9e3779b1));
    this.seq = new SeqTracker(!host.protocol.seqFromSnapshot);
  }

  get isOpen(): boolean {
    return this.socket !== null;
  }

  /** Opens the TCP connection and upgrades. The fleet calls this when a connection slot is free. */
  open(): boolean {
    if (this.socket !== null || this.host.stopping) return false;
    this.phase = Phase.Connecting;
    this.head = null;
    this.parser.reset();
    this.b0 = -1;
    this.b1 = -1;
    this.scanState = 0;
    this.scanNum = 0;
    this.scanC0 = -1;
    this.scanC1 = -1;
    this.scanSkip = 0;
    seqReset(this);
    this.seq.reset(!this.host.protocol.seqFromSnapshot);
    this.readyOnThisConnection = false;
    this.failureNoted = false;
    this.closeCode = 0;
    this.attemptStartMs = Date.now();
    this.connects++;
    const h = this.host;
    const onread = { buffer: READ_BUFFER, callback: this.onRead };
    // An explicit local port skips the kernel's search for a free one, which grows with the ports in use.
    const localPort = this.sourceAddress === undefined ? 0 : h.nextLocalPort();
    const socket = this.sourceAddress === undefined
      ? connect({ host: h.host, port: h.port, noDelay: true, onread })
      : localPort === 0
        ? connect({ host: h.host, port: h.port, localAddress: this.sourceAddress, noDelay: true, onread })
        : connect({ host: h.host, port: h.port, localAddress: this.sourceAddress, localPort, noDelay: true, onread });
    this.socket = socket;
    socket.on('connect', this.onConnect);
    socket.on('error', this.onError);
    socket.on('close', this.onSocketClose);
    return true;
  }

  /** Sends a close frame and half-closes; the fleet destroys what is still open after a grace period. */
  close(): void {
    this.cancelRetry();
    const s = this.socket;
    if (s === null) return;
    if (this.phase >= Phase.Open && s.writable) s.end(CLOSE_FRAME);
    else s.destroy();
  }

  destroy(): void {
    this.cancelRetry();
    this.socket?.destroy();
  }

  cancelRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // ------------------------------------------------------------------------------ CountingConnection

  write(frame: Buffer): void {
    const s = this.socket;
    if (s !== null && s.writable) s.write(frame);
  }

  markReady(): void {
    if (this.readyOnThisConnection) return;
    this.readyOnThisConnection = true;
    this.phase = Phase.Ready;
    this.readyAtMs = this.chunkMs || Date.now();
    this.attempt = 0;
    this.host.onReady(this);
  }

  count(kind: Kind): void {
    const t = this.host.totals;
    switch (kind) {
      case Kind.Delta:
        this.seq.delta(seqDone(this));
        this.deltas++;
        this.lastDeltaMs = this.chunkMs;
        t.deltas++;
        break;
      case Kind.Snapshot:
        this.seq.snapshot(seqDone(this));
        this.snapshots++;
        t.snapshots++;
        break;
      case Kind.Heartbeat:
        this.heartbeats++;
        this.lastHeartbeatMs = this.chunkMs;
        t.heartbeats++;
        break;
      case Kind.Notice:
        this.notices++;
        t.notices++;
        break;
      case Kind.Error:
        this.errors++;
        t.errors++;
        break;
      default:
        t.other++;
    }
  }

  // ------------------------------------------------------------------------------ FrameSink

  onData(buf: Buffer, start: number, end: number, pos: number): void {
    if (pos === 0) {
      this.b0 = buf[start]!;
      this.b1 = start + 1 < end ? buf[start + 1]! : -1;
    } else if (pos === 1) this.b1 = buf[start]!;
    const protocol = this.host.protocol;
    if (protocol.scanSeq !== null) {
      if (pos === 0) seqReset(this);
      protocol.scanSeq(this, buf, start, end);
    }
    if (protocol.onBytes !== null) protocol.onBytes(this, buf, start, end);
  }

  onMessageEnd(opcode: number, length: number): void {
    if (length === 0) this.b0 = -1;
    if (length < 2) this.b1 = -1;
    const protocol = this.host.protocol;
    protocol.onMessage(this, opcode, length);
    this.b0 = -1;
    this.b1 = -1;
    // Message-level scans start afresh with the next message (NATS resets at each MSG itself).
    if (protocol.scanSeq !== null) seqReset(this);
  }

  onPing(payload: Buffer): void {
    this.write(maskedFrame(OPCODE_PONG, payload, 0x13572468));
  }

  onClose(code: number): void {
    this.closeCode = code;
    const s = this.socket;
    if (s !== null && s.writable) s.end(CLOSE_FRAME);
  }

  // ------------------------------------------------------------------------------ socket events

  private readonly onConnect = (): void => {
    this.phase = Phase.Upgrading;
    this.socket?.write(this.host.request);
  };

  /** `buf` is the shared read buffer (READ_BUFFER): its first `nread` bytes are valid until we return. */
  private readonly onRead = (nread: number, buf: Uint8Array): boolean => {
    const now = Date.now();
    this.chunkMs = now;
    this.lastDataMs = now;
    this.bytes += nread;
    this.host.totals.bytes += nread;
    if (this.phase !== Phase.Upgrading) {
      const before = this.parser.frames;
      this.parser.push(buf as Buffer, 0, nread);
      this.host.totals.frames += this.parser.frames - before;
    } else this.onHandshakeBytes((buf as Buffer).subarray(0, nread));
    return true;
  };

  private onHandshakeBytes(chunk: Buffer): void {
    // Copied: the read buffer is reused for the next chunk.
    const head = this.head === null ? Buffer.from(chunk) : Buffer.concat([this.head, chunk]);
    const end = responseHeadEnd(head);
    if (end === -1) {
      this.head = head;
      if (head.length > 16 * 1024) this.socket?.destroy();
      return;
    }
    this.head = null;
    const status = responseStatus(head);
    if (status !== 101) {
      this.host.noteFailure(`HTTP ${status}`);
      this.failureNoted = true;
      this.errors++;
      this.host.totals.errors++;
      this.socket?.destroy();
      return;
    }
    this.phase = Phase.Open;
    const proto = this.host.protocol;
    if (proto.openFrames !== null) this.socket?.write(proto.openFrames);
    if (proto.readyOnOpen) this.markReady();
    if (end < head.length) {
      const before = this.parser.frames;
      this.parser.push(head, end);
      this.host.totals.frames += this.parser.frames - before;
    }
  }

  private readonly onError = (err: NodeJS.ErrnoException): void => {
    // 'close' follows and does the bookkeeping; the error itself only counts.
    if (err.code === 'EADDRINUSE' && err.syscall === 'bind' && this.rebinds < MAX_REBINDS) {
      this.portTaken = true;
      return;
    }
    this.failures++;
    this.host.noteFailure(err.code ?? err.message);
    this.failureNoted = true;
  };

  private readonly onSocketClose = (): void => {
    if (this.portTaken) {
      this.portTaken = false;
      this.rebinds++;
      this.socket = null;
      this.phase = Phase.Idle;
      this.host.onSocketClosed();
      this.host.rebind(this);
      return;
    }
    this.rebinds = 0;
    const wasReady = this.readyOnThisConnection;
    if (!wasReady && !this.failureNoted && !this.host.stopping) this.host.noteFailure(this.closeCode > 0 ? `closed ${this.closeCode} before subscribed` : 'closed before subscribed');
    this.socket = null;
    this.phase = Phase.Closed;
    this.host.onSocketClosed();
    this.host.onDown(this, wasReady);
    const policy = this.host.reconnect;
    if (policy === null || this.host.stopping) return;
    // Full jitter (AWS architecture blog): uniform in [0, min(cap, base · 2^attempt)).
    const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    const delay = this.rng.next() * ceiling;
    this.retryTimer = setTimeout(this.retry, delay);
  };

  private readonly retry = (): void => {
    this.retryTimer = null;
    if (!this.host.stopping) this.host.queue(this);
  };
}
