/**
 * The checkpoint format: the aggregator's state image (state-image.ts) with the quote-log position it
 * covers, versioned and checksummed, so a torn or corrupted copy is detected instead of restored.
 *
 * Layout (little-endian):
 *   "HCCP" · u16 format version · u32 header length · header (JSON: streamId, createdAtMs, basket
 *   fingerprint, tradingDay) · u32 payload length · payload (v8.serialize of the image) · u32 CRC-32 of
 *   everything before it.
 */
import { serialize, deserialize } from 'node:v8';
import { crc32 } from '../../proto/crc32.ts';
import { HashcapError, HashcapErrorCode } from '../errors.ts';

const MAGIC = [0x48, 0x43, 0x43, 0x50]; // "HCCP"
export const CHECKPOINT_VERSION = 1;

export interface CheckpointHeader {
  /** The last quote-log entry whose batch the state includes ('0' = none). */
  readonly streamId: string;
  readonly createdAtMs: number;
  /** The baskets the state was taken with (ids, revisions, constituents): a restore needs the same. */
  readonly basketFingerprint: string;
  readonly tradingDay: string | null;
}

export interface Checkpoint {
  readonly header: CheckpointHeader;
  readonly image: unknown;
}

export function encodeCheckpoint(header: CheckpointHeader, image: unknown): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const payload = serialize(image);
  const out = Buffer.alloc(4 + 2 + 4 + head.length + 4 + payload.length + 4);
  let at = 0;
  for (const b of MAGIC) out[at++] = b;
  out.writeUInt16LE(CHECKPOINT_VERSION, at);
  at += 2;
  out.writeUInt32LE(head.length, at);
  at += 4;
  head.copy(out, at);
  at += head.length;
  out.writeUInt32LE(payload.length, at);
  at += 4;
  payload.copy(out, at);
  at += payload.length;
  out.writeUInt32LE(crc32(out.subarray(0, at)), at);
  return out;
}

function corrupt(message: string): HashcapError {
  return new HashcapError(HashcapErrorCode.CHECKPOINT_CORRUPT, message);
}

/** The checkpoint in `bytes`, or a CHECKPOINT_CORRUPT error saying what is wrong with it. */
export function decodeCheckpoint(bytes: Buffer): Checkpoint {
  if (bytes.length < 18) throw corrupt(`${bytes.length} bytes is too short for a checkpoint`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) throw corrupt('not a checkpoint (bad magic)');
  const version = bytes.readUInt16LE(4);
  if (version !== CHECKPOINT_VERSION) throw corrupt(`checkpoint format version ${version}; this server reads ${CHECKPOINT_VERSION}`);
  const stored = bytes.readUInt32LE(bytes.length - 4);
  const actual = crc32(bytes.subarray(0, bytes.length - 4));
  if (stored !== actual) throw corrupt(`checksum mismatch (stored ${stored.toString(16)}, computed ${actual.toString(16)}): truncated or corrupted`);
  const headLength = bytes.readUInt32LE(6);
  if (10 + headLength + 4 > bytes.length - 4) throw corrupt('header length runs past the end');
  const header = JSON.parse(bytes.subarray(10, 10 + headLength).toString()) as CheckpointHeader;
  const payloadAt = 10 + headLength + 4;
  const payloadLength = bytes.readUInt32LE(10 + headLength);
  if (payloadAt + payloadLength !== bytes.length - 4) throw corrupt('payload length does not match the checkpoint size');
  return { header, image: deserialize(bytes.subarray(payloadAt, payloadAt + payloadLength)) };
}
