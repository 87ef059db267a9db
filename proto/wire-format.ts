/**
 * The two encodings of protocol v1, each chosen by a websocket sub-protocol: binary protobuf (the
 * default) or the standard protobuf JSON mapping as text. Server (transports, gateway, ingest) and
 * SDK take the names from here so they cannot drift apart.
 */
export type WireFormat = 'proto' | 'json';

export const SUBPROTOCOL_PROTO = 'hashcap.v1.proto';
export const SUBPROTOCOL_JSON = 'hashcap.v1.json';

export const SUBPROTOCOLS: Readonly<Record<WireFormat, string>> = {
  proto: SUBPROTOCOL_PROTO,
  json: SUBPROTOCOL_JSON,
};
