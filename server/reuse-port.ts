/**
 * Several gateway processes on one port (--reuse-port): uWS sets SO_REUSEPORT itself; Node's net module
 * can only from 22.12 / 23.1 (older versions ignore the option, and a second process then fails with
 * EADDRINUSE). Checked once the transport is chosen, since `--transport auto` may fall back to ws.
 */
import { ConfigError, type Config } from './config.ts';
import type { TransportKind } from './transport/types.ts';

/** `server.listen({ reusePort })` exists from Node 22.12 and 23.1. */
export function nodeNetReusesPorts(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
}

export function refuseUnsharedPort(config: Config, transport: TransportKind): void {
  if (config.reusePort && transport === 'ws' && !nodeNetReusesPorts()) {
    throw new ConfigError('--reuse-port', 'true', `the uws transport (this is ws, and Node ${process.versions.node}'s net module cannot set SO_REUSEPORT; 22.12+ can)`);
  }
}
