/**
 * Ingest end to end through the sockets: a publisher's websocket → decode → gate → engine → feed →
 * frame encode → publish → one subscriber's socket, against a real hashcap server (uWS) in a process
 * of its own, pinned to a core of its own where the machine has two. Measured at 1, 10 and 1,000
 * ticks per batch: batches and ticks per second of wall time, and per second of the server's CPU time
 * (/proc utime + stime, all its threads) — the figure that does not depend on how fast the generator
 * is. The subscriber checks that every delta's seq follows the last (one delta per batch).
 *
 * The publisher keeps a fixed number of batches in flight (sends the next when a reply comes back),
 * so the server is never idle waiting and never buried. Its batches are encoded up front: a ring of
 * batches walking the prices away from the snapshot and back (so the walk has no jump at the wrap),
 * with each tick's time patched to the current time just before sending (trades older than the last
 * one are not the last price, and would not make a delta).
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { wire } from '../../proto/wire.ts';
import { cpuPlan, pinProcess, type CpuPlan } from '../lib/pinning.ts';
import { cpuSeconds } from '../fanout/proc.ts';
import { startVariantServer, VARIANTS } from '../fanout/servers.ts';
import { Fleet } from '../load/fleet.ts';
import { HashcapProbe } from '../load/probe.ts';
import { countingProtocol } from '../load/protocols.ts';
import { pricesFromSnapshot, TickSource } from '../load/ticks.ts';
import { sleep, waitFor } from '../load/wait.ts';

export interface SocketE2eRow {
  case: string;
  ticks_per_batch: number;
  round: number;
  seconds: number;
  batches_per_s: number;
  ticks_per_s: number;
  /** Per second of the server process's CPU time. */
  batches_per_server_cpu_s: number;
  ticks_per_server_cpu_s: number;
  server_cpu_pct: number;
  generator_cpu_pct: number;
  /** Deltas the subscriber received per batch acknowledged (1: one frame per batch). */
  deltas_per_batch: number;
  seq_gaps: number;
  rejected_ticks: number;
  in_flight: number;
  /** Slow-consumer ladder actions on the subscriber during the run (server /metrics): degraded, it got conflated deltas. */
  slow_warned: number;
  slow_degraded: number;
}

export interface SocketE2eOptions {
  readonly ticksPerBatch: readonly number[];
  readonly seconds: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly pin: boolean;
}

const CHANNEL = 'index.miners';
/** Batches kept in flight: enough to keep the server busy, few enough that replies pace the sender. */
const IN_FLIGHT = (ticks: number): number => (ticks >= 1000 ? 16 : ticks >= 10 ? 256 : 1024);
const RING = 512;
const TIME_TAG = 0x49; // Tick.time_ms: field 9, 64-bit

export async function socketEndToEnd(o: SocketE2eOptions): Promise<SocketE2eRow[]> {
  const plan = cpuPlan(o.pin);
  if (plan.generator !== null) pinProcess(process.pid, plan.generator);
  const rows: SocketE2eRow[] = [];
  for (let round = 0; round < o.rounds; round++) {
    for (const ticks of o.ticksPerBatch) {
      const row = await oneRun(ticks, round, o, plan);
      rows.push(row);
      console.log(
        `socket e2e, ${ticks} ticks/batch, round ${round + 1}: ${Math.round(row.batches_per_s)} batches/s, ${Math.round(row.ticks_per_s)} ticks/s wall; per server CPU-second ${Math.round(row.batches_per_server_cpu_s)} batches, ${Math.round(row.ticks_per_server_cpu_s)} ticks; server ${row.server_cpu_pct}% CPU, generator ${row.generator_cpu_pct}%; ${row.deltas_per_batch} deltas/batch, ${row.seq_gaps} seq gaps, ${row.rejected_ticks} ticks rejected, subscriber warned ${row.slow_warned} / degraded ${row.slow_degraded}`,
      );
    }
  }
  return rows;
}

