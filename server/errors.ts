/**
 * Every error hashcap reports to a user carries a stable string `code` (like ws's `WS_ERR_*` codes),
 * so callers branch on the code, never on the message text. The codes are listed once, below; a code
 * never changes meaning, and a new one is added here first (the compiler refuses any other string).
 *
 * These are the codes of errors thrown inside a process (a bad file or flag, a misused API, a port
 * that cannot be bound). What a peer receives over the wire is numeric and kept apart, because its
 * rules differ (a number in a protobuf field, shared with clients, never reused): the subscriber's
 * error and close codes in `proto/codes.ts` (the SDK reads them too) and the publisher's ingest
 * reasons in `server/ingest/reasons.ts`. Where one becomes the other, the code says so
 * (INGEST_UNDECODABLE is answered with ingest reason 3101).
 */
export const HashcapErrorCode = {
  /** A command-line flag or environment variable of the server has a bad value (ConfigError). */
  CONFIG_INVALID: 'CONFIG_INVALID',

  // Basket files (server/market/basket.ts): a FileFormatError naming the file, line and field.
  /** The first line is not `# hashcap-basket: 1` (missing, malformed, or another version). */
  BASKET_VERSION: 'BASKET_VERSION',
  /** A malformed, unknown, duplicate or missing header key; a bad revision, base_level or milestones_usd. */
  BASKET_HEADER: 'BASKET_HEADER',
  /** The id is not lower-case letters, digits, '-' and '_'. */
  BASKET_ID: 'BASKET_ID',
  /** Not a real calendar date written YYYY-MM-DD. */
  BASKET_DATE: 'BASKET_DATE',
  /** The column line is missing, or a column is unknown, duplicated or missing. */
  BASKET_COLUMN: 'BASKET_COLUMN',
  /** A row with the wrong number of cells. */
  BASKET_ROW: 'BASKET_ROW',
  /** A CSV quoting error: an unterminated or stray quote. */
  BASKET_QUOTE: 'BASKET_QUOTE',
  /** An empty, malformed or duplicate ticker. */
  BASKET_TICKER: 'BASKET_TICKER',
  /** An empty name or exchange, control characters, leading or trailing whitespace. */
  BASKET_TEXT: 'BASKET_TEXT',
  /** shares_outstanding is not a positive safe integer. */
  BASKET_SHARES: 'BASKET_SHARES',
  /** previous_close is not a positive finite decimal. */
  BASKET_PRICE: 'BASKET_PRICE',
  /** float_factor or cap_factor is outside (0, 1]. */
  BASKET_FACTOR: 'BASKET_FACTOR',
  /** The basket has no constituents. */
  BASKET_EMPTY: 'BASKET_EMPTY',
  /** A basket file cannot be read or is not UTF-8 (server/market/basket-file.ts). */
  BASKET_FILE: 'BASKET_FILE',
  /** Two loaded baskets have the same id, so they would publish to the same channel. */
  BASKET_DUPLICATE_ID: 'BASKET_DUPLICATE_ID',

  // The one-off closures file (server/market/one-off-closures.ts): a FileFormatError, like a basket's.
  /** The first line that is not a comment is not exactly the column line. */
  CLOSURES_COLUMNS: 'CLOSURES_COLUMNS',
  /** A row without exactly one cell per column. */
  CLOSURES_ROW: 'CLOSURES_ROW',
  /** Not a real YYYY-MM-DD date, a weekend, out of order or repeated, or already a rule holiday or half day. */
  CLOSURES_DATE: 'CLOSURES_DATE',
  /** kind is not 'closed' or 'early-close'. */
  CLOSURES_KIND: 'CLOSURES_KIND',
  /** An empty name or source, quotes, control characters, surrounding whitespace. */
  CLOSURES_TEXT: 'CLOSURES_TEXT',
  /** The closures file cannot be read or is not UTF-8. */
  CLOSURES_FILE: 'CLOSURES_FILE',

  // The market calendar (server/market/sessions.ts).
  /** An epoch time that is not a finite number of milliseconds within the supported range. */
  BAD_TIME: 'BAD_TIME',
  /** A date that is not a real 'YYYY-MM-DD'. */
  BAD_DATE: 'BAD_DATE',
  /** No trading day within the scanned window (a calendar that closes everything). */
  CALENDAR: 'CALENDAR',

  // The engine (server/engine): a caller broke a precondition.
  /** No basket given to the market engine. */
  ENGINE_NO_INDEX: 'ENGINE_NO_INDEX',
  /** A basket without constituents, or removing the last one. */
  ENGINE_EMPTY_BASKET: 'ENGINE_EMPTY_BASKET',
  /** A constituent already in the index, or two baskets with the same id. */
  ENGINE_DUPLICATE: 'ENGINE_DUPLICATE',
  /** An engine option out of range (milestone hysteresis, divisor). */
  ENGINE_OPTION: 'ENGINE_OPTION',
  /** A price or previous close that is not positive and finite. */
  ENGINE_PRICE: 'ENGINE_PRICE',
  /** A market cap beyond the engine's exact integer range. */
  ENGINE_RANGE: 'ENGINE_RANGE',
  /** A slot that is not a member of the index. */
  ENGINE_SLOT: 'ENGINE_SLOT',
  /** Shares that are not a positive integer. */
  ENGINE_SHARES: 'ENGINE_SHARES',
  /** A float or cap factor outside (0, 1]. */
  ENGINE_FACTOR: 'ENGINE_FACTOR',
  /** A symbol that is not in the engine's universe. */
  ENGINE_SYMBOL: 'ENGINE_SYMBOL',

  // The wire form of a tick.
  /** A publisher message, batch or reply that is not valid protobuf or protobuf JSON (answered with ingest reason 3101). */
  INGEST_UNDECODABLE: 'INGEST_UNDECODABLE',
  /** The strict protobuf decoder of ticks and recordings failed at a byte offset (WireDecodeError). */
  WIRE_DECODE: 'WIRE_DECODE',

  // Recordings (RecordingError names the file and the line or byte offset).
  /** Not a recording, or a record that cannot be decoded (bad JSON, bad protobuf, a wrong field type). */
  RECORDING_CORRUPT: 'RECORDING_CORRUPT',
  /** The file ends inside a record (a recorder that was killed mid-write leaves this). */
  RECORDING_TRUNCATED: 'RECORDING_TRUNCATED',
  /** A recording of a format version this reader does not know. */
  RECORDING_VERSION: 'RECORDING_VERSION',
  /** The file could not be opened, read or written. */
  RECORDING_IO: 'RECORDING_IO',
  /** A bad option (speed, buffer size, format) passed to the recorder, reader or replay. */
  RECORDING_OPTION: 'RECORDING_OPTION',

  // The simulator.
  /** A simulator option out of range. */
  SIM_OPTION: 'SIM_OPTION',
  /** A second live loop started on a simulator that already runs one. */
  SIM_LIVE_RUNNING: 'SIM_LIVE_RUNNING',
  /** A symbol the simulator does not trade. */
  SIM_SYMBOL: 'SIM_SYMBOL',

  // Provider adapters.
  /** A missing or bad adapter flag, environment variable, URL or option. */
  ADAPTER_CONFIG: 'ADAPTER_CONFIG',
  /** An adapter runner started twice. */
  ADAPTER_STATE: 'ADAPTER_STATE',

  // Transports.
  /** The server cannot listen on the host and port it was given. */
  TRANSPORT_LISTEN_FAILED: 'TRANSPORT_LISTEN_FAILED',
  /** A websocket close code that RFC 6455 does not let an endpoint send. */
  TRANSPORT_BAD_CLOSE_CODE: 'TRANSPORT_BAD_CLOSE_CODE',

  // The bus (server/bus): how frames reach gateways, in process or through Redis.
  /** A bus URL or option that cannot be used: not memory://, redis://, rediss:// or redis-cluster://, or a bad number. */
  BUS_CONFIG: 'BUS_CONFIG',
  /** A topic the bus cannot carry: empty, too long, or with '{' or '}' (they would break the Redis Cluster hash tag). */
  BUS_TOPIC: 'BUS_TOPIC',
  /** A call on a bus after close(). */
  BUS_CLOSED: 'BUS_CLOSED',
  /** A Redis reply the bus cannot read: a frame without the bus header, or of a newer wire version. */
  BUS_FRAME: 'BUS_FRAME',

  // Durability (server/durability): the quote log and checkpoints in Redis.
  /** A checkpoint that cannot be used: bad magic, unknown version, checksum mismatch, truncated, or made for other baskets. */
  CHECKPOINT_CORRUPT: 'CHECKPOINT_CORRUPT',
  /** A quote-log entry that cannot be read (unknown version or kind, truncated). */
  QUOTE_LOG_ENTRY: 'QUOTE_LOG_ENTRY',
  /** Redis cannot give the durability --ack-durability asks for (fsync without AOF always, replicated without a replica). */
  ACK_DURABILITY_UNAVAILABLE: 'ACK_DURABILITY_UNAVAILABLE',

  // The local cluster (`npm run cluster`, scripts/cluster.ts).
  /** No redis-server to start: not on PATH (Debian package redis-server), or REDIS_SERVER names no program. */
  CLUSTER_REDIS_MISSING: 'CLUSTER_REDIS_MISSING',
  /** A part of the local cluster did not start, or did not answer /healthz (or PING) in time. */
  CLUSTER_START_FAILED: 'CLUSTER_START_FAILED',
} as const;
export type HashcapErrorCode = (typeof HashcapErrorCode)[keyof typeof HashcapErrorCode];

// Each key is its own value, so a code reads the same in a `throw` and in a log line.
HashcapErrorCode satisfies { readonly [K in keyof typeof HashcapErrorCode]: K };

export class HashcapError extends Error {
  readonly code: HashcapErrorCode;

  constructor(code: HashcapErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A bad value in a file we load (basket, recording, config file): names the file, line and field. */
export class FileFormatError extends HashcapError {
  readonly file: string;
  readonly line: number;
  readonly field: string;

  constructor(code: HashcapErrorCode, file: string, line: number, field: string, detail: string) {
    super(code, `${file}:${line}: ${field}: ${detail}`);
    this.file = file;
    this.line = line;
    this.field = field;
  }
}
