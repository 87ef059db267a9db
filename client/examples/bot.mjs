// A hashcap bot in plain Node (20 or later): `npm install @hashcap/client ws`, then `node bot.mjs [url]`.
import WebSocket from 'ws';
import { HashcapClient, indexSummary } from '@hashcap/client';

const url = process.argv[2] ?? 'http://localhost:8080';
const client = new HashcapClient({ url, WebSocket });

client.on('snapshot', ({ channel, seq, state }) => console.log(`snapshot ${channel} seq ${seq} level ${indexSummary(state)?.level}`));
client.on('delta', ({ channel, seq, state }) => console.log(`delta ${channel} seq ${seq} level ${indexSummary(state)?.level}`));
client.on('reconnected', ({ attempt, downtimeMs }) => console.log(`reconnected after ${downtimeMs} ms (attempt ${attempt})`));
client.on('gap', ({ channel, expected, received }) => console.log(`gap ${channel}: expected seq ${expected}, got ${received}`));
client.on('resync', ({ channel, reason }) => console.log(`resync ${channel}: ${reason}`));

await client.connect();
client.subscribe(['index.miners']); // add { conflateMs: 1000 } for one update a second
process.once('SIGINT', () => client.close());
