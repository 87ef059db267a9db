/**
 * An aggregator and gateways in this test process, sharing one in-memory bus hub: what one Redis is to
 * separate processes (test/support/role-process.ts runs roles as real processes on a real redis-server).
 * For tests that reach into a role (its engine, feed or gateway counters) or set what no flag sets.
 */
import { MemoryBus, MemoryHub } from '../../server/bus/memory-bus.ts';
import { startServer, type HashcapServer, type ServerOverrides } from '../../server/app.ts';
import { startGateway, type GatewayOverrides, type GatewayServer } from '../../server/gateway-app.ts';
import { parseConfig } from '../../server/config.ts';

/** --role needs a --redis URL; nothing connects to it, the hub stands in for it. */
const UNUSED_REDIS = 'redis://127.0.0.1:1';
const quiet = () => {};

export class MemoryRoles {
  readonly hub = new MemoryHub();

  /** `--role aggregator --no-simulate` on port 0, with more flags from `args`. */
  aggregator(args: readonly string[], overrides: Omit<ServerOverrides, 'bus'> = {}): Promise<HashcapServer> {
    const config = parseConfig(['--role', 'aggregator', '--redis', UNUSED_REDIS, '--port', '0', '--no-simulate', ...args], {});
    return startServer(config, quiet, { ...overrides, bus: new MemoryBus({ hub: this.hub }) });
  }

  /** `--role gateway` on port 0, with more flags from `args`. */
  gateway(args: readonly string[] = [], overrides: Omit<GatewayOverrides, 'bus'> = {}): Promise<GatewayServer> {
    const config = parseConfig(['--role', 'gateway', '--redis', UNUSED_REDIS, '--port', '0', ...args], {});
    return startGateway(config, quiet, { ...overrides, bus: new MemoryBus({ hub: this.hub }) });
  }
}
