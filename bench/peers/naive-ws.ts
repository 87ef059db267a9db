/**
 * Peer (a): the broadcast server most people write first with `ws` — a Set of clients and, for every
 * message, `JSON.stringify` once then a loop of `client.send(json)` (ws encodes the string to UTF-8
 * and frames it per client; no backpressure handling, no topics). The publisher connects to `/pub`
 * and sends the JSON text; everyone else is a subscriber.
 *
 *   node --import tsx bench/peers/naive-ws.ts [--port 0] [--max-seconds 600]
 */
import { WebSocket, WebSocketServer } from 'ws';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), Number(arg('--max-seconds', '600')) * 1000).unref();

const subscribers = new Set<WebSocket>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(arg('--port', '0')), perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  ws.on('error', () => {});
  if (req.url === '/pub') {
    ws.on('message', (data: Buffer) => {
      // What a naive server does with an update: one JSON string, sent to each client in turn.
      const json = JSON.stringify(JSON.parse(data.toString()));
      for (const client of subscribers) if (client.readyState === WebSocket.OPEN) client.send(json);
    });
    return;
  }
  subscribers.add(ws);
  ws.on('close', () => subscribers.delete(ws));
});

wss.on('listening', () => {
  const addr = wss.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  if (process.send) process.send({ type: 'ready', port });
  else console.error(`naive ws peer: subscribers ws://127.0.0.1:${port}/, publisher ws://127.0.0.1:${port}/pub`);
});
