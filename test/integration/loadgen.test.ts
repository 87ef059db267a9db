/**
 * The load generator against a real hashcap server (both transports), asserting what an operator
 * relies on when reading its report: every cheap subscriber counted exactly the deltas the decoding
 * probes saw, which is one per accepted ingest batch; no seq gaps; latency was sampled; and the run
 * ends by itself — on schedule, or at its hard deadline — with every socket closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import type { TransportKind } from '../../server/transport/types.ts';
import { runLoad } from '../../bench/load/run.ts';
import { waitFor } from '../../bench/load/wait.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'loadgen-test-token-0123456789';

async function start(transport: TransportKind): Promise<HashcapServer> {
  return startServer(parseConfig(['--transport', transport, '--no-simulate', '--host', '127.0.0.1', '--port', '0', '--token', TOKEN], {}), () => {});
}

describe.each(TRANSPORTS)('load generator against hashcap on %s', (transport) => {
  let server: HashcapServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('every subscriber counts exactly the deltas the probes decode, without gaps, and the run closes every socket', async () => {
    server = await start(transport);
    const started = Date.now();
    const report = await runLoad({
      url: `ws://127.0.0.1:${server.port}`,
      subscribers: 50,
      probes: 2,
      channel: 'index.miners',
      warmupS: 0.5,
      durationS: 1.5,
      publishRate: 100,
      token: TOKEN,
      sourceAddresses: ['127.0.0.2', '127.0.0.3'],
      connectTimeoutS: 10,
      drainS: 3,
      deadlineS: 25,
    });
    const elapsedMs = Date.now() - started;

    expect(report.problems).toEqual([]);
    expect(report.subscribers.ready).toBe(50);
    expect(report.probes.ready).toBe(2);

    // One delta per accepted single-trade batch, seen by both probes in seq order.
    const publisher = report.publisher!;
    expect(publisher.sent).toBeGreaterThan(100);
    expect(publisher.acked).toBe(publisher.sent);
    expect(publisher.rejected).toBe(0);
    const probeCounts = report.probes.each.map((p) => p.deltas);
    expect(probeCounts).toEqual([publisher.accepted, publisher.accepted]);
    expect(report.probes.gaps).toBe(0);
    expect(report.probes.duplicates).toBe(0);

    // Every cheap subscriber counted exactly as many.
    expect(report.perSubscriber.expected).toBe(publisher.accepted);
    expect(report.perSubscriber.min).toBe(publisher.accepted);
    expect(report.perSubscriber.max).toBe(publisher.accepted);
    expect(report.perSubscriber.complete).toBe(50);
    expect(report.perSubscriber.drops).toBe(0);
    expect(report.perSubscriber.errors).toBe(0);
    expect(report.measure.delivered).toBeGreaterThan(0);

    // Latency was recorded, from the server's stamp and end to end from the tick's.
    expect(report.latency.sendToReceive.count).toBeGreaterThan(0);
    expect(report.latency.publishToReceive?.count ?? 0).toBeGreaterThan(0);
    expect(publisher.ackLag?.count ?? 0).toBeGreaterThan(0);

    // It stopped by itself, within its deadline, and left nothing open on either side.
    expect(report.stoppedBy).toBe('schedule');
    expect(elapsedMs).toBeLessThan(25_000);
    expect(report.socketsOpenAtEnd).toBe(0);
    const s = server;
    expect(await waitFor(() => s.transport.connectionCount === 0, Date.now() + 3000)).toBe(true);
  }, 40_000);

  it('runs a sweep of rates over one set of connections, every subscriber reading every seq in order', async () => {
    server = await start(transport);
    const report = await runLoad({
      url: `ws://127.0.0.1:${server.port}`,
      subscribers: 40,
      probes: 1,
      channel: 'index.miners',
      points: [
        { rate: 50, warmupS: 0.2, durationS: 1 },
        { rate: 150, warmupS: 0.2, durationS: 1 },
      ],
      token: TOKEN,
      connectTimeoutS: 10,
      drainS: 3,
      deadlineS: 30,
    });
    expect(report.problems).toEqual([]);
    expect(report.points.map((p) => p.rate)).toEqual([50, 150]);
    let lastSeq = 0;
    for (const p of report.points) {
      // Every delta's seq was read and followed the one before, for every subscriber.
      expect(p.loss).toMatchObject({ lost: 0, gaps: 0, tail: 0, duplicates: 0, unreadable: 0, incompleteSubscribers: 0 });
      expect(p.drain.complete).toBe(true);
      expect(p.publisher!.sentThisRun).toBeGreaterThan(p.rate * 0.9);
      expect(p.loss.lastSeq - lastSeq).toBe(p.publisher!.sentThisRun);
      lastSeq = p.loss.lastSeq;
      expect(p.latency.publishToReceive?.count ?? 0).toBeGreaterThan(0);
    }
    // The publisher's seq ran on from point to point: one delta per batch, all accepted.
    expect(report.publisher!.sent).toBe(report.points[0]!.publisher!.sentThisRun + report.points[1]!.publisher!.sentThisRun);
    expect(report.perSubscriber.min).toBe(report.publisher!.accepted);
    expect(report.socketsOpenAtEnd).toBe(0);
  }, 45_000);

  // The run keeps 6 s of its deadline for the cleanup (CLEANUP_RESERVE_MS), so its phases get
  // deadline − 6 s. The deadline was 9 s: 3 s to fork the probes' tsx process, connect and publish,
  // which at a load average over ~15 on the 2-core VM was gone before publishing began (no subscriber
  // got a delta). 18 s leaves 12 s, still far short of the 60 s asked for.
  it('stops at its hard deadline, however long the requested run, and closes every socket', async () => {
    server = await start(transport);
    const started = Date.now();
    const report = await runLoad({
      url: `ws://127.0.0.1:${server.port}`,
      subscribers: 20,
      probes: 1,
      warmupS: 0,
      durationS: 60,
      publishRate: 50,
      token: TOKEN,
      connectTimeoutS: 10,
      deadlineS: 18,
    });
    const elapsedMs = Date.now() - started;

    // Cut off mid-run, and by nothing else (a setup phase that ran out says so here).
    expect(report.problems).toEqual(['the run reached its deadline before finishing']);
    expect(report.stoppedBy).toBe('deadline');
    expect(elapsedMs).toBeLessThanOrEqual(18_000);
    expect(report.socketsOpenAtEnd).toBe(0);
    expect(report.perSubscriber.min).toBeGreaterThan(0);
    const s = server;
    expect(await waitFor(() => s.transport.connectionCount === 0, Date.now() + 3000)).toBe(true);
  }, 40_000);
});

describe('load generator targets', () => {
  it('refuses any address outside 127.0.0.0/8, before opening a socket', async () => {
    await expect(runLoad({ url: 'ws://10.1.2.3:8080', subscribers: 1, probes: 0 })).rejects.toThrow(/loopback/);
    await expect(runLoad({ url: 'ws://127.0.0.1:1', subscribers: 1, probes: 0, sourceAddresses: ['192.168.1.2'] })).rejects.toThrow(/loopback/);
  });
});
