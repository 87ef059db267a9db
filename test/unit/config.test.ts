import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, helpText, parseConfig } from '../../server/config.ts';
import { DEFAULT_FEED_OPTIONS } from '../../server/feed/feed.ts';
import { nodeNetReusesPorts, refuseUnsharedPort } from '../../server/reuse-port.ts';
import { HashcapError } from '../../server/errors.ts';
import { simulationStart } from '../../server/app.ts';
import { sessionAt } from '../../server/market/sessions.ts';
import { Session } from '../../server/market/session-types.ts';

describe('config', () => {
  it('has working defaults: port 8080 on localhost, auto transport, simulator on', () => {
    const c = parseConfig([], {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, transport: 'auto', simulate: true, ingestToken: null, help: false });
  });

  it('takes env vars, and flags win over them', () => {
    const env = { PORT: '9000', HASHCAP_TRANSPORT: 'ws', HASHCAP_SIM_RATE: '50' };
    expect(parseConfig([], env)).toMatchObject({ port: 9000, transport: 'ws', simRate: 50 });
    expect(parseConfig(['--port', '9100', '--transport=uws', '--no-simulate'], env)).toMatchObject({
      port: 9100,
      transport: 'uws',
      simulate: false,
    });
  });

  it('names the option and the bad value in a typed error', () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--port', '70000'], {}, '--port'],
      [['--port', '12abc'], {}, '--port'],
      [[], { PORT: '-1' }, '--port'],
      [['--transport', 'tcp'], {}, '--transport'],
      [['--sim-rate', '0'], {}, '--sim-rate'],
      [['--clock', 'tomorrow'], {}, '--clock'],
      [['--token', 'short'], {}, '--token'],
      [['--frobnicate'], {}, 'argument'],
      [['--port'], {}, '--port'],
    ];
    for (const [argv, env, option] of cases) {
      let error: unknown;
      try {
        parseConfig(argv, env);
      } catch (err) {
        error = err;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe('CONFIG_INVALID');
      expect((error as ConfigError).message.startsWith(option)).toBe(true);
    }
  });

  it('never throws anything but a HashcapError on garbage arguments', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.dictionary(fc.constantFrom('PORT', 'HOST', 'HASHCAP_SPEED', 'HASHCAP_CLOCK'), fc.string()), (argv, env) => {
        try {
          parseConfig(argv, env);
        } catch (err) {
          expect(err).toBeInstanceOf(HashcapError);
        }
      }),
    );
  });

  it('reads the role, the Redis URL and --reuse-port, from flags or env', () => {
    expect(parseConfig([], {})).toMatchObject({ role: 'all', redisUrl: null, reusePort: false });
    expect(parseConfig([], { HASHCAP_ROLE: 'aggregator', REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      role: 'aggregator',
      redisUrl: 'redis://127.0.0.1:6379',
      simulate: true,
    });
    const gateway = parseConfig(['--role', 'gateway', '--redis', 'redis-cluster://10.0.0.1:7000,10.0.0.2:7000', '--reuse-port'], {});
    expect(gateway).toMatchObject({ role: 'gateway', redisUrl: 'redis-cluster://10.0.0.1:7000,10.0.0.2:7000', reusePort: true });
    // A gateway publishes nothing: no simulator even when not told.
    expect(gateway.simulate).toBe(false);
    // A REDIS_URL meant for something else does not stop a single process; the flag does (below).
    expect(parseConfig([], { REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ role: 'all', redisUrl: null });
  });

  it('refuses role combinations that cannot work, naming the option to change', () => {
    const cases: [string[], string, RegExp][] = [
      [['--role', 'gateway'], '--redis', /talks to its peers through Redis/],
      [['--role', 'aggregator'], '--redis', /redis:\/\//],
      [['--redis', 'redis://127.0.0.1:6379'], '--role', /aggregator or gateway/],
      [['--role', 'leader', '--redis', 'redis://h:1'], '--role', /all \| aggregator \| gateway/],
      [['--role', 'gateway', '--redis', 'http://h:1'], '--redis', /redis:\/\/host:port/],
      [['--role', 'gateway', '--redis', 'redis://h:1', '--replay', 'x.bin'], '--replay', /belong to the aggregator/],
      [['--role', 'aggregator', '--redis', 'redis://h:1', '--reuse-port'], '--reuse-port', /only gateways share a port/],
      [['--reuse-port'], '--reuse-port', /only gateways/],
    ];
    for (const [argv, option, why] of cases) {
      let error: unknown;
      try {
        parseConfig(argv, {});
      } catch (err) {
        error = err;
      }
      expect(error, argv.join(' ')).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message.startsWith(option), (error as Error).message).toBe(true);
      expect((error as ConfigError).message).toMatch(why);
    }
  });

  it('knows which Node versions can share a port without uWS', () => {
    expect([nodeNetReusesPorts('20.20.2'), nodeNetReusesPorts('22.11.0'), nodeNetReusesPorts('22.12.0'), nodeNetReusesPorts('23.0.0'), nodeNetReusesPorts('23.1.0'), nodeNetReusesPorts('24.0.0')]).toEqual([
      false, false, true, false, true, true,
    ]);
    const config = parseConfig(['--role', 'gateway', '--redis', 'redis://h:1', '--reuse-port', '--transport', 'ws'], {});
    expect(() => refuseUnsharedPort(config, 'uws')).not.toThrow();
    if (nodeNetReusesPorts()) expect(() => refuseUnsharedPort(config, 'ws')).not.toThrow();
    else expect(() => refuseUnsharedPort(config, 'ws')).toThrow(/--reuse-port: "true" is not valid \(expected the uws transport/);
  });

  it('takes a write window of 0 to 100 ms from the flag or the environment, and refuses anything else', () => {
    expect(parseConfig(['--write-window-ms', '0.5'], {}).writeWindowMs).toBe(0.5);
    expect(parseConfig([], { HASHCAP_WRITE_WINDOW_MS: '2' }).writeWindowMs).toBe(2);
    expect(() => parseConfig(['--write-window-ms', '-1'], {})).toThrow(/--write-window-ms: "-1" is not valid \(expected a number from 0 to 100\)/);
    expect(() => parseConfig(['--write-window-ms', '500'], {})).toThrow(ConfigError);
  });

  it('takes how far the write window stretches under load (default: not at all) from the flag or the environment', () => {
    expect(parseConfig([], {}).writeWindowMaxMs).toBe(parseConfig([], {}).writeWindowMs);
    expect(parseConfig(['--write-window-max-ms', '4'], {}).writeWindowMaxMs).toBe(4);
    expect(parseConfig(['--write-window-max-ms', '2.5'], {}).writeWindowMaxMs).toBe(2.5);
    expect(parseConfig([], { HASHCAP_WRITE_WINDOW_MAX_MS: '0' }).writeWindowMaxMs).toBe(0);
    expect(() => parseConfig(['--write-window-max-ms', '101'], {})).toThrow(/--write-window-max-ms: "101" is not valid/);
  });

  it('takes a heartbeat interval of 100 to 60000 ms from the flag or the environment, refuses anything else, and refuses it on a gateway', () => {
    expect(parseConfig([], {}).heartbeatMs).toBe(DEFAULT_FEED_OPTIONS.heartbeatIdleMs);
    expect(parseConfig(['--heartbeat-ms', '5000'], {}).heartbeatMs).toBe(5000);
    expect(parseConfig([], { HASHCAP_HEARTBEAT_MS: '250' }).heartbeatMs).toBe(250);
    expect(() => parseConfig(['--heartbeat-ms', '50'], {})).toThrow(/--heartbeat-ms: "50" is not valid \(expected an integer from 100 to 60000\)/);
    expect(() => parseConfig(['--heartbeat-ms', '1.5e3'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--heartbeat-ms', '120000'], {})).toThrow(ConfigError);
    const gateway = ['--role', 'gateway', '--redis', 'redis://h:1'];
    expect(() => parseConfig([...gateway, '--heartbeat-ms', '5000'], {})).toThrow(/--heartbeat-ms: "5000" is not valid \(expected no --heartbeat-ms on a gateway/);
    // One environment for a whole cluster: the gateways leave it to the aggregator.
    expect(parseConfig(gateway, { HASHCAP_HEARTBEAT_MS: '5000' }).role).toBe('gateway');
    expect(helpText()).toContain('--heartbeat-ms');
  });

  it('documents every option in --help', () => {
    const text = helpText();
    for (const flag of ['--port', '--host', '--transport', '--token', '--basket', '--no-simulate', '--sim-rate', '--clock', '--speed', '--role', '--redis', '--reuse-port']) {
      expect(text).toContain(flag);
    }
  });
});

describe('simulationStart', () => {
  it('keeps now during a session and otherwise starts 5 minutes before the next regular open', () => {
    const saturday = Date.parse('2026-11-21T15:00:00Z');
    expect(new Date(simulationStart(saturday)).toISOString()).toBe('2026-11-23T14:25:00.000Z');
    const thanksgivingEve = Date.parse('2026-11-26T02:00:00Z'); // Wed 21:00 ET; Thursday is a holiday
    expect(new Date(simulationStart(thanksgivingEve)).toISOString()).toBe('2026-11-27T14:25:00.000Z');
    const tuesdayNoon = Date.parse('2026-11-24T17:00:00Z');
    expect(sessionAt(tuesdayNoon)).toBe(Session.Regular);
    expect(simulationStart(tuesdayNoon)).toBe(tuesdayNoon);
  });
});
