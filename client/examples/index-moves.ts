/**
 * A bot that watches a sector index and logs every move of its level larger than N basis points
 * (measured from the level last logged), and every milestone crossing of its total market cap.
 *
 *   npx tsx client/examples/index-moves.ts --url http://localhost:8080 --bp 5
 *
 * Stops on Ctrl-C. Repairs (gaps, resyncs, reconnects) are handled by the SDK and only reported here.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HashcapClient, indexSummary, type ChannelState } from '../sdk/index.ts';

const USAGE = 'usage: npx tsx client/examples/index-moves.ts --url <http://host:port> [--bp <basis points, default 5>] [--index <id, default miners>]';

function parse(): { url: string; bp: number; index: string } {
  try {
    const { values, positionals } = parseArgs({
      options: { url: { type: 'string' }, bp: { type: 'string', default: '5' }, index: { type: 'string', default: 'miners' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const bp = Number(values.bp);
    if (!values.url || positionals.length > 0 || !(bp > 0) || !/^[a-z0-9-]+$/i.test(values.index)) throw new Error('bad arguments');
    new URL(values.url); // throws on a malformed URL
    return { url: values.url, bp, index: values.index };
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
}

const args = parse();
const channel = `index.${args.index}`;
const usd = (v: number) => `$${(v / 1e9).toFixed(2)}B`;
const time = (ms: number) => new Date(ms || Date.now()).toISOString().slice(11, 23);

// A server run with --auth required: HASHCAP_TOKEN holds a subscriber JWT (a long-running bot would pass a function that fetches a fresh one).
const token = process.env['HASHCAP_TOKEN'];
const client = new HashcapClient({ url: args.url, WebSocket, ...(token !== undefined && token !== '' && { token }) });
/** The level of the last logged move: the next move is measured from here. */
let reference: number | null = null;
/** Crossings already logged (the status snapshot repeats recent ones after every resync). */
const crossings = new Set<string>();
const startedMs = Date.now();

function logMove(state: ChannelState, eventTimeMs: number): void {
  const s = indexSummary(state);
  if (!s || !(s.level > 0)) return;
  if (reference === null) {
    reference = s.level;
    console.log(`${time(eventTimeMs)} ${s.name}: level ${s.level.toFixed(2)} (${s.changePct.toFixed(2)}% today), market cap ${usd(s.marketCapUsd)}`);
    return;
  }
  const moveBp = ((s.level - reference) / reference) * 10_000;
  if (Math.abs(moveBp) < args.bp) return;
  reference = s.level;
  const arrow = moveBp > 0 ? '▲' : '▼';
  console.log(`${time(eventTimeMs)} ${arrow} ${moveBp.toFixed(1)} bp → ${s.level.toFixed(2)} (${s.changePct.toFixed(2)}% today), market cap ${usd(s.marketCapUsd)}`);
}

function logCrossings(state: ChannelState, onlySince: number): void {
  for (const m of state.status?.milestones ?? []) {
    if (m.index !== args.index) continue;
    const key = `${m.thresholdUsd}:${m.upward}:${m.timeMs}`;
    if (crossings.has(key) || (m.timeMs ?? 0) < onlySince) continue;
    crossings.add(key);
    const verb = m.upward ? 'crossed above' : 'fell below';
    console.log(`${time(m.timeMs ?? 0)} ★ market cap ${verb} ${usd(m.thresholdUsd ?? 0)} (at ${usd(m.marketCapUsd ?? 0)})`);
  }
}

client.on('snapshot', (e) => {
  if (e.channel === channel) logMove(e.state, 0);
  // Crossings in a snapshot happened before we started, unless this snapshot repairs a gap of ours.
  else if (e.channel === 'status') logCrossings(e.state, startedMs);
});
client.on('delta', (e) => {
  if (e.channel === channel && e.changes.index?.level != null) logMove(e.state, e.eventTimeMs);
  else if (e.channel === 'status' && e.changes.status?.milestones?.length) logCrossings(e.changes, 0);
});
client.on('state', (e) => console.error(`[connection ${e.state}]`));
client.on('reconnected', (e) => console.error(`[reconnected after ${e.downtimeMs} ms, attempt ${e.attempt}]`));
client.on('resync', (e) => console.error(`[${e.channel} resynced: ${e.reason}]`));
client.on('stale', (e) => console.error(`[${e.channel}: nothing for ${e.silentMs} ms]`));
client.on('error', (e) => console.error(`[error ${e.code}${e.channel ? ` on ${e.channel}` : ''}: ${e.message}]`));
client.on('notice', (n) => console.error(`[server notice ${n.kind}: ${n.message}]`));

process.once('SIGINT', () => {
  client.close();
  console.error('[stopped]');
});

client.subscribe([channel, 'status']);
await client.connect().catch(() => undefined); // rejected only by Ctrl-C before the first open
