/**
 * One "gateway" of the Redis bench: a RedisBus subscribed to every topic, in a process of its own so it
 * does not share the publisher's event loop (bench/redis/receiver.ts checks and times each frame).
 */
import { createBus, type Bus } from '../../server/bus/index.ts';
import { TOPICS, type FromGateway, type ToGateway } from './frames.ts';
import { Receiver } from './receiver.ts';

const send = (m: FromGateway): void => void process.send!(m);
const receiver = new Receiver();
let bus: Bus | null = null;

process.on('message', (m: ToGateway) => {
  void (async () => {
    if (m.type === 'start') {
      bus = createBus({ url: m.url, log: (line) => console.error(`gateway ${process.pid}: ${line}`) });
      await Promise.all(TOPICS.map((t) => bus!.subscribe(t, receiver.onFrame)));
      send({ type: 'ready' });
    } else if (m.type === 'round') {
      receiver.arm(m.expect, m.latency, send);
      send({ type: 'armed' });
    } else {
      await bus?.close();
      process.exit(0);
    }
  })().catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
// The bench is gone (crashed, killed): do not outlive it.
process.on('disconnect', () => process.exit(0));
