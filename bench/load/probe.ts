/**
 * Full clients, a few per run: they decode every frame, check that seq numbers are contiguous per
 * channel and rate (counting gaps and duplicates), and record latency into HDR histograms while
 * `recording` is on. hashcap: `ws` with the proto sub-protocol, wire.ServerMessage.decode. Peers: the
 * same payload in their framing (JSON over ws, Socket.IO events via socket.io-client, NATS MSG over
 * a websocket carrying the protobuf bytes).
 */
import WebSocket from 'ws';
import { io as ioClient, type Socket as IoSocket } from 'socket.io-client';
import { wire, type hashcap } from '../../proto/wire.ts';
import { readPeerDelta } from '../peers/payload.ts';
import { closeWs, waitFor } from './wait.ts';
import { LatencyRecorder, nowMs } from './latency.ts';
import { NATS_SUBJECT, subscribeBytes, type ProtocolName } from './protocols.ts';

export interface ProbeStats {
  deltas: number;
  gaps: number;
  duplicates: number;
  snapshots: number;
  keyframes: number;
  /** Keyframes whose seq did not match the last delta seen (state would disagree). */
  keyframeSeqMismatches: number;
  heartbeats: number;
  notices: number;
  errors: number;
  /** Deltas on a conflated rate (after a slow-consumer degrade). */
  conflatedDeltas: number;
}

export abstract class Probe {
  readonly stats: ProbeStats = {
    deltas: 0,
    gaps: 0,
    duplicates: 0,
    snapshots: 0,
    keyframes: 0,
    keyframeSeqMismatches: 0,
    heartbeats: 0,
    notices: 0,
    errors: 0,
    conflatedDeltas: 0,
  };
  /** Server send time (hashcap sendTimeMs; peers: the publisher's stamp) → receive. */
  readonly sendLatency = new LatencyRecorder();
  /** Publisher's tick time (hashcap eventTimeMs) → receive: end to end through ingest. */
  readonly eventLatency = new LatencyRecorder();
  recording = false;
  ready = false;
  closed = false;
  /** The last seq seen per channel@rate. */
  protected readonly lastSeq = new Map<string, number>();

  abstract close(): Promise<void>;

  protected onDelta(key: string, seq: number, sendTimeMs: number, eventTimeMs: number, conflated: boolean, now: number): void {
    this.stats.deltas++;
    if (conflated) this.stats.conflatedDeltas++;
    const last = this.lastSeq.get(key) ?? 0;
    if (seq === last + 1) this.lastSeq.set(key, seq);
    else if (seq > last + 1) {
      this.stats.gaps += seq - last - 1;
      this.lastSeq.set(key, seq);
    } else this.stats.duplicates++;
    if (!this.recording) return;
    this.sendLatency.record(now - sendTimeMs);
    if (eventTimeMs > 0) this.eventLatency.record(now - eventTimeMs);
  }
}

// ---------------------------------------------------------------------------------------- hashcap

export class HashcapProbe extends Probe {
  /** The first snapshot of the channel: the publisher starts its prices from it. */
  snapshot: hashcap.v1.ISnapshot | null = null;
  private readonly ws: WebSocket;

  constructor(url: string, private readonly channel: string) {
    super();
    this.ws = new WebSocket(url, ['hashcap.v1.proto'], { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.ws.send(subscribeBytes(channel)));
    this.ws.on('message', (data: Buffer) => this.onFrame(data));
    this.ws.on('error', () => this.stats.errors++);
    this.ws.on('close', () => {
      this.closed = true;
    });
  }

  private onFrame(data: Buffer): void {
    const now = nowMs();
    let m: hashcap.v1.ServerMessage;
    try {
      m = wire.ServerMessage.decode(data);
    } catch {
      this.stats.errors++;
      return;
    }
    switch (m.msg) {
      case 'delta': {
        const d = m.delta!;
        const rate = Number(d.conflateMs);
        this.onDelta(`${d.channel}@${rate}`, Number(d.seq), d.sendTimeMs ?? 0, d.eventTimeMs ?? 0, rate !== 0, now);
        break;
      }
      case 'snapshot': {
        const s = m.snapshot!;
        const key = `${s.channel}@${Number(s.conflateMs)}`;
        if (s.keyframe) {
          this.stats.keyframes++;
          if ((this.lastSeq.get(key) ?? 0) !== Number(s.seq)) this.stats.keyframeSeqMismatches++;
        } else {
          this.stats.snapshots++;
          this.lastSeq.set(key, Number(s.seq));
          if (s.channel === this.channel && this.snapshot === null) this.snapshot = s;
          this.ready = true;
        }
        break;
      }
      case 'heartbeat':
        this.stats.heartbeats++;
        break;
      case 'notice':
        this.stats.notices++;
        break;
      case 'error':
        this.stats.errors++;
        break;
      default:
    }
  }

  close(): Promise<void> {
    return closeWs(this.ws, () => this.closed);
  }
}

// ---------------------------------------------------------------------------------------- naive ws

export class NaiveWsProbe extends Probe {
  private readonly ws: WebSocket;

