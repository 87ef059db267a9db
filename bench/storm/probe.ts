/**
 * The existing subscribers of the storm bench, in a process of their own: N `ws` clients on
 * index.miners (raw). Each checks that its deltas' seqs are contiguous (a missed delta is a gap) and
 * records each delta's latency: arrival minus `eventTimeMs`, the time the publisher stamped on its print
 * when it sent it (same machine, same clock). IPC: `phase` starts a new measuring window, `report` ends it.
 */
import WebSocket from 'ws';
import { wire } from '../../proto/wire.ts';

interface Sub {
  lastSeq: number;
  gaps: number;
  closed: boolean;
}

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 20);
const subs: Sub[] = [];
let latencies: number[] = [];
let deltas = 0;
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 15 * 60_000).unref();

await Promise.all(
  Array.from({ length: count }, async () => {
    const sub: Sub = { lastSeq: -1, gaps: 0, closed: false };
    subs.push(sub);
    const socket = new WebSocket(`${url}/v1/stream`, ['hashcap.v1.proto']);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.on('close', () => (sub.closed = true));
    socket.on('message', (data: Buffer) => {
      const m = wire.ServerMessage.decode(data);
      const seq = Number(m.snapshot?.seq ?? m.delta?.seq ?? m.heartbeat?.seq ?? -1);
      if (m.snapshot) sub.lastSeq = seq;
      else if (m.delta) {
        if (sub.lastSeq >= 0 && seq !== sub.lastSeq + 1) sub.gaps += seq - sub.lastSeq - 1;
        sub.lastSeq = seq;
        deltas++;
        latencies.push(Date.now() - Number(m.delta.eventTimeMs));
      }
    });
    socket.send(wire.ClientMessage.encode({ subscribe: { requestId: 1, channels: ['index.miners'], conflateMs: 0 } }).finish());
  }),
);
process.send?.({ type: 'ready' });

process.on('message', (m: { type: string }) => {
  if (m.type === 'phase') {
    latencies = [];
    deltas = 0;
    for (const s of subs) s.gaps = 0;
    process.send?.({ type: 'phase' });
  } else if (m.type === 'report') {
    const sorted = Float64Array.from(latencies).sort();
    const at = (q: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    process.send?.({
      type: 'report',
      deltas,
      missed: subs.reduce((n, s) => n + s.gaps, 0),
      closed: subs.filter((s) => s.closed).length,
      p50: at(0.5),
      p99: at(0.99),
      max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
      mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    });
  }
});
