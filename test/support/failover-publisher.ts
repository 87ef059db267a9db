/**
 * A publisher that knows every aggregator's ingest URL, as a user runs one against an active and a
 * standby: one MARA trade per batch over POST /v1/quotes, every `intervalMs`, to the first URL that
 * answers 200; a refusal (503 NOT_ACTIVE from a standby, 429, a log that is down) or an unreachable or
 * paused server moves it on to the next URL. Keeps every answered batch with where and when.
 */
import { wire } from '../../proto/wire.ts';

export interface PublishedBatch {
  readonly seq: number;
  readonly price: number;
  readonly url: string;
  /** When the answer was read (ms since the epoch). */
  readonly at: number;
  /** 1: applied; 0: answered but its trade refused (e.g. a resend of a batch logged just before a kill). */
  readonly accepted: number;
}

export interface FailoverPublisherOptions {
  readonly token: string;
  readonly intervalMs: number;
  /** Tries per batch before it is given up; default: until stopped. */
  readonly maxAttempts?: number;
  /** Wait before trying the next URL. Default 100 ms. */
  readonly retryMs?: number;
}

export class FailoverPublisher {
  readonly answered: PublishedBatch[] = [];
  /**
   * Trade seqs go on across publishers: an aggregator that was active before keeps the last seq it saw
   * per publisher, and all of them publish as the one publisher of the single token.
   */
  private static seq = 0;
  private at = 0;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly urls: () => readonly string[],
    private readonly options: FailoverPublisherOptions,
  ) {
    this.done = (async () => {
      while (!this.stopped) {
        await this.publishOne();
        await sleep(options.intervalMs);
      }
    })();
  }

  /** The batches an aggregator applied. */
  get acknowledged(): PublishedBatch[] {
    return this.answered.filter((b) => b.accepted === 1);
  }

  private async publishOne(): Promise<void> {
    const seq = ++FailoverPublisher.seq;
    const price = Number((15 + (seq % 50) / 100).toFixed(2));
    const body = Buffer.from(wire.IngestBatch.encode({ batchId: seq, ticks: [{ symbol: 'MARA', kind: 0, price, size: 100, timeMs: Date.now(), seq }] }).finish());
    for (let attempt = 0; attempt < (this.options.maxAttempts ?? Infinity) && !this.stopped; attempt++) {
      const urls = this.urls();
      const url = urls[this.at % urls.length]!;
      try {
        const res = await fetch(`${url}/v1/quotes`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${this.options.token}` },
          body,
          signal: AbortSignal.timeout(500),
        });
        const reply = wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer()));
        if (res.status === 200) {
          this.answered.push({ seq, price, url, at: Date.now(), accepted: reply.accepted });
          return;
        }
      } catch {
        // Unreachable or paused: the next URL.
      }
      this.at++;
      await sleep(this.options.retryMs ?? 100);
    }
  }

  /** Stops after the batch in flight is answered (or given up). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
