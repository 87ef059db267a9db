/**
 * One websocket upgrade on a bare socket from a chosen loopback source address, for tests of admission
 * limits: the HTTP status, headers and body of a refusal, or the open socket of an accepted upgrade.
 */
import { connect, type Socket } from 'node:net';
import { responseHeadEnd, responseStatus, upgradeRequest } from '../../bench/load/ws-frames.ts';

export interface UpgradeResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body of a refusal (empty for 101). */
  readonly body: string;
  /** Open after a 101; destroyed otherwise. The caller destroys it. */
  readonly socket: Socket;
}

export function upgradeFrom(localAddress: string, port: number, path = '/v1/stream', extraHeaders = ''): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress, noDelay: true });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no upgrade answer from ${localAddress} within 5 s`));
    }, 5_000);
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('connect', () => socket.write(upgradeRequest('127.0.0.1', port, path, extraHeaders)));
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = responseHeadEnd(buf);
      if (end === -1) return;
      const head = buf.subarray(0, end);
      const headers: Record<string, string> = {};
      for (const line of head.toString('latin1').split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const status = responseStatus(head);
      if (status === 101) {
        socket.off('data', onData);
        clearTimeout(timer);
        resolve({ status, headers, body: '', socket });
        return;
      }
      const length = Number(headers['content-length'] ?? 0);
      if (buf.length - end < length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, headers, body: buf.subarray(end, end + length).toString('utf8'), socket });
    };
    socket.on('data', onData);
  });
}