  constructor(url: string) {
    super();
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('open', () => {
      this.ready = true;
    });
    this.ws.on('message', (data: Buffer) => this.onJson(data.toString()));
    this.ws.on('error', () => this.stats.errors++);
    this.ws.on('close', () => {
      this.closed = true;
    });
  }

  private onJson(text: string): void {
    const now = nowMs();
    let d: { seq: number; sendTimeMs: number } | null = null;
    try {
      d = readPeerDelta(JSON.parse(text));
    } catch {
      d = null;
    }
    if (d === null) this.stats.errors++;
    else this.onDelta('md', d.seq, d.sendTimeMs, 0, false, now);
  }

  close(): Promise<void> {
    return closeWs(this.ws, () => this.closed);
  }
}

// ---------------------------------------------------------------------------------------- socket.io

export class SocketIoProbe extends Probe {
  private readonly socket: IoSocket;

  constructor(url: string) {
    super();
    this.socket = ioClient(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('connect', () => {
      this.ready = true;
    });
    this.socket.on('md', (value: unknown) => {
      const now = nowMs();
      const d = readPeerDelta(value);
      if (d === null) this.stats.errors++;
      else this.onDelta('md', d.seq, d.sendTimeMs, 0, false, now);
    });
    this.socket.on('connect_error', () => this.stats.errors++);
    this.socket.on('disconnect', () => {
      this.closed = true;
    });
  }

  async close(): Promise<void> {
    if (!this.socket.connected) {
      this.socket.close();
      this.closed = true;
      return;
    }
    this.socket.disconnect();
    await waitFor(() => this.closed, Date.now() + 2000);
  }
}

// ---------------------------------------------------------------------------------------- NATS

const CRLF = Buffer.from('\r\n');

export class NatsProbe extends Probe {
  private readonly ws: WebSocket;
  private pending: Buffer = Buffer.alloc(0);

  constructor(url: string) {
    super();
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.on('open', () => this.ws.send(Buffer.from(`CONNECT {"verbose":false,"pedantic":false}\r\nSUB ${NATS_SUBJECT} 1\r\nPING\r\n`)));
    this.ws.on('message', (data: Buffer) => this.onBytes(data));
    this.ws.on('error', () => this.stats.errors++);
    this.ws.on('close', () => {
      this.closed = true;
    });
  }

  private onBytes(data: Buffer): void {
    const now = nowMs();
    let buf = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    let at = 0;
    for (;;) {
      const eol = buf.indexOf(CRLF, at);
      if (eol === -1) break;
      const line = buf.toString('latin1', at, eol);
      if (line.startsWith('MSG ')) {
        const size = Number(line.slice(line.lastIndexOf(' ') + 1));
        const start = eol + 2;
        if (buf.length < start + size + 2) break; // wait for the rest of the payload
        this.onPayload(buf.subarray(start, start + size), now);
        at = start + size + 2;
        continue;
      }
      at = eol + 2;
      if (line === 'PING') this.ws.send(Buffer.from('PONG\r\n'));
      else if (line === 'PONG') this.ready = true;
      else if (line.startsWith('-ERR')) this.stats.errors++;
    }
    buf = buf.subarray(at);
    this.pending = buf.length === 0 ? Buffer.alloc(0) : Buffer.from(buf);
  }

  private onPayload(payload: Buffer, now: number): void {
    try {
      const d = wire.ServerMessage.decode(payload).delta;
      if (!d) throw new Error('not a delta');
      this.onDelta('md', Number(d.seq), d.sendTimeMs ?? 0, 0, false, now);
    } catch {
      this.stats.errors++;
    }
  }

  close(): Promise<void> {
    return closeWs(this.ws, () => this.closed);
  }
}


export interface ProbeTarget {
  readonly protocol: ProtocolName;
  /** ws://host:port/path (socketio: http://host:port). */
  readonly url: string;
  readonly channel: string;
}

export function createProbe(t: ProbeTarget): Probe {
  switch (t.protocol) {
    case 'hashcap':
      return new HashcapProbe(t.url, t.channel);
    case 'naive-ws':
      return new NaiveWsProbe(t.url);
    case 'socketio':
      return new SocketIoProbe(t.url);
    case 'nats':
      return new NatsProbe(t.url);
  }
}
