/**
 * What the ticker page needs, across roles: an aggregator and a gateway in one test process sharing an
 * in-memory bus hub (test/integration/roles.test.ts runs the same over a real redis-server). The
 * gateway mirrors the per-symbol bars channels (bars.<SYMBOL>.1m/.5m) with their history, and the
 * status channel's source badge and market clock, as the aggregator made them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wire } from '../../proto/wire.ts';
import { cloneState, mergeState, type ChannelState } from '../../proto/merge.ts';
import type { HashcapServer } from '../../server/app.ts';
import type { GatewayServer } from '../../server/gateway-app.ts';
import { MemoryRoles } from '../support/memory-roles.ts';
import { StreamClient } from '../support/stream-client.ts';

const TOKEN = 'ticker-roles-token-0123456789';

describe('ticker channels through an aggregator and a gateway', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('serve bars.<SYMBOL> (history and deltas) and the source badge from the gateway as from the aggregator', async () => {
    const roles = new MemoryRoles();
    const aggregator: HashcapServer = await roles.aggregator(['--token', TOKEN]);
    closers.push(() => aggregator.close());
    const post = async (batchId: number, price: number, timeMs: number) => {
      const ticks = [{ symbol: 'MARA', kind: 0, price, size: 100, timeMs, seq: batchId }];
      const res = await fetch(`${aggregator.url}/v1/quotes`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
        body: Buffer.from(wire.IngestBatch.encode({ batchId, ticks }).finish()),
      });
      expect(wire.IngestReply.decode(new Uint8Array(await res.arrayBuffer())).accepted).toBe(1);
    };
    await post(1, 15.9, Date.now() - 1_000); // history before the gateway exists
    const gateway: GatewayServer = await roles.gateway();
    closers.push(() => gateway.close());

    const client = await StreamClient.connect(gateway.url);
    closers.push(() => client.close());
    const channels = ['bars.MARA.1m', 'bars.MARA.5m', 'status'];
    client.subscribe(channels);
    await client.until('snapshots from the gateway', () => channels.every((c) => client.snapshots(c).length > 0), 10_000);
    expect(client.errors()).toEqual([]);
    const first = client.snapshots('bars.MARA.1m')[0]!.state!.bars!;
    expect(first).toMatchObject({ symbol: 'MARA', maxBars: 960 });
    expect(first.bars!.at(-1)).toMatchObject({ close: 15.9, volume: 100 });
    expect(client.snapshots('status')[0]!.state!.status).toMatchObject({ source: 1, speed: 1 });

    await post(2, 15.95, Date.now());
    await client.until('a bars delta through the gateway', () => client.deltas('bars.MARA.1m').length > 0, 10_000);
    const state = cloneState(client.snapshots('bars.MARA.1m')[0]!.state as ChannelState);
    for (const d of client.deltas('bars.MARA.1m')) mergeState(state, d.changes as ChannelState);
    const ohlcv = (b: { startMs?: number | null; open?: number | null; close?: number | null; volume?: number | null }) => [b.startMs, b.open, b.close, b.volume];
    expect(state.bars!.bars!.map(ohlcv)).toEqual(aggregator.feed.channelState('bars.MARA.1m')!.bars!.bars!.map(ohlcv));
    expect(state.bars!.bars!.reduce((n, b) => n + (b.volume ?? 0), 0)).toBe(200);
    // /v1/snapshot on the gateway says what the aggregator says about the source.
    const body = (await (await fetch(`${gateway.url}/v1/snapshot`)).json()) as { status: { source: string } };
    expect(body.status.source).toBe('SOURCE_LIVE');
  }, 30_000);
});
