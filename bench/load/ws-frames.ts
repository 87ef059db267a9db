/**
 * The minimum of RFC 6455 a counting client needs: the upgrade request, the response head, masked client
 * frames, and a streaming parser for server frames that hands payload bytes to a sink as views of the
 * socket's own chunks. The parser keeps its whole state in number fields, so parsing allocates nothing
 * per frame; only control frames (ping, close: ≤ 125 bytes, rare) are copied.
 */

export const OPCODE_CONTINUATION = 0x0;
export const OPCODE_TEXT = 0x1;
export const OPCODE_BINARY = 0x2;
export const OPCODE_CLOSE = 0x8;
export const OPCODE_PING = 0x9;
export const OPCODE_PONG = 0xa;

/** A fixed, valid Sec-WebSocket-Key (base64 of 16 bytes): inputs stay deterministic. */
export const FIXED_KEY = 'aGFzaGNhcC1sb2FkZ2VuIQ==';

/** The HTTP/1.1 upgrade request, as one string to write. `extraHeaders` lines end in \r\n. */
export function upgradeRequest(host: string, port: number, path: string, extraHeaders = ''): string {
  return (
    `GET ${path} HTTP/1.1\r\n` +
    `Host: ${host}:${port}\r\n` +
    'Upgrade: websocket\r\n' +
    'Connection: Upgrade\r\n' +
    `Sec-WebSocket-Key: ${FIXED_KEY}\r\n` +
    'Sec-WebSocket-Version: 13\r\n' +
    extraHeaders +
    '\r\n'
  );
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Looks for the end of the response head in what has arrived so far. Returns -1 while incomplete,
 * else the offset of the first byte after the head (frames may follow in the same chunk).
 */
export function responseHeadEnd(buf: Buffer): number {
  const at = buf.indexOf(HEAD_END);
  return at === -1 ? -1 : at + HEAD_END.length;
}

/** "HTTP/1.1 101 Switching Protocols" → 101. */
export function responseStatus(head: Buffer): number {
  const firstSpace = head.indexOf(0x20);
  return firstSpace === -1 ? 0 : Number(head.subarray(firstSpace + 1, firstSpace + 4).toString('latin1'));
}

/**
 * A client frame (FIN set, masked with `maskKey`, RFC 6455 §5.3). Built once per connection for the
 * subscribe message; pongs are rare.
 */
export function maskedFrame(opcode: number, payload: Uint8Array, maskKey: number): Buffer {
  const len = payload.length;
  const headerLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headerLen + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    out.writeUInt32BE(len >>> 0, 6);
  }
  // A zero key would leave the payload in clear, which some servers treat as a client error.
  const key = maskKey >>> 0 || 0x5a5a5a5a;
  out.writeUInt32BE(key, headerLen);
  const k0 = out[headerLen]!;
  const k1 = out[headerLen + 1]!;
  const k2 = out[headerLen + 2]!;
  const k3 = out[headerLen + 3]!;
  const base = headerLen + 4;
  for (let i = 0; i < len; i++) {
    const k = (i & 3) === 0 ? k0 : (i & 3) === 1 ? k1 : (i & 3) === 2 ? k2 : k3;
    out[base + i] = payload[i]! ^ k;
  }
  return out;
}

/** Where parsed frames go. `pos` is how many bytes of the current message came before `start`. */
export interface FrameSink {
  /** Payload bytes of a data message (text or binary, across continuation frames). */
  onData(buf: Buffer, start: number, end: number, pos: number): void;
  /** The data message is complete; `opcode` is the first frame's (text or binary). */
  onMessageEnd(opcode: number, length: number): void;
  onPing(payload: Buffer): void;
  onClose(code: number): void;
}

const S_HEAD0 = 0;
const S_HEAD1 = 1;
const S_EXTLEN = 2;
const S_MASK = 3;
const S_PAYLOAD = 4;

