/**
 * The slow-consumer ladder on a gateway: an aggregator and a gateway in one test process, sharing an
 * in-memory bus hub (what one Redis is to separate processes; test/integration/roles.test.ts runs the
 * real thing). A reader too slow for the raw feed is warned and degraded to 1000 ms — a topic the
 * gateway was not following and loads from the bus on the spot — and then gets that rate, snapshot
 * first, contiguous after, with the aggregator's bytes. On both transports (Node 24 runs only ws).
 *
 * The slow reader stops reading outright rather than reading at a fixed byte rate: how many bytes a
 * second the pump makes depends on the machine's load (about 250 KB/s at a load average of 15 on the
 * 2-core VM), so a reader throttled to 300 KB/s was as fast as the feed there, no queue ever grew and
 * it was never degraded. A paused reader is slower than any feed. The kernel still absorbs a few MB
 * first (on loopback the server's send buffer autotunes to tcp_wmem's maximum, 4 MB on Debian; Node
 * has no SO_RCVBUF/SO_SNDBUF for TCP to shrink it), so the pump runs until the gateway degrades it,
 * however long the load makes that (about 10 s at a load of 10, three times that at 30); its deadline
 * is only there to stop the pump if the ladder never acts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import type { HashcapServer } from '../../server/app.ts';
import type { GatewayServer } from '../../server/gateway-app.ts';
import { MemoryRoles } from '../support/memory-roles.ts';
import { RawSubscriber } from './raw-subscriber.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'ladder-test-token-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nextTurn = () => new Promise((r) => setImmediate(r));

describe.each(TRANSPORTS)('slow consumers on a gateway over %s', (kind) => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('are warned, degraded to 1000 ms (loaded from the bus at that moment) and then served that rate', async () => {
    const roles = new MemoryRoles();
    const aggregator: HashcapServer = await roles.aggregator(['--token', TOKEN]);
    closers.push(() => aggregator.close());
    const gateway: GatewayServer = await roles.gateway(['--transport', kind], {
      limits: { slowWarnBytes: 64 * 1024, slowDegradeBytes: 256 * 1024, slowCloseBytes: 256 * 1024 * 1024 },
    });
    closers.push(() => gateway.close());

    const slow = await RawSubscriber.connect(gateway.port);
    closers.push(() => slow.destroy());
    slow.subscribe(['index.miners', 'quotes.*'], 0, 1);
    await slow.until('snapshots', () => slow.messages().filter((m) => m.snapshot).length >= 2);
    slow.pause();

    const symbols = aggregator.market.allSymbols();
    let seq = 0;
    const batch = (): hashcap.v1.ITick[] =>
      Array.from({ length: 30 }, (_, i) => {
        const symbol = symbols[(seq + i) % symbols.length]!;
        const prev = aggregator.market.quote(aggregator.market.symbolId(symbol)!).last;
        return { symbol, kind: 0, price: Math.round(prev * (1 + ((seq + i) % 2 ? 0.001 : -0.001)) * 100) / 100, size: 100, timeMs: Date.now(), seq: ++seq };
      });
    // As fast as the machine allows (a turn of the event loop between bursts lets the gateway write and
    // run its ladder check), until the ladder has degraded the reader.
    const deadline = Date.now() + 150_000;
    while (gateway.gateway.counters.slowDegraded === 0 && Date.now() < deadline) {
      for (let i = 0; i < 20; i++) aggregator.ingest('pump', batch());
      await nextTurn();
    }
    expect(gateway.gateway.counters.slowDegraded).toBe(1);
    // It reads again (a degraded reader that stays stopped would be condemned after slowGraceMs), with a
    // trickle going; it catches up on the 1000 ms topics.
    slow.resume();
    const caughtUp = () => {
      const d = slow.messages().findLast((m) => m.delta?.conflateMs === 1000 && m.delta.channel === 'index.miners')?.delta;
      return d !== undefined && d !== null && Date.now() - Number(d.sendTimeMs) < 1_500;
    };
    let trickling = true;
    const trickle = (async () => {
      while (trickling) {
        aggregator.ingest('pump', batch());
        await sleep(20);
      }
    })();
    try {
      await slow.until('a fresh index.miners delta at 1000 ms', caughtUp, 60_000);
    } finally {
      trickling = false;
      await trickle;
    }

    const msgs = slow.messages();
    expect(msgs.filter((m) => m.notice).map((m) => m.notice!.kind)).toEqual(['slow_consumer_warn', 'slow_consumer_degraded']);
    for (const channel of ['index.miners', 'quotes.*']) {
      expect(msgs.some((m) => m.ack?.channel === channel && m.ack.conflateMs === 1000)).toBe(true);
      const at = msgs.findIndex((m) => m.snapshot?.channel === channel && m.snapshot.conflateMs === 1000);
      expect(at, `${channel}@1000 snapshot`).toBeGreaterThan(0);
      let last = Number(msgs[at]!.snapshot!.seq);
      for (const m of msgs.slice(at + 1)) {
        if (m.delta?.channel !== channel || m.delta.conflateMs !== 1000) continue;
        expect(Number(m.delta.seq)).toBe(last + 1);
        last++;
      }
      expect(last).toBeGreaterThan(Number(msgs[at]!.snapshot!.seq));
    }
    expect(gateway.mirror.topicCount).toBeGreaterThanOrEqual(4); // the raw and 1000 ms topics (and the pinned ones)
    expect(slow.ended).toBe(false);
  }, 180_000);
});
