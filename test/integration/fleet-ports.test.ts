/**
 * The scale-out generators bind their own local ports (bench/load/fleet.ts `localPorts`): a port that
 * is taken is skipped at once, and every subscriber still gets subscribed from a port of the range.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { Fleet } from '../../bench/load/fleet.ts';
import { hashcapProtocol } from '../../bench/load/protocols.ts';

const SOURCE = '127.0.0.9';

/** Listens on SOURCE at some port of 10000–32000 that is free there: the port the fleet will find taken. */
async function blockAPort(): Promise<{ blocker: Server; port: number }> {
  for (let i = 0; i < 50; i++) {
    const port = 10_000 + Math.floor(Math.random() * 22_000);
    const blocker = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(port, SOURCE, () => resolve(true));
    });
    if (ok) return { blocker, port };
  }
  throw new Error(`no free port on ${SOURCE}`);
}

describe('fleet with its own local ports', () => {
  let server: HashcapServer | null = null;
  let blocker: Server | null = null;
  afterEach(async () => {
    await server?.close();
    blocker?.close();
    server = null;
    blocker = null;
  });

  it('skips a taken port and subscribes everyone from the range', async () => {
    server = await startServer(parseConfig(['--transport', 'ws', '--no-simulate', '--host', '127.0.0.1', '--port', '0'], {}), () => {});
    const blocked = await blockAPort();
    blocker = blocked.blocker;
    const fleet = new Fleet({
      protocol: hashcapProtocol('/v1/stream', 'index.miners'),
      host: '127.0.0.1',
      port: server.port,
      count: 3,
      sourceAddresses: [SOURCE],
      maxConnecting: 3,
      reconnect: { baseMs: 50, capMs: 200 },
      seed: 1,
      localPorts: { first: blocked.port, last: blocked.port + 3 },
    });
    fleet.start();
    try {
      expect(await fleet.waitAllReady(Date.now() + 10_000)).toBe(true);
      expect(fleet.portsSkipped).toBe(1);
      expect(fleet.failedAttempts).toBe(0);
    } finally {
      await fleet.stop(1000);
    }
  });
});
