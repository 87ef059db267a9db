/**
 * Helpers for the security tests: subscriber tokens signed with jose (as an operator's token service
 * would), and the HTTP status a websocket upgrade gets from a real `ws` client.
 */
import { SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';

export const JWT_SECRET = 'test-jwt-secret-that-is-at-least-32-bytes-long';

export interface TokenClaims {
  readonly channels?: unknown;
  /** Seconds from now; negative = already expired. */
  readonly expiresInS?: number;
  readonly sub?: string;
}

/** A signed token: HS256 with JWT_SECRET by default, or EdDSA / RS256 with a private key. */
export async function signToken(claims: TokenClaims, key: { alg: 'HS256'; secret?: string } | { alg: 'EdDSA' | 'RS256'; privateKey: KeyObject } = { alg: 'HS256' }): Promise<string> {
  const jwt = new SignJWT({ ...(claims.channels !== undefined && { channels: claims.channels }) })
    .setProtectedHeader({ alg: key.alg })
    .setSubject(claims.sub ?? 'test-bot')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresInS ?? 3600));
  return key.alg === 'HS256' ? jwt.sign(new TextEncoder().encode(key.secret ?? JWT_SECRET)) : jwt.sign(key.privateKey);
}

/** The status of a websocket upgrade: 101 when it opened, else the refusal's status (and its body). */
export function upgradeStatus(url: string, options: { headers?: Record<string, string>; ca?: Buffer } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), ['hashcap.v1.proto'], { headers: options.headers ?? {}, ...(options.ca && { ca: options.ca }) });
    socket.once('open', () => {
      socket.terminate();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', (err) => {
      // 'unexpected-response' resolved already; any other error is the test's failure.
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
