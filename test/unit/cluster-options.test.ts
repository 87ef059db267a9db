/**
 * Flags of `npm run cluster` (scripts/cluster/options.ts): the defaults the README states, and a bad
 * value refused with CONFIG_INVALID naming the flag, before anything is started.
 */
import { describe, expect, it } from 'vitest';
import { HashcapErrorCode } from '../../server/errors.ts';
import { clusterHelp, parseClusterOptions } from '../../scripts/cluster/options.ts';

describe('npm run cluster options', () => {
  it('defaults to three gateways on port 8080, free ports for the aggregator and Redis, a temp dir', () => {
    expect(parseClusterOptions([])).toEqual({
      gateways: 3, port: 8080, host: '127.0.0.1', aggregatorPort: 0, redisPort: 0, simRate: null, dir: null, help: false,
    });
  });

  it('takes each flag as "--flag value" or "--flag=value"', () => {
    const o = parseClusterOptions(['--gateways', '5', '--port=9000', '--redis-port', '6390', '--aggregator-port=9001', '--sim-rate', '20', '--dir', '.cluster', '--host', '0.0.0.0']);
    expect(o).toMatchObject({ gateways: 5, port: 9000, redisPort: 6390, aggregatorPort: 9001, simRate: '20', dir: '.cluster', host: '0.0.0.0' });
    expect(parseClusterOptions(['--help']).help).toBe(true);
  });

  it.each([
    [['--gateways', '0'], '--gateways'],
    [['--gateways', '65'], '--gateways'],
    [['--gateways', 'three'], '--gateways'],
    // Port 0 would give each gateway a port of its own.
    [['--port', '0'], '--port'],
    [['--redis-port', '70000'], '--redis-port'],
    [['--sim-rate', 'fast'], '--sim-rate'],
    [['--port'], '--port'],
    [['--role', 'gateway'], 'argument'],
  ])('refuses %j with CONFIG_INVALID naming %s', (argv, flag) => {
    expect(() => parseClusterOptions(argv)).toThrow(expect.objectContaining({ code: HashcapErrorCode.CONFIG_INVALID, message: expect.stringContaining(`${flag}:`) }));
  });

  it('lists every flag in its help', () => {
    for (const flag of ['--gateways', '--port', '--host', '--aggregator-port', '--redis-port', '--sim-rate', '--dir', '--help']) expect(clusterHelp()).toContain(flag);
  });
});
