/**
 * One generator process of the scale-out connections bench (bench/connections/scale-out.ts): a Fleet
 * of cheap counting subscribers, driven by its parent over IPC. A process holds at most ~15,000
 * sockets because the open-files limit here is 20,000 per process and cannot be raised; the parent
 * starts as many of these as the target needs. Every reply carries wall-clock times (Date.now): the
 * parent and its generators read the same machine clock.
 */
import { Fleet } from '../load/fleet.ts';
import { hashcapProtocol } from '../load/protocols.ts';

export type GeneratorCommand =
  | { type: 'start'; host: string; port: number; count: number; firstIndex: number; sourceAddress: string; channel: string; maxConnecting: number; seed: number }
  | { type: 'status' }
  | { type: 'heartbeats'; freshMs: number }
  | { type: 'mark' }
  | { type: 'deltas' }
  | { type: 'stop' };

export type GeneratorReply =
  | { type: 'status'; ready: number; count: number; failedAttempts: number; lost: number; allReadyMs: number; rssBytes: number; portsSkipped: number; failureReasons: Record<string, number> }
  | { type: 'heartbeats'; ready: number; fresh: number; atMs: number }
  | { type: 'marked' }
  /** Subscribers that counted a delta since the mark, and the wall clock of the last one's receipt. */
  | { type: 'deltas'; got: number; count: number; lastMs: number; firstMs: number }
  | { type: 'stopped'; destroyed: number };

/**
 * Each generator has a source address of its own, so it can bind ports itself: below the kernel's
 * ephemeral range (32768–60999 here), where nothing else takes them. Left to the kernel, each bind to
 * a source address searched that range for a port free on it, and the search grew with every port in use
 * on the machine: at ~20,000 connections of this bench plus ~25,000 of other programs the generators spent
 * most of their time in inet_bhash2_conflict, and the ramp fell to tens of connections a second.
 */
const LOCAL_PORTS = { first: 10_000, last: 32_767 };

let fleet: Fleet | null = null;
let marks: Uint32Array | null = null;

const reply = (m: GeneratorReply) => process.send!(m);

process.on('message', (m: GeneratorCommand) => {
  switch (m.type) {
    case 'start':
      fleet = new Fleet({
        protocol: hashcapProtocol('/v1/stream', m.channel),
        host: m.host,
        port: m.port,
        count: m.count,
        sourceAddresses: [m.sourceAddress],
        maxConnecting: m.maxConnecting,
        // A refused or reset handshake (a full accept queue) tries again with backoff; a subscriber lost
        // after subscribing is counted (fleet.lost) before it comes back.
        reconnect: { baseMs: 250, capMs: 5_000 },
        seed: m.seed,
        firstIndex: m.firstIndex,
        localPorts: LOCAL_PORTS,
      });
      fleet.start();
      break;
    case 'status': {
      const f = fleet;
      // Before 'start': the parent asks once to know the process is up (tsx has compiled it).
      if (f === null) {
        reply({ type: 'status', ready: 0, count: 0, failedAttempts: 0, lost: 0, allReadyMs: 0, rssBytes: process.memoryUsage.rss(), portsSkipped: 0, failureReasons: {} });
        break;
      }
      reply({ type: 'status', ready: f.ready, count: f.count, failedAttempts: f.failedAttempts, lost: f.lost, allReadyMs: f.allReadyMs, rssBytes: process.memoryUsage.rss(), portsSkipped: f.portsSkipped, failureReasons: Object.fromEntries(f.failureReasons) });
      break;
    }
    case 'heartbeats': {
      const now = Date.now();
      let fresh = 0;
      for (const s of fleet!.subs) if (s.lastHeartbeatMs >= now - m.freshMs) fresh++;
      reply({ type: 'heartbeats', ready: fleet!.ready, fresh, atMs: now });
      break;
    }
    case 'mark':
      marks = Uint32Array.from(fleet!.subs, (s) => s.deltas);
      reply({ type: 'marked' });
      break;
    case 'deltas': {
      let got = 0;
      let lastMs = 0;
      let firstMs = Number.MAX_SAFE_INTEGER;
      fleet!.subs.forEach((s, i) => {
        if (s.deltas <= marks![i]!) return;
        got++;
        lastMs = Math.max(lastMs, s.lastDeltaMs);
        firstMs = Math.min(firstMs, s.lastDeltaMs);
      });
      reply({ type: 'deltas', got, count: fleet!.count, lastMs, firstMs: got === 0 ? 0 : firstMs });
      break;
    }
    case 'stop':
      void (fleet?.stop(2000) ?? Promise.resolve({ destroyed: 0 })).then(({ destroyed }) => {
        reply({ type: 'stopped', destroyed });
        process.disconnect();
        setTimeout(() => process.exit(0), 100).unref();
      });
      break;
  }
});
// The parent gone (killed, crashed): nothing of this run stays behind.
process.on('disconnect', () => process.exit(0));
