/**
 * Cancels and corrections end to end, as an outside publisher and an outside subscriber see them: a
 * real server on port 0 (both transports), prints and then a TICK_CANCEL / TICK_CORRECTION published
 * over /v1/ingest (JSON and protobuf), and then `/v1/snapshot` and a websocket subscriber's state
 * rebuilt from snapshot + deltas (index, quotes, bars, status) must all show the restated price.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { hashcap } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { decodeIngestReply, encodePublisherMessage } from '../../server/tick/codec.ts';
import { IngestReason } from '../../server/ingest/reasons.ts';
import { StreamClient } from '../support/stream-client.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'corrections-test-token-0123456789abcdef';
const CHANNELS = ['index.miners', 'quotes.IREN', 'bars.miners.1m', 'status'];

async function until<T>(what: string, predicate: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = predicate();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A publisher on /v1/ingest: one batch at a time, its reply awaited. */
class Publisher {
  private readonly replies: hashcap.v1.IngestReply[] = [];
  private batchId = 0;
  private constructor(
    private readonly ws: WebSocket,
    private readonly format: 'proto' | 'json',
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.replies.push(decodeIngestReply(isBinary ? new Uint8Array(data) : data.toString('utf8'), isBinary ? 'proto' : 'json'));
    });
  }

  static async open(url: string, format: 'proto' | 'json'): Promise<Publisher> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ingest?token=${TOKEN}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Publisher(ws, format);
  }

  async send(ticks: hashcap.v1.ITick[]): Promise<hashcap.v1.IngestReply> {
    const batchId = ++this.batchId;
    const before = this.replies.length;
    this.ws.send(encodePublisherMessage({ batch: { batchId, ticks } }, this.format));
    return until(`reply to batch ${batchId}`, () => this.replies.length > before && this.replies[before]);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A subscriber's state per channel, rebuilt from its snapshot and contiguous deltas. */
function rebuilt(client: StreamClient, channel: string): ChannelState {
  const snapshot = client.snapshots(channel).find((s) => !s.keyframe);
  if (!snapshot) throw new Error(`no snapshot of ${channel}`);
  const state = cloneState(snapshot.state as ChannelState);
  let seq = Number(snapshot.seq ?? 0);
  for (const d of client.deltas(channel)) {
    if ((d.seq as number) <= seq) continue;
    expect(d.seq, `${channel}: contiguous seqs`).toBe(seq + 1);
    mergeState(state, d.changes as ChannelState);
    seq = d.seq as number;
  }
  return state;
}

interface SnapshotJson {
  indexes: Record<string, { level: number; change: number; marketCapUsd: number; constituents: { ticker: string; last: number; weight: number; marketCapUsd: number }[] }>;
  status: { notices?: { kind: string; message: string }[] };
}

async function httpSnapshot(server: HashcapServer): Promise<SnapshotJson> {
  return (await (await fetch(`${server.url}/v1/snapshot`)).json()) as SnapshotJson;
}

const iren = (s: SnapshotJson) => s.indexes['miners']!.constituents.find((c) => c.ticker === 'IREN')!;

for (const transport of TRANSPORTS) {
  describe(`cancels and corrections over /v1/ingest (${transport})`, () => {
    const cleanup: (() => unknown)[] = [];
    afterEach(async () => {
      for (const f of cleanup.splice(0).reverse()) await f();
    });

    for (const format of ['json', 'proto'] as const) {
      it(`${format}: a cancelled print's price is withdrawn, a corrected one restated, in the snapshot and in a subscriber's rebuilt state`, async () => {
        const server = await startServer(
          parseConfig(['--port', '0', '--host', '127.0.0.1', '--transport', transport, '--no-simulate', '--token', TOKEN], {}),
          () => {},
        );
        cleanup.push(() => server.close());
        const subscriber = await StreamClient.connect(server.url, format);
        cleanup.push(() => subscriber.close());
        subscriber.subscribe(CHANNELS);
        await subscriber.until('snapshots', () => CHANNELS.every((c) => subscriber.snapshots(c).length > 0));
        const publisher = await Publisher.open(server.url, format);
        cleanup.push(() => publisher.close());

        const close = server.market.quote(server.market.symbolId('IREN')!).previousClose;
        const p1 = Math.round(close * 101) / 100;
        const p2 = Math.round(close * 103) / 100;
        const p3 = Math.round(close * 102) / 100;
        const t0 = Date.now() - 2000;
        const trade = (price: number, seq: number, at: number): hashcap.v1.ITick => ({ symbol: 'IREN', kind: 0, price, size: 100, timeMs: at, seq });

        expect(await publisher.send([trade(p1, 1, t0)])).toMatchObject({ accepted: 1, rejected: [] });
        const afterFirst = await httpSnapshot(server);
        expect(iren(afterFirst).last).toBe(p1);
        expect(await publisher.send([trade(p2, 2, t0 + 100)])).toMatchObject({ accepted: 1, rejected: [] });
        expect(iren(await httpSnapshot(server)).last).toBe(p2);

        // The cancel of the latest print: the price goes back to p1, and with it the level.
        const cancelReply = await publisher.send([{ symbol: 'IREN', kind: 4, timeMs: t0 + 200, seq: 3, originalSeq: 2 }]);
        expect(cancelReply).toMatchObject({ accepted: 1, rejected: [] });
        const afterCancel = await httpSnapshot(server);
        expect(iren(afterCancel).last).toBe(p1);
        expect(iren(afterCancel).marketCapUsd).toBe(iren(afterFirst).marketCapUsd);
        expect(iren(afterCancel).weight).toBe(iren(afterFirst).weight);
        expect(afterCancel.indexes['miners']!.level).toBe(afterFirst.indexes['miners']!.level);
        expect(afterCancel.indexes['miners']!.change).toBe(afterFirst.indexes['miners']!.change);
        expect(afterCancel.indexes['miners']!.marketCapUsd).toBe(afterFirst.indexes['miners']!.marketCapUsd);
        expect(afterCancel.status.notices?.at(-1)).toMatchObject({ kind: 'trade_cancel', message: expect.stringMatching(/^IREN: trade seq 2 .* cancelled; last/) });

        // The correction of the print that stands now (seq 1): the price becomes p3.
        const correctionReply = await publisher.send([{ symbol: 'IREN', kind: 5, price: p3, size: 300, timeMs: t0 + 300, seq: 4, originalSeq: 1 }]);
        expect(correctionReply).toMatchObject({ accepted: 1, rejected: [] });
        // A second cancel of seq 2, and one of a trade never sent, are refused with their codes.
        const refused = await publisher.send([
          { symbol: 'IREN', kind: 4, timeMs: t0 + 400, seq: 5, originalSeq: 2 },
          { symbol: 'IREN', kind: 4, timeMs: t0 + 400, seq: 6, originalSeq: 77 },
        ]);
        expect(refused.rejected.map((r) => r.reason)).toEqual([IngestReason.ORIGINAL_CANCELLED, IngestReason.UNKNOWN_ORIGINAL]);
        const afterCorrection = await httpSnapshot(server);
        expect(iren(afterCorrection).last).toBe(p3);
        expect(afterCorrection.status.notices?.at(-1)).toMatchObject({ kind: 'trade_correction', message: expect.stringContaining(`corrected to ${p3} × 300`) });

        // The subscriber, from snapshot + deltas alone, ends where the server is.
        const level = afterCorrection.indexes['miners']!.level;
        await subscriber.until('the correction in the index deltas', () => {
          const c = rebuilt(subscriber, 'index.miners').index?.constituents?.find((x) => x.ticker === 'IREN');
          return c?.last === p3;
        });
        const index = rebuilt(subscriber, 'index.miners').index!;
        expect(index.level).toBe(level);
        expect(index.constituents!.find((c) => c.ticker === 'IREN')!.weight).toBe(iren(afterCorrection).weight);
        await subscriber.until('the quote', () => rebuilt(subscriber, 'quotes.IREN').quotes?.quotes?.[0]?.last === p3);
        // Volume: 100 + 100, minus the cancelled 100, plus the correction's 200 more.
        expect(rebuilt(subscriber, 'quotes.IREN').quotes!.quotes![0]!.volume).toBe(300);
        await subscriber.until('the bar', () => rebuilt(subscriber, 'bars.miners.1m').bars?.bars?.at(-1)?.close === level);
        const notices = await subscriber.until('both notices', () => {
          const n = rebuilt(subscriber, 'status').status?.notices ?? [];
          return n.length >= 2 && n;
        });
        expect(notices.map((n) => n.kind)).toEqual(['trade_cancel', 'trade_correction']);
        expect(server.market.verify().ok).toBe(true);
      });
    }
  });
}

describe('a recorded cancel and correction', () => {
  const TMP = mkdtempSync(join(tmpdir(), 'hashcap-corrections-'));
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  for (const file of ['session.ndjson', 'session.bin']) {
    it(`${file}: a server replaying what another recorded ends with the same index and quotes`, async () => {
      const path = join(TMP, file);
      const args = ['--port', '0', '--host', '127.0.0.1', '--transport', 'ws', '--token', TOKEN];
      const live = await startServer(parseConfig([...args, '--no-simulate', '--record', path], {}), () => {});
      cleanup.push(() => live.close());
      const publisher = await Publisher.open(live.url, 'json');
      cleanup.push(() => publisher.close());
      const t0 = Date.now() - 5000;
      const at = (k: number) => t0 + k * 100;
      const price = (symbol: string, f: number) => Math.round(live.market.quote(live.market.symbolId(symbol)!).previousClose * f * 100) / 100;
      const batches: hashcap.v1.ITick[][] = [
        [
          { symbol: 'IREN', price: price('IREN', 1.01), size: 100, timeMs: at(1), seq: 1 },
          { symbol: 'MARA', price: price('MARA', 0.99), size: 100, timeMs: at(2), seq: 2 },
        ],
        [{ symbol: 'IREN', price: price('IREN', 1.03), size: 200, timeMs: at(3), seq: 3 }],
        [{ symbol: 'IREN', kind: 4, timeMs: at(4), seq: 4, originalSeq: 3 }],
        [{ symbol: 'MARA', kind: 5, price: price('MARA', 0.98), size: 150, timeMs: at(5), seq: 5, originalSeq: 2 }],
      ];
      for (const ticks of batches) expect((await publisher.send(ticks)).rejected).toEqual([]);
      const recorded = await httpSnapshot(live);
      publisher.close();
      await live.close();
      cleanup.length = 0;

      const replay = await startServer(parseConfig([...args, '--replay', path, '--speed', 'max'], {}), () => {});
      cleanup.push(() => replay.close());
      await until('the replay', () => replay.gate.accepted === 5 && replay.gate.restatedPrices === 2);
      await new Promise((r) => setTimeout(r, 50));
      const replayed = await httpSnapshot(replay);
      expect(replay.gate.rejected).toBe(0);
      const indexOf = (s: SnapshotJson) => {
        const { level, change, marketCapUsd, constituents } = s.indexes['miners']!;
        return { level, change, marketCapUsd, constituents: constituents.map(({ ticker, last, marketCapUsd: cap }) => ({ ticker, last, cap })) };
      };
      expect(indexOf(replayed)).toEqual(indexOf(recorded));
      expect(iren(replayed).last).toBe(price('IREN', 1.01));
      for (const symbol of ['IREN', 'MARA']) {
        const q = (server: HashcapServer) => server.market.quote(server.market.symbolId(symbol)!);
        expect({ ...q(replay), timeMs: 0, session: 0 }).toEqual({ ...q(live), timeMs: 0, session: 0 });
      }
      expect((replayed.status.notices ?? []).map((n) => n.kind).filter((k) => k.startsWith('trade_'))).toEqual(['trade_cancel', 'trade_correction']);
    });
  }
});
