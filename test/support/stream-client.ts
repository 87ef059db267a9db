/**
 * A small protocol-v1 client for integration tests: a real `ws` socket, frames decoded in either wire
 * format into plain ServerMessage objects (enums as numbers, 64-bit as numbers), and waits that fail
 * with a clear message instead of hanging.
 */
import WebSocket from 'ws';
import { wire, type hashcap } from '../../proto/wire.ts';

export type Msg = hashcap.v1.IServerMessage;

export class StreamClient {
  readonly messages: Msg[] = [];
  readonly socket: WebSocket;
  closeEvent: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(socket: WebSocket, readonly format: 'proto' | 'json') {
    this.socket = socket;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.messages.push(decode(data, isBinary));
      this.wake();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.closeEvent = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static async connect(url: string, format: 'proto' | 'json' = 'proto', path = '/v1/stream'): Promise<StreamClient> {
    const protocol = format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto';
    const socket = new WebSocket(url.replace(/^http/, 'ws') + path, [protocol]);
    const client = new StreamClient(socket, format);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(message: hashcap.v1.IClientMessage): void {
    if (this.format === 'json') {
      const m = wire.ClientMessage.fromObject(message as Record<string, unknown>);
      this.socket.send(JSON.stringify(wire.ClientMessage.toObject(m, { json: true, longs: String, enums: String })));
    } else {
      this.socket.send(wire.ClientMessage.encode(message).finish());
    }
  }

  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data);
  }

  subscribe(channels: string[], conflateMs = 0, requestId = 1, resume: hashcap.v1.IResumePoint[] = []): void {
    this.send({ subscribe: { requestId, channels, conflateMs, resume } });
  }

  /** Resolves once `predicate` holds over the messages so far; rejects after `timeoutMs`. */
  async until<T>(what: string, predicate: (msgs: Msg[]) => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate(this.messages);
      if (v !== undefined && v !== null && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.messages.length} messages)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  deltas(channel: string, conflateMs = 0): hashcap.v1.IDelta[] {
    return this.messages.flatMap((m) => (m.delta && m.delta.channel === channel && (m.delta.conflateMs ?? 0) === conflateMs ? [m.delta] : []));
  }

  snapshots(channel: string): hashcap.v1.ISnapshot[] {
    return this.messages.flatMap((m) => (m.snapshot && m.snapshot.channel === channel ? [m.snapshot] : []));
  }

  errors(): hashcap.v1.IError[] {
    return this.messages.flatMap((m) => (m.error ? [m.error] : []));
  }

  acks(): hashcap.v1.IAck[] {
    return this.messages.flatMap((m) => (m.ack ? [m.ack] : []));
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

export function decode(data: Buffer, isBinary: boolean): Msg {
  const m = isBinary
    ? wire.ServerMessage.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    : wire.ServerMessage.fromObject(JSON.parse(data.toString()) as Record<string, unknown>);
  return wire.ServerMessage.toObject(m, { longs: Number, enums: Number }) as Msg;
}
