/**
 * hashcap in a child process for the load benches, so its CPU and memory are its own:
 * `node --import tsx bench/fanout/hashcap-server.ts --transport uws --port 0 --max-seconds 120 [--write-window-ms 1] [--write-window-max-ms 4]`.
 * The same `startServer` as `npm start` (no simulator, fixed token). Over IPC it reports where it
 * listens, its gateway counters, and runs the "publish only" load: an open-loop timer that encodes
 * one delta per message and hands it to `transport.publish` on the channel's topic directly,
 * skipping ingest and the feed, to isolate the fan-out.
 */
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { ADMISSION_LIMITS_OFF, INGEST_RATE_LIMIT_OFF } from '../lib/admission-off.ts';
import { OpenLoopPublisher } from '../load/publisher.ts';
import { peerDeltaProto } from '../peers/payload.ts';
import { BENCH_TOKEN, type ParentMessage } from './ipc.ts';

class TransportPublisher extends OpenLoopPublisher {
  constructor(
    private readonly server: HashcapServer,
    private readonly topic: string,
  ) {
    super();
  }

  get isClosed(): boolean {
    return true;
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  protected sendOne(seq: number, dueMs: number): void {
    this.server.transport.publish(this.topic, peerDeltaProto(seq, dueMs));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A restart on the same port can find it still held: uWS sets SO_REUSEADDR (and SO_REUSEPORT) only
 * when given an explicit port, so after a crash of a server started on port 0 the old connections'
 * TIME_WAIT entries block the port for ~60 s (ws/libuv always sets SO_REUSEADDR). With
 * --listen-retry-s the child keeps trying every 250 ms for that long, and says how long it took.
 */
async function listenWithRetry(config: ReturnType<typeof parseConfig>, retryS: number): Promise<HashcapServer> {
  const start = Date.now();
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      // Slow-consumer lines come by the thousand past the knee; the parent reads their count over IPC.
      const server = await startServer(config, (line) => {
        if (!line.startsWith('slow consumer')) console.error(`[hashcap child] ${line}`);
      });
      if (attempts > 1) console.error(`[hashcap child] listening on port ${server.port} after ${attempts} attempts, ${((Date.now() - start) / 1000).toFixed(1)} s`);
      return server;
    } catch (error) {
      if (Date.now() - start >= retryS * 1000) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

async function main(): Promise<void> {
  const send = (m: object) => process.send?.(m);
  const maxSeconds = Number(arg('--max-seconds', '600'));
  // Bounded: gone with the parent, and in any case after max-seconds.
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), maxSeconds * 1000).unref();

  const config = parseConfig(
    [
      '--transport', arg('--transport', 'uws'), '--no-simulate', '--host', '127.0.0.1', '--port', arg('--port', '0'), '--token', BENCH_TOKEN, ...ADMISSION_LIMITS_OFF, ...INGEST_RATE_LIMIT_OFF,
      ...(process.argv.includes('--write-window-ms') ? ['--write-window-ms', arg('--write-window-ms', '0')] : []),
      ...(process.argv.includes('--write-window-max-ms') ? ['--write-window-max-ms', arg('--write-window-max-ms', '0')] : []),
    ],
    {},
  );
  const server = await listenWithRetry(config, Number(arg('--listen-retry-s', '0')));
  let publisher: TransportPublisher | null = null;
  process.on('message', (m: ParentMessage) => {
    switch (m.type) {
      case 'publish-start':
        // One publisher for the server's life: its seq runs on from one rate to the next.
        publisher ??= new TransportPublisher(server, m.topic);
        publisher.start(m.rate);
        send({ type: 'publish-started' });
        break;
      case 'publish-stop':
        publisher?.stop();
        send({ type: 'publish-stopped', stats: publisher?.stats() ?? null });
        break;
      case 'counters': {
        const c = server.gateway.counters;
        send({
          type: 'counters',
          connections: c.connections,
          subscriptions: c.subscriptions,
          slowWarned: c.slowWarned,
          slowDegraded: c.slowDegraded,
          slowClosed: c.slowClosed,
          framesPublished: server.feed.frames,
        });
        break;
      }
    }
  });
  send({ type: 'ready', port: server.port, token: server.ingestToken, transport: server.transport.name, epoch: server.feed.epoch });
}

main().catch((err: unknown) => {
  console.error(`[hashcap child] failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
