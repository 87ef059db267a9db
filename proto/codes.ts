/**
 * The numeric codes of protocol v1 a subscriber receives: error codes (`ServerMessage.error.code`)
 * and websocket close codes. They are wire contract, read by the server and by the SDK alike, so both
 * import them from here. A code never changes meaning and is never reused; the README's table is
 * generated from ERROR_DESCRIPTIONS (scripts/readme-codes.ts; test/unit/readme.test.ts checks it).
 * 1xxx: the request was wrong; 2xxx: a limit was hit (retry_after_ms says when to try again where that helps).
 * The publisher's ingest reasons (30xx, 31xx) are the gate's, in server/ingest/reasons.ts.
 */
export const ErrorCode = {
  BadMessage: 1001,
  BadChannel: 1002,
  UnknownChannel: 1003,
  BadRate: 1004,
  NotSubscribed: 1005,
  BadResume: 1006,
  ChannelNotPermitted: 1007,
  MessageTooLarge: 2001,
  TooManySubscriptions: 2002,
  RateLimited: 2003,
  Unavailable: 2004,
  /** Refused at the upgrade (HTTP 429): this address already holds its share of connections. */
  TooManyConnections: 2005,
  /** Refused at the upgrade (HTTP 429): new connections arrive too fast, from this address or overall. */
  ConnectRateLimited: 2006,
  /** The server's send queues together hold more than their cap: new connections (HTTP 503) and subscribes wait. */
  ServerBusy: 2007,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One line per code for the README (the server's default limits are added there by the generator). */
export const ERROR_DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  [ErrorCode.BadMessage]: 'message could not be decoded as a ClientMessage (protobuf or JSON)',
  [ErrorCode.BadChannel]: 'channel name is malformed',
  [ErrorCode.UnknownChannel]: 'no such index, symbol or bar interval',
  [ErrorCode.BadRate]: 'conflate_ms must be 0 (raw), 100 or 1000',
  [ErrorCode.NotSubscribed]: 'unsubscribe from a channel/rate that is not subscribed',
  [ErrorCode.BadResume]: 'resume point names a channel that is not in the request',
  [ErrorCode.ChannelNotPermitted]: "the connection's token does not grant this channel (its `channels` claim); the other channels of the request are unaffected",
  [ErrorCode.MessageTooLarge]: 'client message larger than the limit',
  [ErrorCode.TooManySubscriptions]: 'subscription limit per connection reached',
  [ErrorCode.RateLimited]: 'too many client messages; retry after `retryAfterMs`',
  [ErrorCode.Unavailable]: "a gateway has no state for the channel yet (its aggregator or Redis is not reachable); retry after `retryAfterMs`",
  [ErrorCode.TooManyConnections]: 'too many open connections from this address: the upgrade is refused with HTTP 429 (body: this error as JSON); retry after `retryAfterMs`',
  [ErrorCode.ConnectRateLimited]: 'new connections arrive too fast, from this address or in total: the upgrade is refused with HTTP 429; retry after `retryAfterMs`',
  [ErrorCode.ServerBusy]: "the server's send queues are over their total cap: upgrades get HTTP 503, subscribes this error; retry after `retryAfterMs`",
};

/** Websocket close codes the server sends (4000–4999 are the application's). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  TooBig: 1009,
  SlowConsumer: 4000,
  Restart: 4001,
  /** A limit that cannot be answered message by message: over the per-address count (a race at the upgrade), or still sending after many RateLimited errors. */
  LimitExceeded: 4029,
  /** A publisher on /v1/ingest without a valid token (the upgrade is normally refused with HTTP 401 first). */
  Unauthorized: 4401,
  /** A subscriber whose token expired (a `token_expiring` notice came first): reconnect with a fresh token. */
  TokenExpired: 4402,
  /** A publisher whose key was removed or given a new token by a reload of the publisher keys file. */
  PublisherKeyRevoked: 4403,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
