/**
 * The probes' own process. A generator busy reading a thousand sockets can sit on a message for
 * milliseconds before its callback runs; probes on that same event loop would report the generator's
 * queueing as server latency. Here they have an event loop (and CPU accounting) of their own.
 *
 * IPC: in — start, record, close; out — status (every 100 ms; the last one with the histograms).
 * Bounded: exits when the parent goes, and after --max-seconds in any case.
 */
import * as hdr from 'hdr-histogram-js';
import { createProbe, HashcapProbe, type Probe, type ProbeTarget } from './probe.ts';
import { pricesFromSnapshot } from './ticks.ts';
import type { ProbeCommand, ProbeStatus, ProbeTaken } from './probe-pool.ts';

const send = (m: object): void => {
  process.send?.(m);
};
const maxSeconds = Number(process.argv[process.argv.indexOf('--max-seconds') + 1] ?? 600);
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), (Number.isFinite(maxSeconds) ? maxSeconds : 600) * 1000).unref();

let probes: Probe[] = [];
let timer: NodeJS.Timeout | null = null;

function status(final: boolean): ProbeStatus {
  const snapshot = probes.find((p): p is HashcapProbe => p instanceof HashcapProbe && p.snapshot !== null)?.snapshot ?? null;
  return {
    type: 'status',
    ready: probes.filter((p) => p.ready).length,
    closed: probes.filter((p) => p.closed).length,
    deltas: probes.map((p) => p.stats.deltas),
    prices: pricesFromSnapshot(snapshot),
    // Histograms travel only with the final status: they are the expensive part.
    stats: final ? probes.map((p) => ({ ...p.stats })) : null,
    sendHistogram: final ? hdr.encodeIntoCompressedBase64(mergeInto(probes.map((p) => p.sendLatency.histogram))) : null,
    eventHistogram: final ? hdr.encodeIntoCompressedBase64(mergeInto(probes.map((p) => p.eventLatency.histogram))) : null,
    negative: probes.reduce((s, p) => s + p.sendLatency.negative + p.eventLatency.negative, 0),
  };
}

function mergeInto(hs: readonly hdr.Histogram[]): hdr.Histogram {
  const out = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
  for (const h of hs) out.add(h);
  return out;
}

process.on('message', (m: ProbeCommand) => {
  switch (m.type) {
    case 'start':
      probes = m.targets.map((t: ProbeTarget) => createProbe(t));
      timer = setInterval(() => send(status(false)), 100);
      break;
    case 'record':
      for (const p of probes) p.recording = m.on;
      break;
    case 'take': {
      // One point of a sweep: its histograms, then a clean slate for the next (the final status
      // then covers what was recorded after the last take).
      const taken: ProbeTaken = {
        type: 'taken',
        sendHistogram: hdr.encodeIntoCompressedBase64(mergeInto(probes.map((p) => p.sendLatency.histogram))),
        eventHistogram: hdr.encodeIntoCompressedBase64(mergeInto(probes.map((p) => p.eventLatency.histogram))),
        negative: probes.reduce((s, p) => s + p.sendLatency.negative + p.eventLatency.negative, 0),
        gaps: probes.reduce((s, p) => s + p.stats.gaps, 0),
        duplicates: probes.reduce((s, p) => s + p.stats.duplicates, 0),
      };
      for (const p of probes) {
        p.sendLatency.reset();
        p.eventLatency.reset();
      }
      send(taken);
      break;
    }
    case 'close':
      if (timer !== null) clearInterval(timer);
      for (const p of probes) p.recording = false;
      void Promise.all(probes.map((p) => p.close())).then(() => {
        send(status(true));
        process.disconnect();
      });
      break;
  }
});
