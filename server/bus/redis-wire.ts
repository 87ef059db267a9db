/**
 * How a frame sits in Redis: a fixed 23-byte header in front of the protobuf bytes, so a gateway routes
 * and orders frames without decoding protobuf, and the names of a topic's keys.
 *
 *   byte 0      wire version (1)
 *   byte 1      FrameKind (the publish script reads it: heartbeats stay out of history)
 *   bytes 2–9   epoch, float64 little-endian (exact for every safe integer; epochs may be ms timestamps)
 *   bytes 10–17 seq, float64 little-endian
 *   byte 18     flags, 0 today (room to grow without a new version; readers ignore it)
 *   bytes 19–22 length of the ServerMessage bytes, uint32 little-endian
 *   bytes 23–   the ServerMessage bytes, as the aggregator encoded them
 *
 * A history entry or a base holds one frame; a pub/sub message holds one or more frames of one topic back
 * to back (what one publish script call carried), so a burst costs one message, not one per frame.
 *
 * Keys of topic T, all hash-tagged `{<prefix>:T}` so they sit in one Redis Cluster slot (one Lua script
 * may touch them all, and SPUBLISH on the channel goes to the same shard):
 *   `{prefix:T}:h`  the history, a Redis Stream of single frames (deltas and keyframes), MAXLEN ~ bounded
 *   `{prefix:T}:b`  the base: the frame of the topic's state at some seq (a Snapshot or keyframe)
 *   `{prefix:T}:f`  the pub/sub channel the live frames travel on (heartbeats too)
 *   `{prefix:T}:t`  the fence: the highest aggregator lease token that wrote the topic (server/durability/lease.ts);
 *                   a write carrying a lower one is refused
 */

import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { FrameKind, type BusFrame } from './types.ts';

export const WIRE_VERSION = 1;
export const HEADER_BYTES = 23;

export interface TopicKeys {
  readonly history: string;
  readonly base: string;
  readonly channel: string;
  readonly fence: string;
}

export function topicKeys(prefix: string, topic: string): TopicKeys {
  const tag = `{${prefix}:${topic}}`;
  return { history: `${tag}:h`, base: `${tag}:b`, channel: `${tag}:f`, fence: `${tag}:t` };
}

/** The topic a channel name carries, or null for a channel that is not one of this prefix's. */
export function topicOfChannel(prefix: string, channel: string): string | null {
  const head = `{${prefix}:`;
  if (!channel.startsWith(head) || !channel.endsWith('}:f')) return null;
  return channel.slice(head.length, channel.length - 3);
}

export function encodeFrame(frame: BusFrame): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + frame.bytes.length);
  out[0] = WIRE_VERSION;
  out[1] = frame.kind;
  out.writeDoubleLE(frame.epoch, 2);
  out.writeDoubleLE(frame.seq, 10);
  out[18] = 0; // flags
  out.writeUInt32LE(frame.bytes.length, 19);
  out.set(frame.bytes, HEADER_BYTES);
  return out;
}

/** The frame a payload carries; its bytes are a view into the payload, not a copy. */
export function decodeFrame(topic: string, payload: Buffer): BusFrame {
  const frame = decodeFrameAt(topic, payload, 0);
  if (HEADER_BYTES + frame.bytes.length !== payload.length) {
    throw new HashcapError(HashcapErrorCode.BUS_FRAME, `bus frame on topic ${topic} is ${payload.length} bytes, its header says ${HEADER_BYTES + frame.bytes.length}`);
  }
  return frame;
}

/** Each frame of a pub/sub message, in order; a malformed one ends the message with a BUS_FRAME error. */
export function forEachFrame(topic: string, payload: Buffer, onFrame: (frame: BusFrame) => void): void {
  let at = 0;
  while (at < payload.length) {
    const frame = decodeFrameAt(topic, payload, at);
    at += HEADER_BYTES + frame.bytes.length;
    onFrame(frame);
  }
}

function decodeFrameAt(topic: string, payload: Buffer, at: number): BusFrame {
  if (payload.length - at < HEADER_BYTES || payload[at] !== WIRE_VERSION) {
    throw new HashcapError(
      HashcapErrorCode.BUS_FRAME,
      `bus frame on topic ${topic} has no version-${WIRE_VERSION} header (${payload.length - at} bytes, first byte ${payload[at] ?? 'none'})`,
    );
  }
  const kind = payload[at + 1]!;
  if (kind !== FrameKind.Delta && kind !== FrameKind.Keyframe && kind !== FrameKind.Heartbeat) {
    throw new HashcapError(HashcapErrorCode.BUS_FRAME, `bus frame on topic ${topic} has unknown kind ${kind}`);
  }
  const length = payload.readUInt32LE(at + 19);
  const start = at + HEADER_BYTES;
  if (start + length > payload.length) {
    throw new HashcapError(HashcapErrorCode.BUS_FRAME, `bus frame on topic ${topic} is cut short: ${length} bytes announced, ${payload.length - start} there`);
  }
  return {
    topic,
    epoch: payload.readDoubleLE(at + 2),
    seq: payload.readDoubleLE(at + 10),
    kind,
    bytes: payload.subarray(start, start + length),
  };
}
