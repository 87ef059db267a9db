/**
 * Decoding what a subscriber sends and encoding what it receives, in the connection's format:
 * binary protobuf, or the protobuf JSON mapping as text. Decoding never throws.
 */
import { wire, type hashcap } from '../../proto/wire.ts';
import type { WireFormat } from '../../proto/wire-format.ts';
import { jsonOf, protoOf } from '../feed/topic.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded =
  | { readonly ok: true; readonly message: hashcap.v1.ClientMessage }
  | { readonly ok: false; readonly reason: string };

export function decodeClientMessage(data: Uint8Array, isBinary: boolean): Decoded {
  try {
    const message = isBinary ? wire.ClientMessage.decode(data) : fromJsonText(utf8.decode(data));
    if (!message.msg) return { ok: false, reason: 'message has none of subscribe, unsubscribe, listSubscriptions, ping' };
    return { ok: true, message };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function fromJsonText(text: string): hashcap.v1.ClientMessage {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('expected a JSON object (a ClientMessage in the protobuf JSON mapping)');
  }
  return wire.ClientMessage.fromObject(value as Record<string, unknown>);
}

export function encodeServerMessage(message: hashcap.v1.IServerMessage, format: WireFormat): Uint8Array | string {
  return format === 'json' ? jsonOf(message) : protoOf(message);
}
