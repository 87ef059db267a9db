/**
 * The server under fuzz, in a process of its own so its RSS is its own: `startServer` (what `npm start`
 * runs) with the simulator off and the rate limits that would stop garbage before the decoders switched
 * off. Over IPC it reports its port and answers `state` (the canonical JSON of every index and of
 * quotes.*, the state a fuzz must not change) and `rss` (after a full GC, so two readings compare what
 * is live, not what the collector has not reclaimed yet). Gone with its parent, and after 90 minutes.
 */
import { canonicalJson } from '../../proto/canonical.ts';
import { startServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { FUZZ_TOKEN } from './generators.ts';


type Request = { type: 'state' } | { type: 'rss' };

const transport = process.argv[2] ?? 'auto';
const config = parseConfig(
  [
    '--port', '0', '--no-simulate', '--token', FUZZ_TOKEN, '--transport', transport,
    '--client-messages-per-second', '10000000', '--ingest-batches-per-second', '0',
    '--max-connections-per-address', '0', '--connects-per-second-per-address', '0', '--connects-per-second', '0',
  ],
  {},
);
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 90 * 60_000).unref();
const server = await startServer(config, (line) => process.stderr.write(`[fuzz server] ${line}\n`));
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (m: Request) => {
  if (m.type === 'state') {
    server.feed.flushFrames();
    const channels = [...server.market.indexes.map((ix) => `index.${ix.id}`), 'quotes.*'];
    const state = Object.fromEntries(channels.map((c) => [c, canonicalJson(server.feed.channelState(c) ?? {})]));
    process.send?.({ type: 'state', state, accepted: server.gate.accepted });
  } else if (m.type === 'rss') {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.send?.({ type: 'rss', rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers });
  }
});
process.send?.({ type: 'ready', port: server.port, transport: server.transport.name });
