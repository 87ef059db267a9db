/**
 * /metrics as an operator's Prometheus scrapes it from a real server (both transports): the latency
 * histograms fill up as frames flow, build info says what runs, and every query of the Grafana
 * dashboard (docs/grafana/hashcap.json) names a metric the server really exports.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { StreamClient } from '../support/stream-client.ts';
import { tickBuilders } from '../support/ticks.ts';
import { TRANSPORTS } from '../support/uws.ts';

const TOKEN = 'metrics-test-token-0123456789';
const DASHBOARD = new URL('../../docs/grafana/hashcap.json', import.meta.url);
const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Dashboard {
  readonly panels: readonly { readonly title: string; readonly targets: readonly { readonly expr: string }[] }[];
}

/** Metric names in a PromQL expression: identifiers of our families, not functions, labels or keywords. */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:hashcap|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
}

/** The value of the first sample line of `name` whose labels include every `labels` pair. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

for (const kind of TRANSPORTS) {
  describe(`/metrics over ${kind}`, () => {
    let server: HashcapServer | null = null;
    let client: StreamClient | null = null;
    afterEach(async () => {
      client?.close();
      await server?.close();
      server = null;
      client = null;
    });

    it('exports latency histograms, build info and every metric the Grafana dashboard queries', async () => {
      server = await startServer(parseConfig(['--port', '0', '--no-simulate', '--transport', kind, '--token', TOKEN], {}), () => {});
      client = await StreamClient.connect(server.url);
      client.subscribe(['index.miners']);
      await client.until('snapshot', (msgs) => msgs.some((m) => m.snapshot));
      const t = tickBuilders(Date.now());
      const symbol = server.market.allSymbols()[0]!;
      const close = server.market.quote(server.market.symbolId(symbol)!).previousClose;
      for (let i = 1; i <= 5; i++) {
        server.ingest('metrics-test', [t.trade(symbol, Math.round(close * (1 + i / 1000) * 100) / 100, { seq: i })]);
        await client.until(`delta ${i}`, () => client!.deltas('index.miners').length >= i);
      }
      server.ingest('metrics-test', [t.trade('NOT-A-SYMBOL', 1, { seq: 6 })]);
      const text = await (await fetch(`${server.url}/metrics`)).text();

      expect(sample(text, 'hashcap_build_info', { version: PACKAGE_VERSION, node: process.version, transport: kind })).toBe(1);
      expect(text).toMatch(/hashcap_build_info\{[^}]*commit="([0-9a-f]{40}|unknown)"/);
      expect(sample(text, 'hashcap_ingest_to_publish_seconds_count')).toBeGreaterThanOrEqual(5);
      expect(sample(text, 'hashcap_ingest_to_publish_seconds_bucket', { le: '+Inf' })).toBe(sample(text, 'hashcap_ingest_to_publish_seconds_count'));
      expect(sample(text, 'hashcap_publish_to_write_seconds_count', { transport: kind })).toBeGreaterThanOrEqual(5);
      expect(sample(text, 'hashcap_publish_to_write_seconds_bucket', { transport: kind, le: '2.5' })).toBe(sample(text, 'hashcap_publish_to_write_seconds_count', { transport: kind }));
      // Between the defaults: 1 ms quiet, 4 ms at most (a test machine's load may stretch it).
      const window = sample(text, 'hashcap_write_window_seconds', { transport: kind });
      expect(window).toBeGreaterThanOrEqual(0.001);
      expect(window).toBeLessThanOrEqual(0.004);

      const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
      const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((target) => metricNames(target.expr))));
      expect(queried.size).toBeGreaterThan(10);
      const missing = [...queried].filter((name) => sample(text, name) === undefined);
      expect(missing).toEqual([]);
    });
  });
}
