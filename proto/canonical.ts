/**
 * The canonical form of a channel's full state, shared by the server (keyframe checksums) and clients
 * (verifying the state they rebuilt from snapshot + deltas): lists sorted by their key, then encoded
 * as a ChannelState protobuf message, whose field order protobufjs fixes. CRC32 of those bytes is the
 * keyframe checksum.
 */
import { crc32 } from './crc32.ts';
import { wire, type hashcap } from './wire.ts';

type ChannelState = hashcap.v1.IChannelState;

const byString = <T>(key: (item: T) => string) => (a: T, b: T) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function canonicalize(state: ChannelState): ChannelState {
  if (state.index) {
    const constituents = [...(state.index.constituents ?? [])].sort(byString((c) => c.ticker ?? ''));
    return { index: { ...state.index, constituents } };
  }
  if (state.quotes) {
    return { quotes: { quotes: [...(state.quotes.quotes ?? [])].sort(byString((q) => q.symbol ?? '')) } };
  }
  if (state.bars) {
    const bars = [...(state.bars.bars ?? [])].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
    return { bars: { ...state.bars, bars } };
  }
  if (state.status) {
    const s = state.status;
    return {
      status: {
        ...s,
        symbols: [...(s.symbols ?? [])].sort(byString((x) => x.symbol ?? '')),
        rejects: [...(s.rejects ?? [])].sort((a, b) => (a.reason ?? 0) - (b.reason ?? 0)),
      },
    };
  }
  return state;
}

export function stateChecksum(state: ChannelState): number {
  return crc32(wire.ChannelState.encode(canonicalize(state)).finish());
}
