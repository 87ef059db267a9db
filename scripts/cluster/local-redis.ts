/**
 * The cluster's Redis: Debian's redis-server (or any other) found on PATH, run in the foreground on a
 * loopback port, its working directory a folder the cluster names. No snapshots and no AOF: the
 * aggregator puts every topic's base again when it starts, so a local cluster loses nothing by starting
 * with an empty Redis.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HashcapError, HashcapErrorCode } from '../../server/errors.ts';

const INSTALL_HINT = 'install the Debian/Ubuntu package redis-server (sudo apt-get install redis-server; elsewhere: brew install redis, or Redis 7 from redis.io), or set REDIS_SERVER to the program';

/** REDIS_SERVER when set, otherwise the first redis-server on PATH; a CLUSTER_REDIS_MISSING error naming the package when there is none. */
export function findRedisServer(env: NodeJS.ProcessEnv): string {
  const chosen = env['REDIS_SERVER'];
  if (chosen !== undefined && chosen !== '') {
    if (isExecutable(chosen)) return chosen;
    throw new HashcapError(HashcapErrorCode.CLUSTER_REDIS_MISSING, `REDIS_SERVER=${chosen} is not an executable file: ${INSTALL_HINT}`);
  }
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    const candidate = join(dir, 'redis-server');
    if (isExecutable(candidate)) return candidate;
  }
  throw new HashcapError(HashcapErrorCode.CLUSTER_REDIS_MISSING, `redis-server is not on PATH (${dirs.join(delimiter) || 'PATH is empty'}): ${INSTALL_HINT}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function redisServerArgs(port: number, dir: string): string[] {
  return [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--daemonize', 'no',
    // Its log goes to stdout, which the cluster prints with "redis |" in front.
    '--logfile', '',
  ];
}
