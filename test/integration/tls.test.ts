/**
 * `--tls-cert` / `--tls-key`: both transports serve https:// and wss:// themselves, with a certificate
 * this test makes with openssl for 127.0.0.1. A client that trusts it gets /healthz and a live stream;
 * one that does not is refused by its own TLS check; plain http to the port gets no answer; a bad
 * file stops the start with TLS_CONFIG naming it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wire } from '../../proto/wire.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { HashcapErrorCode } from '../../server/errors.ts';
import { decode, type Msg } from '../support/stream-client.ts';
import { JWT_SECRET, signToken } from '../support/auth.ts';
import { TRANSPORTS } from '../support/uws.ts';

const HAS_OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!HAS_OPENSSL && process.env['CI']) throw new Error('openssl is required in CI for the TLS tests (Debian package openssl)');

const dir = mkdtempSync(join(tmpdir(), 'hashcap-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
if (HAS_OPENSSL) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
}

const servers: HashcapServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function httpsGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...(ca && { ca }) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!HAS_OPENSSL)('TLS served directly', () => {
  for (const kind of TRANSPORTS) {
    it(`serves https:// and wss:// over ${kind}, with subscriber auth on top`, async () => {
      const server = await startServer(
        parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--tls-cert', cert, '--tls-key', key, '--auth', 'required', '--jwt-secret', JWT_SECRET], {}),
        () => {},
      );
      servers.push(server);
      expect(server.transport.name).toBe(kind);
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(cert);

      const health = await httpsGet(`${server.url}/healthz`, ca);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ transport: kind });
      // Not trusted: the client's own check refuses the certificate.
      await expect(httpsGet(`${server.url}/healthz`)).rejects.toThrow(/self[- ]signed/i);
      // Plain http on the TLS port gets no HTTP answer.
      await expect(fetch(server.url.replace('https', 'http') + '/healthz', { signal: AbortSignal.timeout(3_000) })).rejects.toThrow();

      const token = await signToken({ channels: ['index.*'] });
      const socket = new WebSocket(`${server.url.replace('https', 'wss')}/v1/stream?token=${token}`, ['hashcap.v1.proto'], { ca });
      const messages: Msg[] = [];
      socket.on('message', (data: Buffer, isBinary: boolean) => messages.push(decode(data, isBinary)));
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      socket.send(wire.ClientMessage.encode({ subscribe: { requestId: 1, channels: ['index.miners'], conflateMs: 0 } }).finish());
      const deadline = Date.now() + 10_000;
      while (!messages.some((m) => m.snapshot?.channel === 'index.miners')) {
        if (Date.now() > deadline) throw new Error('no snapshot over wss');
        await new Promise((r) => setTimeout(r, 20));
      }
      socket.terminate();
    });

    it(`stops the start with TLS_CONFIG on a file that is not a certificate (${kind})`, async () => {
      const bogus = join(dir, 'bogus.pem');
      writeFileSync(bogus, 'not a certificate\n');
      await expect(
        startServer(parseConfig(['--port', '0', '--transport', kind, '--no-simulate', '--tls-cert', bogus, '--tls-key', key], {}), () => {}),
      ).rejects.toMatchObject({ code: HashcapErrorCode.TLS_CONFIG, message: expect.stringContaining(bogus) });
    });
  }
});
