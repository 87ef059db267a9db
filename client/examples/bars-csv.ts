/**
 * A bot that writes the completed 1-minute bars of a sector index to a CSV file. A bar is complete when
 * the next one starts (a late print never reopens it); each is written once, also across resyncs and
 * restarts of this bot (it continues after the last bar already in the file).
 *
 *   npx tsx client/examples/bars-csv.ts --url http://localhost:8080 bars.csv
 *
 * The bars the server still holds from earlier in the day are written first. Stops on Ctrl-C.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HashcapClient, sessionName, type ChannelState } from '../sdk/index.ts';

const USAGE = 'usage: npx tsx client/examples/bars-csv.ts --url <http://host:port> [--index <id, default miners>] <out.csv>';
const HEADER = 'start_iso,open,high,low,close,prints,session';

function parse(): { url: string; index: string; path: string } {
  try {
    const { values, positionals } = parseArgs({
      options: { url: { type: 'string' }, index: { type: 'string', default: 'miners' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (!values.url || positionals.length !== 1 || !/^[a-z0-9-]+$/i.test(values.index)) throw new Error('bad arguments');
    new URL(values.url);
    return { url: values.url, index: values.index, path: positionals[0]! };
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
}

const args = parse();
const channel = `bars.${args.index}.1m`;

/** Where to continue: the start of the last bar in an existing file, so a restart writes no bar twice. */
function lastWrittenStart(path: string): number {
  if (!existsSync(path)) return -Infinity;
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const last = lines.at(-1) ?? '';
  const ms = last === HEADER ? Number.NaN : Date.parse(last.split(',')[0] ?? '');
  return Number.isFinite(ms) ? ms : -Infinity;
}

let written = lastWrittenStart(args.path);
if (!existsSync(args.path) || readFileSync(args.path, 'utf8').length === 0) appendFileSync(args.path, `${HEADER}\n`);

/** Every bar but the newest is complete; write those not written yet, oldest first. */
function writeCompleted(state: ChannelState): void {
  const bars = state.bars?.bars ?? [];
  const rows: string[] = [];
  for (let i = 0; i < bars.length - 1; i++) {
    const b = bars[i]!;
    const start = b.startMs ?? 0;
    if (start <= written) continue;
    rows.push([new Date(start).toISOString(), b.open ?? 0, b.high ?? 0, b.low ?? 0, b.close ?? 0, b.prints ?? 0, sessionName(b.session)].join(','));
    written = start;
  }
  if (rows.length === 0) return;
  appendFileSync(args.path, `${rows.join('\n')}\n`);
  console.error(`${rows.length} bar${rows.length === 1 ? '' : 's'} written, last ${new Date(written).toISOString()}`);
}

// A server run with --auth required: HASHCAP_TOKEN holds a subscriber JWT (a long-running bot would pass a function that fetches a fresh one).
const token = process.env['HASHCAP_TOKEN'];
const client = new HashcapClient({ url: args.url, WebSocket, ...(token !== undefined && token !== '' && { token }) });
client.on('snapshot', (e) => writeCompleted(e.state));
client.on('delta', (e) => {
  // Most deltas update the current bar; only when a new one starts is there a completed bar to write.
  const bars = e.state.bars?.bars ?? [];
  if (bars.length >= 2 && (bars[bars.length - 2]!.startMs ?? 0) > written) writeCompleted(e.state);
});
client.on('state', (e) => console.error(`[connection ${e.state}]`));
client.on('resync', (e) => console.error(`[${e.channel} resynced: ${e.reason}]`));
client.on('error', (e) => console.error(`[error ${e.code}${e.channel ? ` on ${e.channel}` : ''}: ${e.message}]`));

process.once('SIGINT', () => {
  client.close();
  console.error('[stopped]');
});

client.subscribe([channel]);
await client.connect().catch(() => undefined);
