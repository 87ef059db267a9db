/**
 * Websocket links the fuzz drives: answers are read in request order (the server answers every message
 * of a connection in order), so inputs can be pipelined and each answer still matched to its input.
 */
import WebSocket from 'ws';
import { wire, type hashcap } from '../../proto/wire.ts';
import type { FrameInput } from './generators.ts';

export type Closed = { readonly close: { readonly code: number; readonly reason: string } };

/** /v1/ingest: one IngestReply per message. */
export class IngestLink {
  private readonly pending: Array<(r: { reply: hashcap.v1.IIngestReply } | Closed) => void> = [];
  closed: Closed | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const reply = isBinary ? wire.IngestReply.toObject(wire.IngestReply.decode(data), { longs: Number }) : (JSON.parse(data.toString()) as hashcap.v1.IIngestReply);
      this.pending.shift()?.({ reply });
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { close: { code, reason: reason.toString() } };
      for (const resolve of this.pending.splice(0)) resolve(this.closed);
    });
    socket.on('error', () => {});
  }

  static open(port: number, token: string): Promise<IngestLink> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/ingest?token=${token}`, { maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new IngestLink(socket)));
      socket.once('error', reject);
    });
  }

  send(frame: FrameInput): Promise<{ reply: hashcap.v1.IIngestReply } | Closed> {
    if (this.closed !== null) return Promise.resolve(this.closed);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.socket.send(frame.bytes, { binary: !frame.text });
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

/** The answer to one subscriber message: every non-data message before the marker's pong. */
export type StreamAnswer = { readonly answers: hashcap.v1.IServerMessage[] } | Closed;

/**
 * /v1/stream: after each input a ping whose requestId is a marker; everything but data frames (snapshot,
 * delta, heartbeat) between two markers answers the input between them.
 */
export class StreamLink {
  private readonly pending: Array<{ marker: number; answers: hashcap.v1.IServerMessage[]; resolve: (a: StreamAnswer) => void }> = [];
  private nextMarker = 4_000_000_000;
  closed: Closed | null = null;

  private constructor(
    readonly socket: WebSocket,
    readonly format: 'proto' | 'json',
  ) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const m = isBinary ? wire.ServerMessage.toObject(wire.ServerMessage.decode(data), { longs: Number }) : (JSON.parse(data.toString()) as Record<string, unknown>);
      const msg = m as hashcap.v1.IServerMessage;
      if (msg.snapshot || msg.delta || msg.heartbeat || msg.notice) return;
      const head = this.pending[0];
      if (head === undefined) return;
      if (msg.pong && Number(msg.pong.requestId) === head.marker) {
        this.pending.shift();
        head.resolve({ answers: head.answers });
        return;
      }
      head.answers.push(msg);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closed = { close: { code, reason: reason.toString() } };
      for (const p of this.pending.splice(0)) p.resolve(this.closed);
    });
    socket.on('error', () => {});
  }

  static open(port: number, format: 'proto' | 'json'): Promise<StreamLink> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/stream`, [format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto'], { maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new StreamLink(socket, format)));
      socket.once('error', reject);
    });
  }

  send(frame: FrameInput): Promise<StreamAnswer> {
    if (this.closed !== null) return Promise.resolve(this.closed);
    const marker = this.nextMarker++;
    return new Promise((resolve) => {
      this.pending.push({ marker, answers: [], resolve });
      this.socket.send(frame.bytes, { binary: !frame.text });
      const ping = { ping: { requestId: marker } };
      if (this.format === 'json') this.socket.send(JSON.stringify(ping));
      else this.socket.send(wire.ClientMessage.encode(ping).finish());
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
