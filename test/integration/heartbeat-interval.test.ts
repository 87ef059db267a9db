/**
 * `--heartbeat-ms`: an idle channel's subscribers hear from it at the configured interval, not the
 * default second (a large deployment trades idle-channel liveness for fewer frames per subscriber).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';

const INTERVAL_MS = 1500;

describe('--heartbeat-ms', () => {
  let server: HashcapServer;
  beforeAll(async () => {
    server = await startServer(parseConfig(['--port', '0', '--no-simulate', '--heartbeat-ms', String(INTERVAL_MS)], {}), () => {});
  });
  afterAll(async () => {
    await server?.close();
  });

  it('spaces the heartbeats of an idle channel by the configured interval', async () => {
    const client = await StreamClient.connect(server.url);
    try {
      const arrivals: number[] = [];
      client.socket.on('message', () => {
        const last = client.messages.at(-1);
        if (last?.heartbeat?.channel === 'index.miners') arrivals.push(performance.now());
      });
      client.subscribe(['index.miners']);
      await client.until('three heartbeats', () => arrivals.length >= 3, 8_000);
      const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
      // The feed checks idle topics every 250 ms: a gap is the interval, rounded up to that tick.
      for (const gap of gaps) {
        expect(gap).toBeGreaterThan(INTERVAL_MS - 100);
        expect(gap).toBeLessThan(INTERVAL_MS + 1000);
      }
    } finally {
      client.close();
    }
  });
});
