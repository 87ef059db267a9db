/**
 * The calendar as a subscriber sees it: a real server whose simulated clock starts on a day the old
 * 2025–2027 table did not know, read through the `status` channel over a real websocket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { Session } from '../../server/market/session-types.ts';
import { StreamClient } from '../support/stream-client.ts';

describe('session calendar beyond 2027, from a subscriber', () => {
  const servers: HashcapServer[] = [];
  const clients: StreamClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(servers.splice(0).map((s) => s.close(0)));
  });

  async function statusAt(clockIso: string) {
    const config = parseConfig(['--port', '0', '--transport', 'ws', '--clock', clockIso, '--sim-rate', '200'], {});
    const server = await startServer(config, () => {});
    servers.push(server);
    const client = await StreamClient.connect(server.url);
    clients.push(client);
    client.subscribe(['status', 'index.miners']);
    const snapshot = await client.until('status snapshot', () => client.snapshots('status')[0]);
    const status = snapshot.state?.status ?? {};
    return { client, session: status.session ?? Session.Closed, nextAt: new Date(status.nextSessionChangeMs ?? 0).toISOString(), next: status.nextSession ?? Session.Closed };
  }

  it('Martin Luther King, Jr. Day 2028 is closed all day and the simulator prints nothing; Tuesday opens at 04:00', async () => {
    const { client, session, nextAt, next } = await statusAt('2028-01-17T10:00:00-05:00');
    expect({ session, nextAt, next }).toEqual({ session: Session.Closed, nextAt: '2028-01-18T09:00:00.000Z', next: Session.Pre });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.deltas('index.miners')).toEqual([]);
  });

  it('Monday July 3, 2028 is a half day: the regular session ends at 13:00 EDT', async () => {
    const { session, nextAt, next } = await statusAt('2028-07-03T12:59:00-04:00');
    expect({ session, nextAt, next }).toEqual({ session: Session.Regular, nextAt: '2028-07-03T17:00:00.000Z', next: Session.Post });
  });
});
