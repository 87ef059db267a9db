/** A load report as the few lines an operator reads: a Markdown table and the problems, if any. */
import { human } from '../lib/stats.ts';
import { markdownTable } from '../lib/report.ts';
import type { LatencySummary } from './latency.ts';
import type { LoadReport } from './run.ts';

export function latencyCell(l: LatencySummary | null): string {
  if (l === null || l.count === 0) return '–';
  return `${l.p50Ms.toFixed(2)} / ${l.p99Ms.toFixed(2)} / ${l.p999Ms.toFixed(2)} ms`;
}

export function formatReport(r: LoadReport): string {
  const p = r.publisher;
  const rows: [string, string][] = [
    ['target', `${r.protocol} ${r.url} channel ${r.channel}`],
    ['subscribers ready', `${r.subscribers.ready} / ${r.subscribers.target} in ${r.subscribers.connectSeconds} s (${human(r.subscribers.connectPerS)}/s), ${r.subscribers.failedAttempts} failed attempts, ${r.subscribers.lost} lost`],
    ['probes', `${r.probes.ready} / ${r.probes.count} ready; deltas ${r.probes.deltasMin}–${r.probes.deltasMax}; gaps ${r.probes.gaps}; duplicates ${r.probes.duplicates}`],
    ['publisher', p === null ? 'none (observing)' : `target ${human(p.targetRate)}/s, achieved ${human(p.achievedRate)}/s, sent ${p.sent}${p.ackLag ? `, acked ${p.acked}, rejected ticks ${p.rejected}, ack lag p50/p99 ${p.ackLag.p50Ms.toFixed(2)}/${p.ackLag.p99Ms.toFixed(2)} ms, max outstanding ${p.maxOutstanding}` : ''}`],
    ['delivered (window)', `${human(r.measure.deliveredPerS)} msgs/s over ${r.measure.seconds} s (median of seconds ${human(r.measure.medianPerS)}, spread ${r.measure.spreadPct}%), ${human(r.measure.bytesPerS)}B/s`],
    ['per subscriber', `expected ${r.perSubscriber.expected}, got ${r.perSubscriber.min}–${r.perSubscriber.max} (mean ${r.perSubscriber.mean}); complete ${r.perSubscriber.complete}/${r.subscribers.target}; drops ${r.perSubscriber.drops}; notices ${r.perSubscriber.notices}; errors ${r.perSubscriber.errors}`],
    ['latency send→receive p50/p99/p99.9', `${latencyCell(r.latency.sendToReceive)} (${r.latency.sendToReceive.count} samples, max ${r.latency.sendToReceive.maxMs} ms)`],
    ['latency publish→receive p50/p99/p99.9', latencyCell(r.latency.publishToReceive)],
    ['generator', `${r.generator.cpuPct}% of one core, unread ${r.generator.recvBacklogKiBPerSocket ?? 'n/a'} KiB per socket${r.generator.bound ? ' — THE GENERATOR IS THE BOTTLENECK' : ''}; event-loop p99 ${r.generator.eventLoopP99Ms} ms; RSS ${r.generator.rssMiB} MiB`],
    ['machine CPU pressure (PSI some)', r.generator.cpuPressurePct === null ? 'n/a' : `${r.generator.cpuPressurePct}% of the window with a runnable task waiting for a CPU${r.generator.cpuPressurePct >= 20 ? ' — contended: figures are lower bounds' : ''}`],
    ['stopped', `${r.stoppedBy} after ${(r.elapsedMs / 1000).toFixed(1)} s (deadline ${(r.deadlineMs / 1000).toFixed(0)} s); sockets open at end: ${r.socketsOpenAtEnd}`],
  ];
  const lines = [markdownTable(['', ''], rows)];
  if (r.problems.length > 0) lines.push('', ...r.problems.map((x) => `problem: ${x}`));
  return lines.join('\n');
}
