/**
 * createBus: a bus from a URL.
 *   (none) or memory://                  the in-process bus (one process, `--role all`)
 *   redis://[user:pass@]host:port[/db]   one redis-server (rediss:// for TLS)
 *   redis-cluster://host:port,host:port  a Redis Cluster: some of its nodes; sharded pub/sub
 */

import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { MemoryBus, type MemoryBusOptions } from './memory-bus.ts';
import { RedisBus, type RedisBusOptions } from './redis-bus.ts';
import type { Bus } from './types.ts';

export type { Bus, BusFrame, BusState, BusStats, TopicStart } from './types.ts';
export { FrameKind } from './types.ts';
export { MemoryBus, MemoryHub } from './memory-bus.ts';
export { RedisBus } from './redis-bus.ts';

export type BusOptions = Omit<RedisBusOptions, 'url' | 'cluster'> & Omit<MemoryBusOptions, 'hub'> & { readonly url?: string };

export function createBus(spec: string | BusOptions = {}): Bus {
  const options: BusOptions = typeof spec === 'string' ? { url: spec } : spec;
  const { url, ...rest } = options;
  if (url === undefined || url === '' || url === 'memory://') return new MemoryBus(rest);
  const scheme = /^([a-z-]+):\/\//.exec(url)?.[1];
  if (scheme === 'redis' || scheme === 'rediss') return new RedisBus({ ...rest, url });
  if (scheme === 'redis-cluster') return new RedisBus({ ...rest, cluster: parseClusterNodes(url) });
  throw new HashcapError(
    HashcapErrorCode.BUS_CONFIG,
    `bus URL must be memory://, redis://host:port, rediss://host:port or redis-cluster://host:port,host:port, got ${JSON.stringify(url)}`,
  );
}

/** The nodes of a redis-cluster:// URL (the quote log and the lease connect to the same cluster as the bus). */
export function parseClusterNodes(url: string): { host: string; port: number }[] {
  const list = url.slice('redis-cluster://'.length).replace(/\/$/, '');
  const nodes = list.split(',').map((item) => {
    const match = /^(\[[0-9a-fA-F:]+\]|[^:/\s[\]]+):(\d{1,5})$/.exec(item.trim());
    const port = Number(match?.[2]);
    if (match === null || port < 1 || port > 65535) {
      throw new HashcapError(HashcapErrorCode.BUS_CONFIG, `redis-cluster:// node must be host:port, got ${JSON.stringify(item)} in ${JSON.stringify(url)}`);
    }
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
  return nodes;
}