/** Streaming parser for server → client frames. Feed it every chunk the socket delivers, in order. */
export class WsFrameParser {
  /** Frames seen (data and control, each fragment counted). */
  frames = 0;
  /** Protocol violations seen (the caller decides what to do; counting goes on). */
  errors = 0;
  private state = S_HEAD0;
  private fin = false;
  private opcode = 0;
  private masked = false;
  private extLeft = 0;
  private maskLeft = 0;
  private payloadLeft = 0;
  /** Opcode of the data message in progress (continuation frames keep it), and its length so far. */
  private msgOpcode = 0;
  private msgPos = 0;
  /** Control frame payload being collected, and where. */
  private control: Buffer | null = null;
  private controlPos = 0;

  constructor(private readonly sink: FrameSink) {}

  reset(): void {
    this.state = S_HEAD0;
    this.msgOpcode = 0;
    this.msgPos = 0;
    this.control = null;
  }

  /** Parses `buf[from, end)`. */
  push(buf: Buffer, from = 0, end = buf.length): void {
    let i = from;
    const n = end;
    while (i < n) {
      switch (this.state) {
        case S_HEAD0: {
          const b = buf[i++]!;
          this.fin = (b & 0x80) !== 0;
          this.opcode = b & 0x0f;
          this.state = S_HEAD1;
          break;
        }
        case S_HEAD1: {
          const b = buf[i++]!;
          this.masked = (b & 0x80) !== 0;
          const len = b & 0x7f;
          this.payloadLeft = 0;
          if (len === 126) {
            this.extLeft = 2;
            this.state = S_EXTLEN;
          } else if (len === 127) {
            this.extLeft = 8;
            this.state = S_EXTLEN;
          } else {
            this.payloadLeft = len;
            this.afterLength();
          }
          break;
        }
        case S_EXTLEN: {
          this.payloadLeft = this.payloadLeft * 256 + buf[i++]!;
          if (--this.extLeft === 0) this.afterLength();
          break;
        }
        case S_MASK: {
          // Servers never mask; a masked frame is counted as an error and its payload passed on as is.
          i++;
          if (--this.maskLeft === 0) this.startPayload();
          break;
        }
        case S_PAYLOAD: {
          const take = Math.min(this.payloadLeft, n - i);
          if (this.control !== null) {
            buf.copy(this.control, this.controlPos, i, i + take);
            this.controlPos += take;
          } else {
            this.sink.onData(buf, i, i + take, this.msgPos);
            this.msgPos += take;
          }
          i += take;
          this.payloadLeft -= take;
          if (this.payloadLeft === 0) this.endFrame();
          break;
        }
      }
    }
  }

  private afterLength(): void {
    if (this.masked) {
      this.errors++;
      this.maskLeft = 4;
      this.state = S_MASK;
      return;
    }
    this.startPayload();
  }

  private startPayload(): void {
    this.frames++;
    const op = this.opcode;
    if (op >= 0x8) {
      if (this.payloadLeft > 125 || !this.fin) this.errors++;
      this.control = Buffer.allocUnsafe(Math.min(this.payloadLeft, 125));
      this.controlPos = 0;
      if (this.payloadLeft > 125) this.payloadLeft = 125; // a broken peer; keep the stream aligned as best we can
    } else if (op === OPCODE_CONTINUATION) {
      if (this.msgOpcode === 0) this.errors++;
    } else {
      if (this.msgOpcode !== 0) this.errors++;
      this.msgOpcode = op;
      this.msgPos = 0;
    }
    if (this.payloadLeft === 0) this.endFrame();
    else this.state = S_PAYLOAD;
  }

  private endFrame(): void {
    this.state = S_HEAD0;
    const control = this.control;
    if (control !== null) {
      this.control = null;
      if (this.opcode === OPCODE_PING) this.sink.onPing(control);
      else if (this.opcode === OPCODE_CLOSE) this.sink.onClose(control.length >= 2 ? control.readUInt16BE(0) : 1005);
      return;
    }
    if (this.fin) {
      const op = this.msgOpcode;
      const len = this.msgPos;
      this.msgOpcode = 0;
      this.msgPos = 0;
      this.sink.onMessageEnd(op, len);
    }
  }
}
