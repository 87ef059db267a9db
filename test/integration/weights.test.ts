/**
 * Every constituent's published weight, contribution and market cap, checked after every batch of
 * random prints against figures computed from the basket files with exact integers — in the state a
 * client rebuilds from snapshot + deltas, in every keyframe, and in /v1/snapshot. A real server on
 * port 0, a real websocket client, prints through the real ingest endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { wire, type hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { canonicalize, stateChecksum } from '../../proto/canonical.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';
import { exactIndexFigures, readExactBasket, ticksOf, type ExactBasket } from '../support/exact-basket.ts';

const TOKEN = 'test-token-weights-0123456789';
const BASKET_DIR = join(import.meta.dirname, '..', '..', 'data', 'baskets');
const baskets: ExactBasket[] = ['miners', 'ai-hpc'].map((id) => readExactBasket(join(BASKET_DIR, `${id}.basket.csv`)));
const SYMBOLS = [...new Set(baskets.flatMap((b) => b.constituents.map((c) => c.ticker)))];
const BATCHES = 150;

/** Small deterministic generator (mulberry32), so a failure names a reproducible batch. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A state in one plain shape (lists sorted, defaults and empty lists as the wire has them). */
const normal = (s: ChannelState) => wire.ChannelState.toObject(wire.ChannelState.fromObject(canonicalize(s)));

/** A client's view of one channel, rebuilt with the shared merge rule as frames arrive. */
class Rebuilt {
  state: ChannelState | null = null;
  seq = -1;
  keyframes = 0;
  constructor(readonly channel: string, readonly check: (state: hashcap.v1.IIndexState, where: string) => void) {}

  take(m: hashcap.v1.IServerMessage): void {
    const snap = m.snapshot;
    if (snap && snap.channel === this.channel && (snap.conflateMs ?? 0) === 0) {
      const incoming = snap.state as ChannelState;
      if (snap.keyframe && this.state) {
        expect(Number(snap.seq ?? 0), `${this.channel} keyframe seq`).toBe(this.seq);
        expect(snap.crc32).toBe(stateChecksum(this.state));
        expect(normal(incoming), `${this.channel} keyframe at seq ${this.seq}`).toEqual(normal(this.state));
        this.check(incoming.index!, `${this.channel} keyframe at seq ${this.seq}`);
        this.keyframes++;
        return;
      }
      this.state = cloneState(incoming);
      this.seq = Number(snap.seq ?? 0);
      return;
    }
    const d = m.delta;
    if (d && d.channel === this.channel && (d.conflateMs ?? 0) === 0) {
      expect(this.state, 'delta before snapshot').not.toBeNull();
      expect(Number(d.seq), `${this.channel} seq`).toBe(this.seq + 1);
      this.seq = Number(d.seq);
      mergeState(this.state!, d.changes as ChannelState);
    }
  }
}

