/**
 * The payload every peer serves: a real hashcap `index.miners` delta (one trade on one constituent),
 * captured from the feed and fixed here, so peers and hashcap carry the same information. NATS carries
 * it as the same protobuf bytes hashcap sends (≈180 bytes); the JSON servers (naive ws, Socket.IO)
 * carry `JSON.stringify` of the same object (≈460 bytes), which is what such a server would send.
 * Only seq and the timestamps change from one message to the next.
 */
import { wire, type hashcap } from '../../proto/wire.ts';

export interface PeerDelta {
  delta: {
    channel: string;
    conflateMs: number;
    epoch: number;
    seq: number;
    eventTimeMs: number;
    sendTimeMs: number;
    changes: { index: hashcap.v1.IIndexState };
  };
}

const EPOCH = 1_795_254_561_115;

/** One message: `seq` from 1, `nowMs` the publisher's clock when it sends (fractional ms). */
export function peerDelta(seq: number, nowMs: number): PeerDelta {
  return {
    delta: {
      channel: 'index.miners',
      conflateMs: 0,
      epoch: EPOCH,
      seq,
      eventTimeMs: nowMs,
      sendTimeMs: nowMs,
      changes: {
        index: {
          id: 'miners',
          level: 1000.2589731439268,
          change: 0.25897314392682347,
          changePct: 0.02589731439268235,
          marketCapUsd: 76641301400,
          marketCapChangeUsd: 19842900,
          advancers: 1,
          unchanged: 12,
          constituents: [
            {
              ticker: 'IREN',
              last: 48.52,
              change: 0.07,
              changePct: 0.14447884416924664,
              marketCapUsd: 13753964400,
              weight: 0.1794589098665801,
              contribution: 0.25897314392677606,
              lastTimeMs: nowMs,
            },
          ],
        },
      },
    },
  };
}

export function peerDeltaProto(seq: number, nowMs: number): Uint8Array {
  return wire.ServerMessage.encode(peerDelta(seq, nowMs)).finish();
}

export function peerDeltaJson(seq: number, nowMs: number): string {
  return JSON.stringify(peerDelta(seq, nowMs));
}

/** Reads seq and the send time back from a JSON payload (probes of the JSON peers). */
export function readPeerDelta(value: unknown): { seq: number; sendTimeMs: number } | null {
  const d = (value as { delta?: { seq?: unknown; sendTimeMs?: unknown } } | null)?.delta;
  if (d === undefined || typeof d.seq !== 'number' || typeof d.sendTimeMs !== 'number') return null;
  return { seq: d.seq, sendTimeMs: d.sendTimeMs };
}
