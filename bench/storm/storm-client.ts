/**
 * The storm: `count` websocket upgrades in one burst, spread round-robin over loopback source addresses,
 * on bare sockets (a handshake costs the client next to nothing, so the burst is as sharp as the
 * machine allows). Accepted ones subscribe to `status` (an ack and a snapshot each, then a heartbeat a
 * second: the cost of arriving, not of 10,000 more readers of the measured channel) and stay open until `close-all`; refused
 * ones are counted by HTTP status and error code. IPC: `storm` → `stormed` with the counts.
 */
import { connect, type Socket } from 'node:net';
import { wire } from '../../proto/wire.ts';
import { maskedFrame, OPCODE_BINARY, responseHeadEnd, responseStatus, upgradeRequest } from '../load/ws-frames.ts';

interface StormRequest {
  readonly type: 'storm';
  readonly port: number;
  readonly count: number;
  readonly addresses: readonly string[];
  readonly inFlight: number;
}

const open: Socket[] = [];
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 15 * 60_000).unref();
const subscribe = maskedFrame(OPCODE_BINARY, wire.ClientMessage.encode({ subscribe: { requestId: 1, channels: ['status'], conflateMs: 0 } }).finish(), 0x12345678);

function one(port: number, localAddress: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress, noDelay: true });
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (outcome: string, keep: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (keep) open.push(socket);
      else socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('timeout', false), 20_000);
    socket.on('error', (err: NodeJS.ErrnoException) => finish(`error:${err.code ?? err.message}`, false));
    socket.on('close', () => finish('closed-early', false));
    socket.on('connect', () => socket.write(upgradeRequest('127.0.0.1', port, '/v1/stream', 'Sec-WebSocket-Protocol: hashcap.v1.proto\r\n')));
    socket.on('data', (chunk: Buffer) => {
      if (done) return; // an accepted one: its frames are read and dropped
      buf = Buffer.concat([buf, chunk]);
      const end = responseHeadEnd(buf);
      if (end === -1) return;
      const status = responseStatus(buf.subarray(0, end));
      if (status === 101) {
        socket.write(subscribe);
        finish('101', true);
        return;
      }
      const code = /"code":(\d+)/.exec(buf.subarray(end).toString())?.[1];
      finish(`${status}${code ? `:${code}` : ''}`, false);
    });
  });
}

process.on('message', async (m: StormRequest | { type: 'close-all' }) => {
  if (m.type === 'close-all') {
    for (const s of open.splice(0)) s.destroy();
    process.send?.({ type: 'closed' });
    return;
  }
  const started = Date.now();
  const outcomes: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < m.count) {
      const i = next++;
      const outcome = await one(m.port, m.addresses[i % m.addresses.length]!);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: m.inFlight }, worker));
  process.send?.({ type: 'stormed', outcomes, ms: Date.now() - started });
});
process.send?.({ type: 'ready' });
