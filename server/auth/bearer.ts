/**
 * Where a token travels on an upgrade or an HTTP request: `Authorization: Bearer <token>` (scheme
 * case-insensitive) first, then `?token=` (browsers cannot set headers on a websocket). Publisher keys
 * and subscriber JWTs are read the same way.
 */
export function bearerToken(headers: Readonly<Record<string, string>>, query: URLSearchParams): string | undefined {
  const auth = headers['authorization'];
  if (auth !== undefined) {
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(auth);
    if (match) return match[1];
  }
  const token = query.get('token');
  return token === null || token === '' ? undefined : token;
}