describe('published weights, contributions and caps', () => {
  let server: HashcapServer;
  let client: StreamClient;

  beforeAll(async () => {
    const config = parseConfig(['--port', '0', '--no-simulate', '--token', TOKEN], {});
    server = await startServer(config, () => {}, { feed: { keyframeIntervalMs: 150 } });
    client = await StreamClient.connect(server.url);
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it('equal each constituent\'s exact share of the index after every batch of random prints, every constituent', async () => {
    const last = new Map<string, bigint>();
    const index = (id: string) => baskets.find((b) => b.id === id)!;

    /**
     * Checks one published index state against the exact figures at the prices in `prices` (the prices
     * sent so far; for a keyframe, which may be read a batch later, the prices it carries itself).
     */
    const checkIndex = (basket: ExactBasket, s: hashcap.v1.IIndexState, where: string, prices: ReadonlyMap<string, bigint> = last) => {
      const exact = exactIndexFigures(basket, prices);
      const published = new Map((s.constituents ?? []).map((c) => [c.ticker, c]));
      expect([...published.keys()].sort(), where).toEqual(basket.constituents.map((c) => c.ticker).sort());
      expect(s.marketCapUsd, `${where}: total market cap`).toBe(Number(exact.totalCap) / 100);
      const divisor = s.divisor!;
      expect(Math.abs(divisor / (Number(exact.previousAdjusted) / basket.baseLevel) - 1), `${where}: divisor`).toBeLessThan(1e-15);
      let weightSum = 0;
      for (const m of exact.members) {
        const c = published.get(m.ticker)!;
        const what = `${where}: ${m.ticker}`;
        expect(ticksOf(c.last!), `${what} last`).toBe(m.ticks);
        expect(c.marketCapUsd, `${what} market cap`).toBe(Number(m.capCents) / 100);
        const weight = Number(m.adjustedCents) / Number(exact.totalAdjusted);
        expect(Math.abs(c.weight! - weight) / weight, `${what} weight ${c.weight} vs ${weight}`).toBeLessThanOrEqual(1e-12);
        const contribution = Number(m.adjustedCents - m.previousAdjustedCents) / divisor;
        expect(Math.abs(c.contribution! - contribution), `${what} contribution ${c.contribution} vs ${contribution}`)
          .toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(contribution), 1e-3));
        weightSum += c.weight!;
      }
      expect(Math.abs(weightSum - 1), `${where}: weights sum to ${weightSum}`).toBeLessThanOrEqual(1e-12);
    };

    const ownPrices = (s: hashcap.v1.IIndexState) => new Map((s.constituents ?? []).map((c) => [c.ticker!, ticksOf(c.last!)]));
    const views = baskets.map((b) => new Rebuilt(`index.${b.id}`, (s, where) => checkIndex(b, s, where, ownPrices(s))));
    let cursor = 0;
    const drain = () => {
      for (; cursor < client.messages.length; cursor++) for (const v of views) v.take(client.messages[cursor]!);
    };
    client.subscribe(views.map((v) => v.channel));
    await client.until('snapshots', () => {
      drain();
      return views.every((v) => v.state !== null);
    });
    for (const [i, v] of views.entries()) checkIndex(baskets[i]!, v.state!.index!, `${v.channel} snapshot`);

    const rnd = prng(20260130);
    const seqs = new Map<string, number>();
    const walk = new Map(baskets.flatMap((b) => b.constituents.map((c) => [c.ticker, c.previousCloseTicks] as const)));
    let timeMs = Date.now();
    let deltasSeen = 0;
    for (let b = 0; b < BATCHES; b++) {
      timeMs = Math.max(timeMs + 1, Date.now());
      const ticks: hashcap.v1.ITick[] = [];
      const printed = new Set<string>();
      const n = 1 + Math.floor(rnd() * 25);
      for (let i = 0; i < n; i++) {
        const symbol = SYMBOLS[Math.floor(rnd() * SYMBOLS.length)]!;
        const seq = (seqs.get(symbol) ?? 0) + 1;
        seqs.set(symbol, seq);
        // A random walk in whole ticks, kept within 4% of the reference so the price band passes it.
        const reference = baskets.flatMap((x) => x.constituents).find((c) => c.ticker === symbol)!.previousCloseTicks;
        const step = BigInt(Math.round((rnd() - 0.5) * 0.006 * Number(reference)));
        const lo = (reference * 96n) / 100n;
        const hi = (reference * 104n) / 100n;
        let next = walk.get(symbol)! + step;
        next = next < lo ? lo : next > hi ? hi : next;
        walk.set(symbol, next);
        const price = Number(next) / 10_000;
        if (rnd() < 0.75) {
          ticks.push({ symbol, kind: 0, price, size: 100, timeMs, seq });
          last.set(symbol, next);
          printed.add(symbol);
        } else {
          ticks.push({ symbol, kind: 1, bid: price - 0.01, ask: price + 0.01, bidSize: 100, askSize: 100, timeMs, seq });
        }
      }
      const res = await fetch(`${server.url}/v1/quotes`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
        body: Buffer.from(wire.IngestBatch.encode({ batchId: b + 1, ticks }).finish()),
      });
      expect(res.status).toBe(200);
      const reply = wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
      expect(reply.accepted, `batch ${b} accepted`).toBe(ticks.length);

      // The batch's delta has arrived on a channel once its printed members show the batch's time.
      await client.until(`batch ${b} on every index`, () => {
        drain();
        return views.every((v) =>
          (v.state!.index!.constituents ?? []).every((c) => !printed.has(c.ticker!) || c.lastTimeMs === timeMs),
        );
      });
      for (const [i, v] of views.entries()) checkIndex(baskets[i]!, v.state!.index!, `${v.channel} after batch ${b} (seq ${v.seq})`);
      const snapshot = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, unknown> };
      for (const basket of baskets) {
        const s = wire.IndexState.toObject(wire.IndexState.fromObject(snapshot.indexes[basket.id] as Record<string, unknown>)) as hashcap.v1.IIndexState;
        checkIndex(index(basket.id), s, `/v1/snapshot ${basket.id} after batch ${b}`);
      }
      if (b % 10 === 9) await new Promise((r) => setTimeout(r, 160)); // let keyframes go out mid-run
    }
    deltasSeen = views.reduce((acc, v) => acc + v.seq, 0);
    // Keyframes were checked as they came; make sure some did.
    await client.until('keyframes', () => {
      drain();
      return views.every((v) => v.keyframes > 0);
    }, 3000);
    expect(deltasSeen).toBeGreaterThan(BATCHES);
  }, 120_000);

  it('sends only the weights that changed, and every one that did', async () => {
    // Two batches at the same prices move no weight: the second delta must carry none.
    const c = await StreamClient.connect(server.url);
    try {
      c.subscribe(['index.miners']);
      const snap = await c.until('snapshot', () => c.snapshots('index.miners')[0]);
      const before = new Map((snap.state!.index!.constituents ?? []).map((x) => [x.ticker!, x.weight!]));
      const irenLast = snap.state!.index!.constituents!.find((x) => x.ticker === 'IREN')!.last!;
      const price = Number(ticksOf(irenLast) + 1n) / 10_000;
      const send = async (seq: number) => {
        const res = await fetch(`${server.url}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
          body: Buffer.from(wire.IngestBatch.encode({ batchId: 9000 + seq, ticks: [{ symbol: 'IREN', kind: 0, price, size: 1, timeMs: Date.now(), seq: 100_000 + seq }] }).finish()),
        });
        expect(res.status).toBe(200);
      };
      await send(1);
      await send(2);
      const [first, second] = await c.until('two deltas', () => (c.deltas('index.miners').length >= 2 ? c.deltas('index.miners') : undefined));
      const weightsIn = (d: hashcap.v1.IDelta) =>
        new Map((d.changes!.index!.constituents ?? []).filter((x) => x.weight !== undefined && x.weight !== null).map((x) => [x.ticker!, x.weight!]));
      const firstWeights = weightsIn(first!);
      // IREN's price moved, so the total moved: every member whose weight differs is in the delta.
      for (const [ticker, w] of before) {
        const now = firstWeights.get(ticker);
        if (now === undefined) expect(false, `${ticker}: weight changed from ${w} but was not sent`).toBe(true);
        else expect(now).not.toBe(w);
      }
      expect(weightsIn(second!).size).toBe(0);
    } finally {
      c.close();
    }
  });
});
