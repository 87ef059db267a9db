/**
 * For durability tests: an aggregator as a real process (`server/main.ts --role aggregator`), killed
 * with kill -9; a publisher on /v1/ingest that resends what was not acknowledged; and a deterministic
 * stream of batches (every symbol trades in every batch, prices walking well inside the bands, seqs
 * per symbol), so an uninterrupted run over the same batches can be computed as the reference.
 */
import WebSocket from 'ws';
import type { hashcap } from '../../proto/wire.ts';
import { decodeIngestReply, encodePublisherMessage } from '../../server/tick/codec.ts';
import { RoleProcess } from './role-process.ts';

export const TOKEN = 'durability-test-token-0123456789';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** An aggregator on `redisUrl` as a real process (test/support/role-process.ts), publishing with TOKEN. */
export function startAggregator(redisUrl: string, extra: readonly string[] = []): Promise<RoleProcess> {
  return RoleProcess.start(['--role', 'aggregator', '--redis', redisUrl, '--no-simulate', ...extra], { token: TOKEN });
}

export type Reply = hashcap.v1.IngestReply;

/** One websocket to /v1/ingest; `send` resolves with the reply to that batch, or rejects when the socket goes. */
export class Publisher {
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const reply = decodeIngestReply(new Uint8Array(data), 'proto');
      const id = Number(reply.batchId);
      this.pending.get(id)?.resolve(reply);
      this.pending.delete(id);
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('publisher socket closed'));
      this.pending.clear();
    });
    ws.on('error', () => {});
  }

  static connect(url: string): Promise<Publisher> {
    const ws = new WebSocket(url, ['hashcap.v1.proto']);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Publisher(ws)));
      ws.once('error', reject);
    });
  }

  send(batchId: number, ticks: readonly hashcap.v1.ITick[]): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.pending.set(batchId, { resolve, reject });
      this.ws.send(encodePublisherMessage({ batch: { batchId, ticks: [...ticks] } }, 'proto'));
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** `count` batches over `symbols`: every symbol trades once per batch (seq 2b+1; an occasional quote 2b+2), times in the past and increasing. */
export function tradeBatches(symbols: readonly string[], closes: readonly number[], count: number, seed = 7): hashcap.v1.ITick[][] {
  let s = seed >>> 0;
  const random = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const prices = closes.slice();
  const start = Date.now() - 30 * 60_000;
  const batches: hashcap.v1.ITick[][] = [];
  for (let b = 0; b < count; b++) {
    const ticks: hashcap.v1.ITick[] = [];
    symbols.forEach((symbol, i) => {
      prices[i] = Math.round(prices[i]! * (1 + (random() - 0.5) * 0.004) * 100) / 100;
      ticks.push({ symbol, kind: 0, price: prices[i], size: 100 + Math.floor(random() * 900), timeMs: start + b * 50 + i, seq: 2 * b + 1 });
    });
    if (b % 10 === 5) {
      const i = b % symbols.length;
      ticks.push({ symbol: symbols[i]!, kind: 1, bid: prices[i]! - 0.01, ask: prices[i]! + 0.01, bidSize: 100, askSize: 200, timeMs: start + b * 50 + 40, seq: 2 * b + 2 });
    }
    batches.push(ticks);
  }
  return batches;
}
