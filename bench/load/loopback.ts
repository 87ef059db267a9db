/**
 * The load generator only ever sends to loopback: every URL host and every source address is checked
 * here, in one place, before a socket is opened. `localhost` is pinned to 127.0.0.1 rather than
 * resolved, so a resolver returning ::1 or another address cannot move the load elsewhere.
 */
import { isIPv4 } from 'node:net';

export class NotLoopbackError extends Error {
  constructor(what: string, value: string) {
    super(`${what} ${JSON.stringify(value)} is not a loopback address (127.0.0.0/8): the load generator refuses to send anywhere else`);
  }
}

export function isLoopbackV4(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}

/** The IPv4 loopback address a URL host stands for; throws for anything else. */
export function loopbackHost(host: string, what = 'host'): string {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return '127.0.0.1';
  if (!isLoopbackV4(h)) throw new NotLoopbackError(what, host);
  return h;
}

/** "127.0.0.2,127.0.0.3" → checked list; empty → [] (the kernel picks 127.0.0.1). */
export function parseSourceAddresses(list: string | undefined): string[] {
  if (list === undefined || list.trim() === '') return [];
  return list.split(',').map((s) => {
    const a = s.trim();
    if (!isLoopbackV4(a)) throw new NotLoopbackError('source address', a);
    return a;
  });
}

/** 127.0.0.<from> … 127.0.0.<to>: the spread the benches use to get past one address's ephemeral ports. */
export function loopbackRange(from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`127.0.0.${i}`);
  return out;
}

/** A websocket (or plain) URL split into its parts, with the host checked. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** Path and query, e.g. "/v1/stream". */
  readonly path: string;
}

export function loopbackEndpoint(url: string, defaultPath: string): Endpoint {
  const u = new URL(url);
  const host = loopbackHost(u.hostname, 'URL host');
  const port = u.port === '' ? (u.protocol === 'wss:' || u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  if (u.protocol === 'wss:' || u.protocol === 'https:') throw new Error('TLS is not supported by the load generator (loopback only)');
  const path = u.pathname === '/' || u.pathname === '' ? defaultPath : u.pathname;
  return { host, port, path: path + u.search };
}