async function oneRun(ticksPerBatch: number, round: number, o: SocketE2eOptions, plan: CpuPlan): Promise<SocketE2eRow> {
  const server = await startVariantServer(VARIANTS['hashcap-uws'], { maxSeconds: o.warmupS + o.seconds + 60, cpus: plan.server });
  const base = `ws://127.0.0.1:${server.port}`;
  const probe = new HashcapProbe(`${base}/v1/stream`, CHANNEL);
  const fleet = new Fleet({ protocol: countingProtocol('hashcap', '/v1/stream', CHANNEL), host: '127.0.0.1', port: server.port, count: 1, sourceAddresses: [], maxConnecting: 1, reconnect: null, seed: 1 });
  let ws: WebSocket | null = null;
  try {
    if (!(await waitFor(() => probe.snapshot !== null, Date.now() + 10_000))) throw new Error('no snapshot from the server');
    const ring = batchRing(pricesFromSnapshot(probe.snapshot), ticksPerBatch);
    await probe.close();
    fleet.start();
    if (!(await fleet.waitAllReady(Date.now() + 10_000))) throw new Error('the subscriber did not subscribe');
    const socket = new WebSocket(`${base}/v1/ingest`, { perMessageDeflate: false, headers: { authorization: `Bearer ${server.token}` } });
    ws = socket;
    socket.binaryType = 'nodebuffer';
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });

    // ws keeps its net.Socket in a field its types do not declare.
    const tcp = (socket as unknown as { _socket: Socket })._socket;
    let sent = 0;
    let acked = 0;
    let accepted = 0;
    let refused = 0;
    let rejected = 0;
    let running = true;
    let corked = false;
    const window = IN_FLIGHT(ticksPerBatch);
    const sendOne = () => {
      const frame = ring[sent % ring.length]!;
      const now = Date.now();
      for (const at of frame.timeOffsets) frame.bytes.writeDoubleLE(now, at);
      socket.send(frame.bytes);
      sent++;
    };
    socket.on('message', (data: Buffer) => {
      acked++;
      const reply = wire.IngestReply.decode(data);
      rejected += reply.rejected.length;
      // A batch refused whole (e.g. 3111, over a publisher rate) went through none of the path: not counted.
      if (reply.error != null) refused++;
      else accepted++;
      if (!running) return;
      // Replies come in bursts: their sends go out together.
      if (!corked) {
        corked = true;
        tcp.cork();
        setImmediate(() => {
          corked = false;
          tcp.uncork();
        });
      }
      while (sent - acked < window) sendOne();
    });
    while (sent < window) sendOne();

    await sleep(o.warmupS * 1000);
    const a0 = accepted;
    const r0 = refused;
    const d0 = fleet.totals.deltas;
    const cpu0 = cpuSeconds(server.pid);
    const gen0 = process.cpuUsage();
    const t0 = performance.now();
    await sleep(o.seconds * 1000);
    const a1 = accepted;
    const r1 = refused;
    const d1 = fleet.totals.deltas;
    const cpu1 = cpuSeconds(server.pid);
    const gen = process.cpuUsage(gen0);
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await waitFor(() => acked >= sent, Date.now() + 5000);
    await waitFor(() => fleet.subs[0]!.seq.last - fleet.subs[0]!.seq.base >= accepted, Date.now() + 3000);
    if (r1 > r0) throw new Error(`${r1 - r0} batches were refused whole during the window (the server's limits are not off)`);
    const slow = await slowConsumerActions(`http://127.0.0.1:${server.port}/metrics`);
    const batches = a1 - a0;
    const serverCpu = cpu1 - cpu0;
    return {
      case: `publisher socket → decode → gate → engine → feed → encode → publish → subscriber socket, ${ticksPerBatch} tick${ticksPerBatch === 1 ? '' : 's'} per batch`,
      ticks_per_batch: ticksPerBatch,
      round,
      seconds: Number(seconds.toFixed(2)),
      batches_per_s: batches / seconds,
      ticks_per_s: (batches * ticksPerBatch) / seconds,
      batches_per_server_cpu_s: serverCpu > 0 ? batches / serverCpu : 0,
      ticks_per_server_cpu_s: serverCpu > 0 ? (batches * ticksPerBatch) / serverCpu : 0,
      server_cpu_pct: Number(((serverCpu / seconds) * 100).toFixed(1)),
      generator_cpu_pct: Number((((gen.user + gen.system) / 1e6 / seconds) * 100).toFixed(1)),
      deltas_per_batch: batches > 0 ? Number(((d1 - d0) / batches).toFixed(3)) : 0,
      seq_gaps: fleet.subs[0]!.seq.gaps,
      rejected_ticks: rejected,
      in_flight: window,
      slow_warned: slow.warned,
      slow_degraded: slow.degraded,
    };
  } finally {
    if (ws !== null) ws.terminate();
    await probe.close();
    await fleet.stop(1000);
    await server.stop();
  }
}

/** The server's slow-consumer ladder counters (NaN when /metrics does not answer). */
async function slowConsumerActions(url: string): Promise<{ warned: number; degraded: number }> {
  try {
    const text = await (await fetch(url)).text();
    const read = (action: string): number => Number(new RegExp(`hashcap_slow_consumers_total\\{action="${action}"\\} (\\d+)`).exec(text)?.[1] ?? Number.NaN);
    return { warned: read('warned'), degraded: read('degraded') };
  } catch {
    return { warned: Number.NaN, degraded: Number.NaN };
  }
}

interface RingFrame {
  readonly bytes: Buffer;
  readonly timeOffsets: readonly number[];
}

/**
 * RING pre-encoded PublisherMessages: prices walk away for half the ring and retrace the same steps
 * back, so the walk is continuous across the wrap. The offsets of each tick's time field are found by
 * encoding with marker times and searching for them.
 */
function batchRing(prices: ReturnType<typeof pricesFromSnapshot>, ticksPerBatch: number): RingFrame[] {
  if (prices.length === 0) throw new Error('no constituents in the snapshot');
  const source = new TickSource(prices, 42);
  const half = Array.from({ length: RING / 2 }, () => source.next(ticksPerBatch, 0));
  const walk = [...half, ...[...half].reverse().map((b) => [...b].reverse())];
  return walk.map((ticks, b) => {
    const marked = ticks.map((t, i) => ({ ...t, timeMs: 1e12 + b * 10_000 + i + 0.5 }));
    const bytes = Buffer.from(wire.PublisherMessage.encode({ batch: { batchId: b + 1, ticks: marked } }).finish());
    const timeOffsets = marked.map((t) => {
      const needle = Buffer.alloc(9);
      needle[0] = TIME_TAG;
      needle.writeDoubleLE(t.timeMs, 1);
      const at = bytes.indexOf(needle);
      if (at < 0) throw new Error('tick time field not found in the encoded batch');
      return at + 1;
    });
    return { bytes, timeOffsets };
  });
}
