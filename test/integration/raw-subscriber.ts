/**
 * A subscriber on a bare `node:net` socket: a hand-written upgrade, our own frame parser, and reads we
 * control — paused (nothing read: the kernel buffers fill, then the server's queue) or throttled to a
 * byte rate. What it records is what an outside client would see, in arrival order: every message,
 * the close frame (code and reason) and whether the TCP stream then ended, or ended without one.
 */
import { connect, type Socket } from 'node:net';
import type { hashcap } from '../../proto/wire.ts';
import { wire } from '../../proto/wire.ts';
import { maskedFrame, OPCODE_CLOSE, OPCODE_PONG, responseHeadEnd, responseStatus, upgradeRequest } from '../../bench/load/ws-frames.ts';
import { decode, type Msg } from '../support/stream-client.ts';

/** A message, or the close frame, as the client read it off the socket. */
export type RawEvent = { readonly msg: Msg } | { readonly close: { readonly code: number; readonly reason: string } };

export class RawSubscriber {
  readonly events: RawEvent[] = [];
  bytesRead = 0;
  /** The TCP stream ended (FIN or reset). */
  ended = false;
  private readonly socket: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private upgraded = false;
  private paused = false;
  /** Throttle: bytes per second, and the byte allowance left (token bucket, refilled on every read). */
  private rateBytesPerSec = 0;
  private allowance = 0;
  private refilledAtMs = 0;
  private resumeTimer: NodeJS.Timeout | null = null;
  private waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, format: 'proto' | 'json' = 'proto'): Promise<RawSubscriber> {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const sub = new RawSubscriber(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const protocol = format === 'json' ? 'hashcap.v1.json' : 'hashcap.v1.proto';
    socket.write(upgradeRequest('127.0.0.1', port, '/v1/stream', `Sec-WebSocket-Protocol: ${protocol}\r\n`));
    await sub.until('upgrade', () => sub.upgraded);
    return sub;
  }

  subscribe(channels: readonly string[], conflateMs = 0, requestId = 1): void {
    this.write(wire.ClientMessage.encode({ subscribe: { requestId, channels: [...channels], conflateMs } }).finish());
  }

  /** Stops reading: the kernel's buffers fill, then the server's queue for this connection. */
  pause(): void {
    this.paused = true;
    this.clearResume();
    this.socket.pause();
  }

  /** Reads everything as fast as it comes. */
  resume(): void {
    this.paused = false;
    this.rateBytesPerSec = 0;
    this.clearResume();
    this.socket.resume();
  }

  /** Reads at most `bytesPerSec` on average. */
  throttle(bytesPerSec: number): void {
    this.paused = false;
    this.rateBytesPerSec = bytesPerSec;
    this.allowance = 0;
    this.refilledAtMs = Date.now();
    this.clearResume();
    this.socket.resume();
  }

  messages(): Msg[] {
    return this.events.flatMap((e) => ('msg' in e ? [e.msg] : []));
  }

  closeFrame(): { code: number; reason: string } | null {
    for (const e of this.events) if ('close' in e) return e.close;
    return null;
  }

  notices(): hashcap.v1.INotice[] {
    return this.messages().flatMap((m) => (m.notice ? [m.notice] : []));
  }

  destroy(): void {
    this.clearResume();
    this.socket.destroy();
  }

  async until<T>(what: string, predicate: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v !== undefined && v !== null && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.events.length} events, ${this.bytesRead} bytes)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private write(payload: Uint8Array): void {
    if (!this.socket.writable) return;
    this.socket.write(maskedFrame(0x2, payload, 0x1badcafe));
  }

  private onData(chunk: Buffer): void {
    this.bytesRead += chunk.length;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    if (!this.upgraded) {
      const end = responseHeadEnd(this.pending);
      if (end === -1) return;
      const status = responseStatus(this.pending.subarray(0, end));
      if (status !== 101) throw new Error(`upgrade refused: ${status}`);
      this.upgraded = true;
      this.pending = this.pending.subarray(end);
    }
    this.parseFrames();
    this.applyThrottle(chunk.length);
    this.wake();
  }

  /** Server frames are unmasked; messages here are never fragmented (the server sends whole frames). */
  private parseFrames(): void {
    let buf = this.pending;
    for (;;) {
      if (buf.length < 2) break;
      const opcode = buf[0]! & 0x0f;
      let len = buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (buf.length < 4) break;
        len = buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buf.length < 10) break;
        len = Number(buf.readBigUInt64BE(2));
        at = 10;
      }
      if (buf.length < at + len) break;
      const payload = buf.subarray(at, at + len);
      buf = buf.subarray(at + len);
      if (opcode === 0x1 || opcode === 0x2) this.events.push({ msg: decode(Buffer.from(payload), opcode === 0x2) });
      else if (opcode === OPCODE_CLOSE) {
        this.events.push({ close: { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() } });
        if (this.socket.writable) this.socket.end(maskedFrame(OPCODE_CLOSE, payload.subarray(0, 2), 0x2468ace0));
      } else if (opcode === 0x9 && this.socket.writable) this.socket.write(maskedFrame(OPCODE_PONG, payload, 0x13579bdf));
    }
    this.pending = buf.length === 0 ? Buffer.alloc(0) : Buffer.from(buf);
  }

  private applyThrottle(bytes: number): void {
    if (this.paused || this.rateBytesPerSec === 0) return;
    const now = Date.now();
    this.allowance = Math.min(this.allowance + ((now - this.refilledAtMs) * this.rateBytesPerSec) / 1000, this.rateBytesPerSec) - bytes;
    this.refilledAtMs = now;
    if (this.allowance >= 0) return;
    this.socket.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.paused) this.socket.resume();
    }, Math.ceil((-this.allowance * 1000) / this.rateBytesPerSec));
  }

  private clearResume(): void {
    if (this.resumeTimer !== null) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
