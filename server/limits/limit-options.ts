/**
 * Every limit an operator can set: its flag, environment variable, default and meaning. config.ts parses
 * them, the README and SECURITY.md list them (a test checks SECURITY.md names each flag with this default).
 * Rates allow a burst of twice the rate. 0 switches a limit off where the help says so.
 */
export interface ConfiguredLimits {
  readonly maxConnectionsPerAddress: number;
  readonly connectsPerSecondPerAddress: number;
  readonly connectsPerSecond: number;
  readonly maxSubscriptions: number;
  readonly clientMessagesPerSecond: number;
  readonly maxMessageBytes: number;
  readonly ingestBatchesPerSecond: number;
  readonly maxQueuedBytes: number;
  readonly idleTimeoutSeconds: number;
}

export interface LimitOption {
  readonly key: keyof ConfiguredLimits;
  readonly flag: string;
  readonly env: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly help: string;
}

export const LIMIT_OPTIONS: readonly LimitOption[] = [
  {
    key: 'maxConnectionsPerAddress',
    flag: '--max-connections-per-address',
    env: 'HASHCAP_MAX_CONNECTIONS_PER_ADDRESS',
    default: 1000,
    min: 0,
    max: 10_000_000,
    help: 'open /v1/stream connections from one IP address; more get HTTP 429, code 2005 (default 1000; 0 = off)',
  },
  {
    key: 'connectsPerSecondPerAddress',
    flag: '--connects-per-second-per-address',
    env: 'HASHCAP_CONNECTS_PER_SECOND_PER_ADDRESS',
    default: 100,
    min: 0,
    max: 10_000_000,
    help: 'new /v1/stream connections per second from one IP address, burst twice that; more get HTTP 429, code 2006 (default 100; 0 = off)',
  },
  {
    key: 'connectsPerSecond',
    flag: '--connects-per-second',
    env: 'HASHCAP_CONNECTS_PER_SECOND',
    default: 1000,
    min: 0,
    max: 10_000_000,
    help: 'new /v1/stream connections per second from all addresses, burst twice that; more get HTTP 429, code 2006 (default 1000; 0 = off)',
  },
  {
    key: 'maxSubscriptions',
    flag: '--max-subscriptions',
    env: 'HASHCAP_MAX_SUBSCRIPTIONS',
    default: 64,
    min: 1,
    max: 100_000,
    help: 'subscriptions per connection; more get error 2002 (default 64)',
  },
  {
    key: 'clientMessagesPerSecond',
    flag: '--client-messages-per-second',
    env: 'HASHCAP_CLIENT_MESSAGES_PER_SECOND',
    default: 20,
    min: 1,
    max: 10_000_000,
    help: 'messages per second a subscriber may send, burst twice that; more get error 2003 with retryAfterMs, and one that keeps sending is closed with 4029 (default 20)',
  },
  {
    key: 'maxMessageBytes',
    flag: '--max-message-bytes',
    env: 'HASHCAP_MAX_MESSAGE_BYTES',
    default: 16 * 1024,
    min: 64,
    max: 1024 * 1024,
    help: 'largest subscriber message answered; larger get error 2001, and beyond 1 MiB the transport closes with 1009 (default 16384)',
  },
  {
    key: 'ingestBatchesPerSecond',
    flag: '--ingest-batches-per-second',
    env: 'HASHCAP_INGEST_BATCHES_PER_SECOND',
    default: 1000,
    min: 0,
    max: 10_000_000,
    help: 'batches per second per publisher at /v1/ingest and POST /v1/quotes, burst twice that; a publisher key with its own rate= (--publishers) has that rate instead; more get reason 3111 PUBLISHER_RATE_LIMITED (HTTP 429) with retryAfterMs (default 1000; 0 = off)',
  },
  {
    key: 'maxQueuedBytes',
    flag: '--max-queued-bytes',
    env: 'HASHCAP_MAX_QUEUED_BYTES',
    default: 512 * 1024 * 1024,
    min: 0,
    max: 2 ** 50,
    help: 'bytes waiting in all subscribers\' send queues together; above it the largest queues are closed as slow consumers (4000) and new connections (HTTP 503) and subscribes get code 2007 (default 536870912 = 512 MiB; 0 = off)',
  },
  {
    key: 'idleTimeoutSeconds',
    flag: '--idle-timeout',
    env: 'HASHCAP_IDLE_TIMEOUT',
    default: 120,
    min: 0,
    max: 960,
    help: 'seconds a websocket peer may stay silent (no message, no pong to the server\'s pings) before it is closed; uws rounds up to a multiple of 4, from 8 (default 120; 0 = off)',
  },
];

export const DEFAULT_CONFIGURED_LIMITS: ConfiguredLimits = Object.fromEntries(LIMIT_OPTIONS.map((o) => [o.key, o.default])) as unknown as ConfiguredLimits;
