/**
 * The SDK as someone outside this repository gets it: `npm pack` of client/sdk, installed into an
 * empty project with only `ws` beside it, the README's bot (client/examples/bot.mjs) run there with
 * plain `node` (no tsx; this Node, so on Node 24 in CI's second leg too) against a real server on
 * port 0, through a TCP proxy the test can cut: snapshot, deltas, a dropped socket, the resume.
 * The same installed package bundles for a browser page with Vite. Installs use the npm cache
 * (--prefer-offline); ws comes from this repository's node_modules, packed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { hashcap } from '../../proto/wire.ts';
import { REPO_ROOT } from '../../scripts/build-state.mjs';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { parseChannel } from '../../server/feed/channels.ts';

const MINERS = 'index.miners';
const TOKEN = 'sdk-package-token-0123456789';
const BOT = join(REPO_ROOT, 'client', 'examples', 'bot.mjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number, context: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`);
    await sleep(20);
  }
}

/** Trades for the miners basket, prices walking, per-symbol seqs increasing. */
function trades(batch: number): hashcap.v1.ITick[] {
  const symbols = ['IREN', 'MARA', 'RIOT', 'CIFR', 'CORZ', 'CLSK', 'WULF'];
  return symbols.map((symbol, i) => ({ symbol, kind: 0, price: 20 + i + ((batch * 7 + i) % 13) / 100, size: 100, timeMs: Date.now(), seq: batch + 1 }));
}

