/**
 * The security settings of one process, built from its config: who may read /v1/stream (subscriber
 * tokens), who may publish (publisher keys), which web origins may open a websocket. app.ts and
 * gateway-app.ts wire what this returns; main.ts prints `describe` at start and reloads the keys on
 * SIGHUP through `reloadPublisherKeys`.
 */
import { CloseCode } from '../../proto/codes.ts';
import type { Config } from '../config.ts';
import { HashcapError } from '../errors.ts';
import { OriginPolicy } from './origin.ts';
import { PublisherKeyring } from './publisher-keys.ts';
import { SubscriberAccess, TokenVerifier } from './subscriber-auth.ts';

export interface Security {
  readonly subscribers: SubscriberAccess;
  readonly origins: OriginPolicy;
  /** null: the single --token (or a generated one). */
  readonly publishers: PublisherKeyring | null;
}

export interface SecurityOverrides {
  /** How long before a token's exp its connection hears `token_expiring` (default 30 s). */
  readonly expiryNoticeMs?: number;
}

export async function createSecurity(config: Config, overrides: SecurityOverrides = {}): Promise<Security> {
  const verifier =
    config.auth === 'none'
      ? null
      : TokenVerifier.fromSource(config.jwtSecret !== null ? { kind: 'secret', secret: config.jwtSecret } : { kind: 'public-key', file: config.jwtPublicKeyPath ?? '' });
  return {
    subscribers: new SubscriberAccess({ verifier, ...(overrides.expiryNoticeMs !== undefined && { expiryNoticeMs: overrides.expiryNoticeMs }) }),
    origins: new OriginPolicy(config.allowOrigins),
    publishers: config.publishersPath === null ? null : await PublisherKeyring.open(config.publishersPath),
  };
}

/** The start-up lines: an open stream says so, in words, every time. */
export function describeSecurity(config: Config, security: Security, servesStream: boolean): string[] {
  const lines: string[] = [];
  if (servesStream) {
    lines.push(
      config.auth === 'none'
        ? '  auth       none: the stream is open to anyone who can reach this port (--auth required asks for tokens)'
        : `  auth       required: subscribers present a JWT (${config.jwtSecret !== null ? 'HS256, shared secret' : `public key ${config.jwtPublicKeyPath}`})`,
    );
  }
  if (security.origins.restricted) lines.push(`  origins    ${config.allowOrigins.join(', ')}   (other web origins get 403)`);
  if (security.publishers !== null) {
    lines.push(`  publishers ${security.publishers.size} keys from ${security.publishers.file} (${security.publishers.names().join(', ')}); kill -HUP ${process.pid} reloads it`);
  }
  if (config.tls !== null) lines.push(`  tls        ${config.tls.certFile}`);
  return lines;
}

/**
 * SIGHUP: reads the keys file again. A bad file changes nothing (the keys in force stay, the log says
 * which line is wrong); a good one takes effect for the next batch, and the open connections of keys
 * it removed or re-tokened are closed with 4403.
 */
export async function reloadPublisherKeys(
  keyring: PublisherKeyring,
  disconnect: (publisherIds: readonly string[], code: number, reason: string) => number,
  log: (line: string) => void,
): Promise<boolean> {
  try {
    const result = await keyring.reload();
    const closed = disconnect(result.revoked, CloseCode.PublisherKeyRevoked, 'publisher key revoked');
    const revoked = result.revoked.length === 0 ? 'none revoked' : `revoked ${result.revoked.join(', ')} (${closed} connections closed)`;
    log(`publishers: reloaded ${keyring.file}: ${result.keys} keys, ${revoked}`);
    return true;
  } catch (err) {
    const why = err instanceof HashcapError ? `${err.code}: ${err.message}` : 'unexpected error';
    log(`publishers: reload of ${keyring.file} failed, keeping the ${keyring.size} keys in force: ${why}`);
    return false;
  }
}
