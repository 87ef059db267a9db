/**
 * Peer (b): Socket.IO 4 as its docs suggest for a feed — the publisher emits on the `/pub` namespace
 * and the server rebroadcasts with `io.emit('md', update)` to every socket of the main namespace
 * (the broadcast encodes the packet once and writes it to each client). Defaults otherwise
 * (polling + websocket allowed, 25 s pings), no compression, no client bundle served.
 *
 *   node --import tsx bench/peers/socketio.ts [--port 0] [--max-seconds 600]
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), Number(arg('--max-seconds', '600')) * 1000).unref();

const http = createServer();
const io = new Server(http, { serveClient: false, perMessageDeflate: false, httpCompression: false });
io.of('/pub').on('connection', (socket) => {
  socket.on('md', (update: unknown) => {
    io.emit('md', update);
  });
});

http.listen(Number(arg('--port', '0')), '127.0.0.1', () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  if (process.send) process.send({ type: 'ready', port });
  else console.error(`Socket.IO peer: http://127.0.0.1:${port} (subscribers: main namespace; publisher: /pub namespace)`);
});
