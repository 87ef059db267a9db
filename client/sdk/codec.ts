/**
 * Frames in and out, in either wire format, with browser APIs only (this file is bundled by Vite).
 * Decoded messages are turned into plain objects with numeric enums and 64-bit numbers — the shape
 * `mergeState` expects and the server keeps its own state in — so `stateChecksum` of a rebuilt state
 * equals the keyframe's CRC. proto3 omits defaults: an absent seq is 0, an absent flag is false.
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import type { WireFormat } from '../../proto/wire-format.ts';

export type ServerMessage = hashcap.v1.IServerMessage;
export type ClientMessage = hashcap.v1.IClientMessage;

const PLAIN = { longs: Number, enums: Number } as const;
const JSON_MAPPING = { json: true, longs: String, enums: String } as const;

export type Decoded = { readonly ok: true; readonly message: ServerMessage } | { readonly ok: false; readonly reason: string };

/**
 * One websocket frame as a plain ServerMessage. Binary frames arrive as ArrayBuffer (binaryType
 * 'arraybuffer', browser and ws alike) or as a view; text frames as a string. Never throws.
 */
export function decodeServerFrame(data: unknown): Decoded {
  try {
    let message: hashcap.v1.ServerMessage;
    if (typeof data === 'string') {
      const value: unknown = JSON.parse(data);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'JSON frame is not an object' };
      message = wire.ServerMessage.fromObject(value as Record<string, unknown>);
    } else if (data instanceof ArrayBuffer) {
      message = wire.ServerMessage.decode(new Uint8Array(data));
    } else if (ArrayBuffer.isView(data)) {
      message = wire.ServerMessage.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } else {
      return { ok: false, reason: `unsupported frame type ${Object.prototype.toString.call(data)}` };
    }
    return { ok: true, message: wire.ServerMessage.toObject(message, PLAIN) as ServerMessage };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** A ClientMessage in the connection's format: bytes for proto, the protobuf JSON mapping as text. */
export function encodeClientMessage(message: ClientMessage, format: WireFormat): Uint8Array<ArrayBuffer> | string {
  if (format === 'json') {
    const m = wire.ClientMessage.fromObject(message as Record<string, unknown>);
    return JSON.stringify(wire.ClientMessage.toObject(m, JSON_MAPPING));
  }
  // protobufjs writes into a fresh (or, in Node, pooled) ArrayBuffer, never a SharedArrayBuffer.
  return wire.ClientMessage.encode(message).finish() as Uint8Array<ArrayBuffer>;
}

/**
 * The stream URL for a server base URL (http://host:port → ws://host:port/v1/stream) or a stream URL
 * given as is (ws:// or wss://, path kept when there is one).
 */
export function streamUrl(url: string): string {
  const u = new URL(url);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new TypeError(`unsupported URL scheme in ${url}: expected http(s) or ws(s)`);
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/v1/stream';
  return u.toString();
}