/** A TCP proxy in front of the server: `cut()` drops every connection through it, as a network would. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private constructor(readonly server: Server) {}

  static async start(targetPort: number): Promise<CuttableProxy> {
    const server = createServer();
    const proxy = new CuttableProxy(server);
    server.on('connection', (inbound) => {
      const outbound = connect(targetPort, '127.0.0.1');
      for (const s of [inbound, outbound]) {
        proxy.sockets.add(s);
        s.on('close', () => proxy.sockets.delete(s));
        s.on('error', () => {});
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('@hashcap/client, packed and installed in an empty project', () => {
  let project = '';
  let server: HashcapServer | null = null;
  let proxy: CuttableProxy | null = null;
  let bot: ChildProcess | null = null;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'hashcap-sdk-package-'));
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'a-bot', private: true, type: 'module' }, null, 2)}\n`);
    // npm pack runs the package's prepack: the SDK build (scripts/build.ts --sdk).
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    npm(['pack', '--pack-destination', project, join(REPO_ROOT, 'client', 'sdk')], REPO_ROOT);
    npm(['pack', '--pack-destination', project, join(REPO_ROOT, 'node_modules', 'ws')], REPO_ROOT);
    const tarballs = readdirSync(project).filter((f) => f.endsWith('.tgz'));
    expect(tarballs.sort()).toEqual([expect.stringMatching(/^hashcap-client-\d+\.\d+\.\d+\.tgz$/), expect.stringMatching(/^ws-8\.\d+\.\d+\.tgz$/)]);
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs.map((t) => `./${t}`)], project);
    copyFileSync(BOT, join(project, 'bot.mjs'));
  }, 180_000);

  afterAll(async () => {
    if (bot?.exitCode === null) bot.kill('SIGKILL');
    await proxy?.close();
    await server?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('contains JavaScript and declarations only, and imports nothing outside itself but protobufjs', () => {
    const installed = join(project, 'node_modules', '@hashcap', 'client');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['name']).toBe('@hashcap/client');
    expect(Object.keys(manifest['dependencies'] as object)).toEqual(['protobufjs']);
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const shipped = files(join(installed, 'dist'));
    expect(shipped.filter((f) => !/\.(js|d\.ts)$/.test(f))).toEqual([]);
    for (const file of shipped.filter((f) => f.endsWith('.js'))) {
      const specifiers = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const s of specifiers) {
        if (s.startsWith('.')) expect(existsSync(join(file, '..', s)), `${file} imports ${s}`).toBe(true);
        else expect(s, file).toMatch(/^protobufjs(\/|$)/);
      }
    }
  });

  it('runs the README bot under plain node: snapshot, deltas, a dropped socket, resumed without a gap', async () => {
    server = await startServer(parseConfig(['--port', '0', '--no-simulate', '--token', TOKEN], {}), () => {});
    const port = Number(new URL(server.url).port);
    proxy = await CuttableProxy.start(port);
    let batch = 0;
    const ingest = (n: number) => {
      for (let i = 0; i < n; i++) server!.ingest('p', trades(batch++));
    };
    ingest(3);

    bot = spawn(process.execPath, ['bot.mjs', `http://127.0.0.1:${proxy.port}`], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(bot.spawnargs).not.toContain('tsx');
    let output = '';
    bot.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const lines = (kind: string) => output.split('\n').filter((l) => l.startsWith(`${kind} `));
    const seqs = () => lines(`delta ${MINERS}`).map((l) => Number(/ seq (\d+)/.exec(l)![1]));
    const serverSeq = () => topicSeq(server!, MINERS);

    const snapshot = await until('the snapshot', () => lines(`snapshot ${MINERS}`)[0], 20_000, () => output);
    const fromSeq = Number(/ seq (\d+)/.exec(snapshot)![1]);
    expect(snapshot).toMatch(/level \d+(\.\d+)?$/);

    ingest(5);
    await until('the deltas', () => seqs().at(-1) === serverSeq(), 10_000, () => output);
    const beforeCut = seqs().at(-1)!;

    proxy.cut();
    ingest(8); // published while the bot is disconnected
    await until('the reconnect', () => lines('reconnected')[0], 20_000, () => output);
    ingest(2);
    await until('the deltas after the resume', () => seqs().at(-1) === serverSeq(), 10_000, () => output);

    // Every seq once, in order, from the snapshot on; the missed ones replayed, not resynced.
    expect(seqs()).toEqual(Array.from({ length: serverSeq() - fromSeq }, (_, i) => fromSeq + 1 + i));
    expect(seqs().at(-1)! - beforeCut).toBeGreaterThanOrEqual(8);
    expect(lines(`snapshot ${MINERS}`)).toHaveLength(1);
    expect(lines('gap')).toEqual([]);
    expect(lines('resync')).toEqual([]);
    // What the bot prints is the server's level.
    const level = server.feed.channelState(MINERS)!.index!.level!;
    expect(lines(`delta ${MINERS}`).at(-1)).toContain(`level ${level}`);
  }, 60_000);

  it('bundles for a browser page with Vite, no Node module in it', async () => {
    writeFileSync(join(project, 'index.html'), '<!doctype html><script type="module" src="./page.js"></script>\n');
    writeFileSync(
      join(project, 'page.js'),
      "import { HashcapClient, indexSummary } from '@hashcap/client';\n" +
        "const client = new HashcapClient({ url: location.origin });\n" +
        "client.on('delta', ({ state }) => { document.title = String(indexSummary(state)?.level); });\n" +
        "client.connect().then(() => client.subscribe(['index.miners']));\n",
    );
    const { build } = await import('vite');
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: project, configFile: false, logLevel: 'silent', build: { outDir: join(project, 'web'), target: 'es2022' } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const assets = readdirSync(join(project, 'web', 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets).toHaveLength(1);
    const bundle = readFileSync(join(project, 'web', 'assets', assets[0]!), 'utf8');
    expect(bundle).toContain('hashcap.v1.proto'); // the SDK's sub-protocol: the client is in
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["'](ws|node:)/);
  }, 60_000);
});

/** The seq of the server's raw topic for `channel`: what a subscriber in sync has seen last. */
function topicSeq(server: HashcapServer, channel: string): number {
  const parsed = parseChannel(channel, server.feed);
  if (!parsed.ok) throw new Error(parsed.message);
  return server.feed.topic(parsed.spec, 0).seq;
}
