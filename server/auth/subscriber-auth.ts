/**
 * Who may read which channel of /v1/stream. With `--auth required` a connection presents a signed JWT
 * (`?token=` on the upgrade URL, which is all a browser can do, or `Authorization: Bearer`), verified
 * with `jose` against a shared HS256 secret or an Ed25519 / RSA public key. The token must carry `exp`
 * and a `channels` claim (patterns, see channel-patterns.ts); what it grants rides on the connection,
 * the gateway checks each subscribe against it and closes the connection when the token expires.
 * Nothing of the token or the key is ever put in a reply, a log line or a metric: a refusal says only
 * which rule failed.
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { errors as joseErrors, jwtVerify } from 'jose';

import { ConfigError } from '../config.ts';
import type { UpgradeDecision, UpgradeRequest } from '../transport/types.ts';
import { parseChannelPatterns, type ChannelPatterns } from './channel-patterns.ts';
import { bearerToken } from './bearer.ts';

/** The HS256 secret must be at least as long as the hash (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;
/** How long before `exp` a subscriber hears that its token is about to expire. */
export const DEFAULT_EXPIRY_NOTICE_MS = 30_000;

export type JwtKeySource = { readonly kind: 'secret'; readonly secret: string } | { readonly kind: 'public-key'; readonly file: string };

/** What a verified token lets its connection do. */
export interface SubscriberGrant {
  /** `sub`, or '' when the token names nobody (only for log lines about the connection, never the token). */
  readonly subject: string;
  readonly channels: ChannelPatterns;
  /** `exp` in epoch ms. */
  readonly expiresAtMs: number;
}

export type Verification = { readonly ok: true; readonly grant: SubscriberGrant } | { readonly ok: false; readonly reason: string };

/** Verifies subscriber tokens with one key; built once at start (a bad key is a ConfigError then). */
export class TokenVerifier {
  private readonly key: KeyObject;
  private readonly algorithms: string[];

  private constructor(key: KeyObject, algorithms: string[]) {
    this.key = key;
    this.algorithms = algorithms;
  }

  /** The algorithms follow from the key: HS256 for a secret, EdDSA for Ed25519, RS256 for RSA. */
  static fromSource(source: JwtKeySource): TokenVerifier {
    if (source.kind === 'secret') {
      const bytes = Buffer.from(source.secret, 'utf8');
      if (bytes.byteLength < MIN_SECRET_BYTES) throw new ConfigError('--jwt-secret', '<hidden>', `a secret of at least ${MIN_SECRET_BYTES} bytes`);
      return new TokenVerifier(createSecretKey(bytes), ['HS256']);
    }
    let key: KeyObject;
    try {
      key = createPublicKey(readFileSync(source.file));
    } catch (err) {
      const why = err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'an existing file' : 'a PEM public key (Ed25519 or RSA, SPKI "BEGIN PUBLIC KEY")';
      throw new ConfigError('--jwt-public-key', source.file, why);
    }
    if (key.asymmetricKeyType === 'ed25519') return new TokenVerifier(key, ['EdDSA', 'Ed25519']);
    if (key.asymmetricKeyType === 'rsa') return new TokenVerifier(key, ['RS256']);
    throw new ConfigError('--jwt-public-key', source.file, `an Ed25519 or RSA public key (this one is ${key.asymmetricKeyType ?? 'unknown'})`);
  }

  /** Never throws: a token that fails any check is a reason (which check, not what the token held). */
  async verify(token: string, nowMs: number = Date.now()): Promise<Verification> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: this.algorithms,
        requiredClaims: ['exp'],
        currentDate: new Date(nowMs),
      });
      const patterns = parseChannelPatterns(payload['channels']);
      if (!patterns.ok) return { ok: false, reason: patterns.message };
      return {
        ok: true,
        grant: { subject: typeof payload.sub === 'string' ? payload.sub : '', channels: patterns.patterns, expiresAtMs: (payload.exp ?? 0) * 1000 },
      };
    } catch (err) {
      return { ok: false, reason: refusalReason(err) };
    }
  }
}

/** jose's error kinds, mapped to a fixed text each: its messages may quote claims from the token. */
function refusalReason(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not accepted for this key';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return 'token claims are not valid (exp required; nbf, iat)';
  return 'token is not a valid JWT';
}

export interface SubscriberAccessOptions {
  readonly verifier: TokenVerifier | null;
  readonly expiryNoticeMs?: number;
  readonly now?: () => number;
}

/**
 * The upgrade check of /v1/stream and the expiry schedule of each connection. `verifier` null is
 * `--auth none`: no authorize hook at all, every channel open.
 */
export class SubscriberAccess {
  readonly required: boolean;
  readonly expiryNoticeMs: number;
  /** Upgrades (and /v1/snapshot requests) refused for a missing or bad token, since start. */
  refused = 0;
  private readonly verifier: TokenVerifier | null;
  private readonly now: () => number;

  constructor(options: SubscriberAccessOptions) {
    this.verifier = options.verifier;
    this.required = options.verifier !== null;
    this.expiryNoticeMs = options.expiryNoticeMs ?? DEFAULT_EXPIRY_NOTICE_MS;
    this.now = options.now ?? Date.now;
  }

  /** 401 without a token or with a bad one; the grant becomes `conn.user` before the gateway's `open`. */
  async authorize(req: UpgradeRequest): Promise<UpgradeDecision> {
    if (this.verifier === null) return { ok: true };
    const token = bearerToken(req.headers, req.query);
    if (token === undefined) {
      this.refused++;
      return { ok: false, status: 401, message: 'subscriber token required: ?token=<JWT> or Authorization: Bearer <JWT>' };
    }
    const result = await this.verifier.verify(token, this.now());
    if (!result.ok) {
      this.refused++;
      return { ok: false, status: 401, message: result.reason };
    }
    return { ok: true, user: result.grant };
  }

  /**
   * Runs `notice` `expiryNoticeMs` before the grant expires (at once when less is left) and `expire`
   * at expiry; the returned function cancels both (call it when the connection closes).
   */
  watchExpiry(grant: SubscriberGrant, notice: () => void, expire: () => void): () => void {
    const now = this.now();
    const noticeTimer = longTimeout(notice, grant.expiresAtMs - this.expiryNoticeMs - now);
    const expireTimer = longTimeout(expire, grant.expiresAtMs - now);
    return () => {
      noticeTimer.cancel();
      expireTimer.cancel();
    };
  }
}

/** Node fires a setTimeout longer than 2^31-1 ms at once; a token valid for weeks is waited for in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function longTimeout(fn: () => void, delayMs: number): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const due = Date.now() + Math.max(0, delayMs);
  const arm = (): void => {
    const left = due - Date.now();
    timer = left > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(fn, Math.max(0, left));
    timer.unref();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

export function isSubscriberGrant(user: unknown): user is SubscriberGrant {
  return typeof user === 'object' && user !== null && 'channels' in user && 'expiresAtMs' in user;
}
