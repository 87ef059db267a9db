/**
 * The canonical form of a channel's full state, shared by the server (keyframe checksums) and clients
 * (verifying the state they rebuilt from snapshot + deltas): lists sorted by their key, then encoded
 * as a ChannelState protobuf message, whose field order protobufjs fixes. CRC32 of those bytes is the
 * keyframe checksum (`crc32`). Clients that keep the state as JSON and have no protobuf encoder check
 * `jsonCrc32` instead: CRC32 of `canonicalJson(state)`, which any language can write with its JSON
 * library and a number formatter (client/examples/python/bot.py does it in a dozen lines).
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

/**
 * The state's canonical JSON (the rule is in hashcap.proto at Snapshot.json_crc32): protobuf JSON
 * mapping, canonical list order, members at a default value left out, then RFC 8785. Leaving defaults
 * out makes the text independent of field presence, which the JSON mapping, the protobuf round trip
 * and a client's merge each treat a little differently, and drops the delta-only `milestonesChanged`
 * and `removed` once applied.
 */
export function canonicalJson(state: ChannelState): string {
  const mapped = wire.ChannelState.toObject(wire.ChannelState.fromObject(canonicalize(state)), {
    longs: String,
    enums: String,
    json: true,
  });
  return jcs(mapped) ?? '{}';
}

const isDefault = (v: unknown): boolean =>
  v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0);

/** RFC 8785 for the values a JSON mapping holds; members at their default value are left out. */
function jcs(value: unknown): string | undefined {
  if (Array.isArray(value)) return `[${value.map((v) => jcs(v) ?? 'null').join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    // Member names are ASCII, so the default sort (by UTF-16 code unit) is RFC 8785's order.
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (!isDefault(v)) members.push(`${JSON.stringify(key)}:${jcs(v)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

const utf8 = new TextEncoder();

export function stateJsonChecksum(state: ChannelState): number {
  return crc32(utf8.encode(canonicalJson(state)));
}
