/**
 * Many counting subscribers against one server: source addresses assigned round robin, at most
 * `maxConnecting` handshakes in flight (a ramp the server's accept queue can take), reconnects with
 * backoff when asked for, and shared totals. `stop()` closes every socket and waits until the last
 * one has closed (destroying stragglers after a grace period), so nothing outlives a run.
 */
import { CountingSubscriber, FleetTotals, type SubscriberHost } from './counting-subscriber.ts';
import type { CountingProtocol } from './protocols.ts';
import { waitFor } from './wait.ts';
import { upgradeRequest } from './ws-frames.ts';

export interface FleetOptions {
  readonly protocol: CountingProtocol;
  readonly host: string;
  readonly port: number;
  readonly count: number;
  /** Loopback source addresses to spread over (already checked); empty = the kernel's choice. */
  readonly sourceAddresses: readonly string[];
  readonly maxConnecting: number;
  /** Reconnect lost connections (and failed attempts) with full-jitter backoff; null = never. */
  readonly reconnect: { readonly baseMs: number; readonly capMs: number } | null;
  readonly seed: number;
  /** First subscriber index (so two fleets on one server have distinct jitter streams). */
  readonly firstIndex?: number;
  /**
   * Local ports to bind, in turn, with a source address (one fleet per address: nobody else picks
   * these). Omitted: the kernel picks one at each bind, searching the ephemeral range for a port free
   * on that address, which gets slower as the machine's ports fill up.
   */
  readonly localPorts?: { readonly first: number; readonly last: number };
}

export class Fleet implements SubscriberHost {
  readonly protocol: CountingProtocol;
  readonly host: string;
  readonly port: number;
  readonly request: string;
  readonly totals = new FleetTotals();
  readonly reconnect: { readonly baseMs: number; readonly capMs: number } | null;
  readonly subs: CountingSubscriber[];
  stopping = false;
  /** Subscribers whose current connection is confirmed subscribed. */
  ready = 0;
  openSockets = 0;
  inFlight = 0;
  /** Connections lost after being ready; attempts that failed before. */
  lost = 0;
  failedAttempts = 0;
  /** Failed attempts by reason (socket error code, or the HTTP status of a refused upgrade). */
  readonly failureReasons = new Map<string, number>();
  /** Local ports found taken (another program, or an earlier run's TIME_WAIT) and skipped. */
  portsSkipped = 0;
  startedMs = 0;
  /** When `ready` first reached `count` (0 until then). */
  allReadyMs = 0;
  private readonly maxConnecting: number;
  private readonly localPorts: { readonly first: number; readonly last: number } | null;
  private nextPort: number;
  private waiting: CountingSubscriber[] = [];
  private waitingHead = 0;

  constructor(options: FleetOptions) {
    this.protocol = options.protocol;
    this.host = options.host;
    this.port = options.port;
    this.reconnect = options.reconnect;
    this.maxConnecting = Math.max(1, options.maxConnecting);
    this.localPorts = options.localPorts ?? null;
    this.nextPort = this.localPorts?.first ?? 0;
    this.request = upgradeRequest(options.host, options.port, options.protocol.path, options.protocol.headers);
    const first = options.firstIndex ?? 0;
    const addrs = options.sourceAddresses;
    this.subs = [];
    for (let i = 0; i < options.count; i++) {
      this.subs.push(new CountingSubscriber(first + i, addrs.length > 0 ? addrs[i % addrs.length] : undefined, this, options.seed));
    }
  }

  get count(): number {
    return this.subs.length;
  }

  /** Queues every subscriber; they connect as slots free up. */
  start(): void {
    this.startedMs = Date.now();
    for (const sub of this.subs) this.queue(sub);
  }

  /** Resolves true once every subscriber is ready, false at the deadline (epoch ms). */
  async waitAllReady(deadlineMs: number): Promise<boolean> {
    return waitFor(() => this.ready === this.subs.length, deadlineMs);
  }

  /** Closes every socket; destroys what is still open after `graceMs`; resolves when all are closed. */
  async stop(graceMs = 1000): Promise<{ destroyed: number }> {
    this.stopping = true;
    this.waiting = [];
    this.waitingHead = 0;
    for (const sub of this.subs) sub.close();
    let destroyed = 0;
    if (!(await waitFor(() => this.openSockets === 0, Date.now() + graceMs))) {
      for (const sub of this.subs) {
        if (sub.isOpen) {
          destroyed++;
          sub.destroy();
        }
      }
      await waitFor(() => this.openSockets === 0, Date.now() + 2000);
    }
    for (const sub of this.subs) sub.cancelRetry();
    return { destroyed };
  }

  /** Per-subscriber delta counts, for "did everyone get everything". */
  deltaCounts(): number[] {
    return this.subs.map((s) => s.deltas);
  }

  // ------------------------------------------------------------------------------ SubscriberHost

  queue(sub: CountingSubscriber): void {
    if (this.stopping) return;
    this.waiting.push(sub);
    this.pump();
  }

  onReady(sub: CountingSubscriber): void {
    this.ready++;
    if (this.ready === this.subs.length && this.allReadyMs === 0) this.allReadyMs = Date.now();
    this.release(sub);
  }

  onDown(sub: CountingSubscriber, wasReady: boolean): void {
    if (wasReady) {
      this.ready--;
      if (!this.stopping) this.lost++;
    } else if (!this.stopping) this.failedAttempts++;
    this.release(sub);
  }

  onSocketClosed(): void {
    this.openSockets--;
  }

  nextLocalPort(): number {
    const range = this.localPorts;
    if (range === null) return 0;
    const port = this.nextPort;
    this.nextPort = port >= range.last ? range.first : port + 1;
    return port;
  }

  noteFailure(reason: string): void {
    this.failureReasons.set(reason, (this.failureReasons.get(reason) ?? 0) + 1);
  }

  rebind(sub: CountingSubscriber): void {
    this.portsSkipped++;
    this.openSockets++;
    if (this.stopping || !sub.open()) {
      this.openSockets--;
      this.release(sub);
    }
  }

  // ------------------------------------------------------------------------------ internals

  private release(sub: CountingSubscriber): void {
    if (!sub.inFlight) return;
    sub.inFlight = false;
    this.inFlight--;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.maxConnecting && this.waitingHead < this.waiting.length && !this.stopping) {
      const sub = this.waiting[this.waitingHead++]!;
      if (sub.isOpen || sub.inFlight) continue;
      sub.inFlight = true;
      this.inFlight++;
      this.openSockets++;
      if (!sub.open()) {
        // open() refused (stopping): give the slot back.
        this.openSockets--;
        sub.inFlight = false;
        this.inFlight--;
      }
    }
    if (this.waitingHead > 4096 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
  }
}

