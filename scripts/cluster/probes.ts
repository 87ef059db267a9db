/**
 * What the cluster command asks of the network before and while it starts the parts: is a port free,
 * does Redis answer PING, what does a role's /healthz say. Each over a fresh connection, so that on the
 * port the gateways share every probe may reach a different gateway.
 */
import { request } from 'node:http';
import { createConnection, createServer } from 'node:net';

/** A port nothing listens on now (the kernel's pick on loopback). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * Whether an exclusive listen on host:port succeeds now. Node 20's net module does not set SO_REUSEPORT,
 * so this fails also when other processes already share the port with it set: gateways of another
 * cluster would otherwise quietly share this one's port.
 */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when a Redis on 127.0.0.1:port answers PING within `timeoutMs`. */
export function redisAnswers(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('error', () => finish(false));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.write('PING\r\n');
  });
}

/** GET /healthz over a new connection: the JSON body of a 200, or null (refused, an error status, a timeout). */
export function healthz(base: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const req = request(`${base}/healthz`, { agent: false, headers: { connection: 'close' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        try {
          const parsed: unknown = JSON.parse(body);
          resolve(res.statusCode === 200 && typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null);
        } catch {
          resolve(null);
        }
      });
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}
