/**
 * What the prices are, as the server says it in the `status` channel and GET /v1/snapshot: LIVE for
 * publishers, SIMULATED for the built-in simulator, REPLAY at its speed for a recording — and the
 * feed's market clock, from which a page shows the market date and New York time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';

const SUNDAY_CLOCK = '2026-12-06T11:00:00-05:00';

interface SnapshotBody {
  status: { source?: string; speed?: number; clockMarketMs?: number; clockWallMs?: number };
  indexes: Record<string, { milestonesUsd?: number[] }>;
}

describe('feed source', () => {
  let server: HashcapServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const start = async (args: string[]) => {
    server = await startServer(parseConfig(['--port', '0', '--host', '127.0.0.1', ...args], {}), () => {});
    return server;
  };
  const snapshot = async (s: HashcapServer) => (await (await fetch(`${s.url}/v1/snapshot`)).json()) as SnapshotBody;

  it('is SIMULATED with the simulator, with its market clock (a Sunday stays a Sunday)', async () => {
    const s = await start(['--clock', SUNDAY_CLOCK, '--speed', '60']);
    const body = await snapshot(s);
    expect(body.status.source).toBe('SOURCE_SIMULATED');
    expect(body.status.speed).toBe(60);
    const market = body.status.clockMarketMs! + (Date.now() - body.status.clockWallMs!) * body.status.speed!;
    expect(Math.abs(market - s.feed.status.full().clockMarketMs!)).toBeLessThan(120_000);
    expect(new Date(body.status.clockMarketMs!).toISOString().slice(0, 10)).toBe('2026-12-06');
    // Every milestone of the basket, not only the next one.
    expect(body.indexes.miners!.milestonesUsd).toEqual([75e9, 90e9, 100e9]);
    // The stream's status snapshot says the same.
    const client = await StreamClient.connect(s.url);
    try {
      client.subscribe(['status']);
      await client.until('status', () => client.snapshots('status').length > 0);
      expect(client.snapshots('status')[0]!.state!.status).toMatchObject({ source: 2, speed: 60 });
    } finally {
      client.close();
    }
  });

  it('is REPLAY ×N with --replay, on the recording\'s clock', async () => {
    const s = await start(['--replay', 'data/recordings/sample-day.bin', '--speed', '10']);
    const body = await snapshot(s);
    expect(body.status.source).toBe('SOURCE_REPLAY');
    expect(body.status.speed).toBe(10);
  });

  it('is LIVE without the simulator or a replay (publishers on /v1/ingest)', async () => {
    const s = await start(['--no-simulate']);
    const body = await snapshot(s);
    expect(body.status.source).toBe('SOURCE_LIVE');
    expect(body.status.speed).toBe(1);
    expect(Math.abs(body.status.clockMarketMs! - body.status.clockWallMs!)).toBeLessThan(5);
  });
});
