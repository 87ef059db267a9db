/**
 * The ticker page in a real browser (Debian's chromium through playwright-core) against a real server
 * with the simulator on, on a regular-session clock: what a user sees — the level, the 13 constituents,
 * values moving, a drawn chart, a server restart survived — plus first-paint time, main-thread gaps
 * under a raw 20,000 ticks/s feed, the shipped JS size, and screenshots in test-artifacts/.
 *
 * Without chromium the suite is skipped with a warning; under CI (CI set) that is a failure instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { artifactPath, buildApp, CHROMIUM_PATH, HAS_CHROMIUM, launchChromium, shippedJsGzip, type LaunchedBrowser } from '../support/browser.ts';

const CLOCK = '2026-11-20T10:00:00-05:00'; // a Friday, 30 minutes into the regular session
const JS_BUDGET_GZIP = 150 * 1024;
const IN_CI = Boolean(process.env.CI);

if (!HAS_CHROMIUM && !IN_CI) console.warn('chromium not found: browser tests skipped (apt-get install chromium)');

const quiet = () => undefined;

function serverArgs(simRate: number, port: number, transport: string): string[] {
  return ['--port', String(port), '--sim-rate', String(simRate), '--clock', CLOCK, '--speed', '1', '--host', '127.0.0.1', '--transport', transport];
}

async function start(simRate: number, port = 0, transport = 'auto'): Promise<HashcapServer> {
  return startServer(parseConfig(serverArgs(simRate, port, transport), {}), quiet);
}

/** The tickers of an index as the server has them (GET /v1/snapshot). */
async function serverTickers(server: HashcapServer, index: string): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, { constituents: { ticker: string }[] }> };
  return body.indexes[index]!.constituents.map((c) => c.ticker).sort();
}

/** What the table shows, row by row, as text. */
async function tableRows(page: Page): Promise<{ ticker: string; cells: string[] }[]> {
  return page.$$eval('[data-testid=constituents] tbody tr', (trs) =>
    trs.map((tr) => ({
      ticker: (tr as HTMLElement).querySelector('.sym')?.textContent ?? '',
      cells: Array.from((tr as HTMLTableRowElement).cells).map((td) => td.textContent ?? ''),
    })),
  );
}

const text = (page: Page, testid: string) => page.$eval(`[data-testid=${testid}]`, (el) => el.textContent ?? '');

/** Loads the page and waits for the first real values to be painted. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('html[data-ready=true]', { timeout: 10_000 });
}

describe('shipped JS', () => {
  it(`is at most ${JS_BUDGET_GZIP / 1024} KB gzip in total (lightweight-charts included)`, async () => {
    const how = await buildApp();
    const { files, totalGzip } = shippedJsGzip();
    for (const f of files) console.log(`shipped JS ${f.path}: ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzip / 1024).toFixed(1)} KB gzip`);
    console.log(`shipped JS total: ${(totalGzip / 1024).toFixed(1)} KB gzip (budget ${JS_BUDGET_GZIP / 1024} KB; dist/app ${how})`);
    expect(files.length).toBeGreaterThan(0);
    expect(totalGzip).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  }, 120_000);
});

describe.runIf(!HAS_CHROMIUM && IN_CI)('browser tests under CI', () => {
  it('have chromium', () => {
    expect.fail(`chromium not found at ${CHROMIUM_PATH}: CI must run the browser tests (apt-get install chromium)`);
  });
});

describe.skipIf(!HAS_CHROMIUM)('ticker page in chromium', () => {
  let browser: LaunchedBrowser;
  let server: HashcapServer;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildApp(); // the server reads dist/app when it starts
    [browser, server] = await Promise.all([launchChromium(), start(2000)]);
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the level, the market cap and all 13 constituents, first data painted fast', async () => {
    const started = Date.now();
    await open(page, `${server.url}/`);
    const wallMs = Date.now() - started;
    const firstPaintMs = await page.evaluate(() => (window as unknown as { __hashcap: { firstPaintMs: number } }).__hashcap.firstPaintMs);
    console.log(`first data painted ${firstPaintMs.toFixed(0)} ms after navigation start (page.goto → ready ${wallMs} ms)`);
    expect(firstPaintMs).toBeLessThan(5_000);

    expect(await text(page, 'level')).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await text(page, 'market-cap')).toMatch(/^\$\d+\.\d{2}B$/);
    expect(await text(page, 'change')).toMatch(/^[+\u2212]?\d+\.\d{2}\s+\([+\u2212]?\d+\.\d{2}%\)$/);
    expect(await text(page, 'milestone')).toMatch(/^\$\d+\.\dB of \$\d+B · \$\d+\.\dB to go$/);

    const rows = await tableRows(page);
    const expected = await serverTickers(server, 'miners');
    expect(expected).toHaveLength(13);
    expect(rows.map((r) => r.ticker).sort()).toEqual(expected);
    for (const r of rows) {
      expect(r.cells[1], `${r.ticker} last`).toMatch(/^\d+\.\d{2,4}$/);
      expect(r.cells[4], `${r.ticker} weight`).toMatch(/^\d+\.\d{2}%$/);
      expect(r.cells[6], `${r.ticker} session`).toBe('REG');
    }
    // Default order: weight, descending.
    const weights = rows.map((r) => Number.parseFloat(r.cells[4]!));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));

    await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'open');
    expect(await text(page, 'session')).toBe('REGULAR');
    expect(await page.textContent('#market-text')).toMatch(/^Regular session · closes 16:00 ET$/);
    await page.waitForFunction(() => /\d+ ms/.test(document.querySelector('[data-testid=lag]')?.textContent ?? ''), undefined, { timeout: 5_000 });
    expect(await text(page, 'updated')).toMatch(/^10:0\d:\d\d ET$/);
    // Both loaded indexes are offered.
    expect(await page.$$eval('#selector button', (bs) => bs.map((b) => b.textContent))).toEqual(['Miners', 'AI/HPC']);
  }, 30_000);

  it('moves: the level or a last price changes within a few seconds', async () => {
    const snapshot = async () => [await text(page, 'level'), ...(await tableRows(page)).map((r) => `${r.ticker}:${r.cells[1]}`).sort()].join('|');
    const before = await snapshot();
    const deadline = Date.now() + 8_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await page.waitForTimeout(250);
      after = await snapshot();
    }
    expect(after).not.toBe(before);
  }, 20_000);

  it('draws the chart: series points and coloured pixels on its canvas', async () => {
    await page.waitForFunction(() => (window as unknown as { __hashcap: { state(): { chartPoints: number } } }).__hashcap.state().chartPoints >= 3, undefined, { timeout: 8_000 });
    const painted = await page.evaluate(() => {
      // The area series' line is amber (#f7a600): count such pixels over the chart's canvases.
      let hits = 0;
      for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid=chart] canvas'))) {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i]! > 200 && data[i + 1]! > 120 && data[i + 1]! < 200 && data[i + 2]! < 90 && data[i + 3]! > 200) hits++;
        }
      }
      return hits;
    });
    expect(painted).toBeGreaterThan(20);
    // Candles from bars.miners.1m: the snapshot's history fills the series.
    await page.click('.toggle button[data-mode=candles]');
    const candles = await page.evaluate(() => (window as unknown as { __hashcap: { state(): { chartMode: string; chartPoints: number } } }).__hashcap.state());
    expect(candles.chartMode).toBe('candles');
    expect(candles.chartPoints).toBeGreaterThanOrEqual(1);
    await page.click('.toggle button[data-mode=line]');
  }, 20_000);

  it('sorts by a clicked header, and back', async () => {
    await page.click('th[data-key=ticker]');
    await page.waitForFunction(() => document.querySelector('th[data-key=ticker]')?.getAttribute('aria-sort') === 'ascending');
    await page.waitForTimeout(100);
    const tickers = (await tableRows(page)).map((r) => r.ticker);
    expect(tickers).toEqual([...tickers].sort());
    await page.click('th[data-key=weight]');
    expect(await page.getAttribute('th[data-key=weight]', 'aria-sort')).toBe('descending');
  });

  it('switches index with the selector: AI/HPC shows its 6 constituents, then back', async () => {
    await page.click('#selector button[data-id=ai-hpc]');
    const expected = await serverTickers(server, 'ai-hpc');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=constituents] tbody tr').length === n, expected.length, { timeout: 5_000 });
    expect((await tableRows(page)).map((r) => r.ticker).sort()).toEqual(expected);
    expect(await page.textContent('#index-name')).toBe('AI/HPC hosts');
    expect(await text(page, 'level')).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(page.url()).toContain('index=ai-hpc');
    await page.click('#selector button[data-id=miners]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=constituents] tbody tr').length === 13, undefined, { timeout: 5_000 });
  });

  it('saves screenshots: desktop and phone width (no page-level horizontal scroll at 380 px)', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(1_500); // a few frames with live data
    await page.screenshot({ path: artifactPath('ticker.png'), fullPage: true });

    await page.setViewportSize({ width: 380, height: 800 });
    await page.waitForTimeout(800);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The header stacks: the total market cap sits below the level or beside it, never off screen.
    const cap = await page.$eval('[data-testid=market-cap]', (el) => el.getBoundingClientRect().right);
    expect(cap).toBeLessThanOrEqual(380);
    await page.screenshot({ path: artifactPath('ticker-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    console.log(`screenshots: ${artifactPath('ticker.png')}, ${artifactPath('ticker-phone.png')}`);
    expect(pageErrors).toEqual([]);
  }, 20_000);
});

/** A restart on the same port, in-process, on the default transport (uWS where it loads). */
describe.skipIf(!HAS_CHROMIUM)('ticker page across a server restart', () => {
  let browser: LaunchedBrowser;
  let server: HashcapServer;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildApp();
    [browser, server] = await Promise.all([launchChromium(), start(2000, 0)]);
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await open(page, `${server.url}/`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('survives a server restart on the same port: reconnects, resyncs, says so', async () => {
    const port = server.port;
    await server.close();
    await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'reconnecting', undefined, { timeout: 8_000 });
    server = await start(2000, port);
    await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'open', undefined, { timeout: 15_000 });
    // The page reconnects, then resyncs every channel from fresh snapshots (the epoch changed).
    await page.waitForFunction(
      () => {
        const notices = (window as unknown as { __hashcap: { notices: string[] } }).__hashcap.notices;
        return notices.some((n) => /reconnected/i.test(n)) && notices.some((n) => /resynced/i.test(n));
      },
      undefined,
      { timeout: 10_000 },
    );
    // The banner tells the user (it hides itself after a few seconds): the latest notice is on show.
    await page.waitForFunction(
      () => {
        const b = document.querySelector<HTMLElement>('[data-testid=banner]');
        return !!b && !b.hidden && b.getBoundingClientRect().height > 0 && /resynced/i.test(b.textContent ?? '');
      },
      undefined,
      { timeout: 3_000 },
    );
    const banner = await text(page, 'banner');
    const notices = await page.evaluate(() => (window as unknown as { __hashcap: { notices: string[] } }).__hashcap.notices);
    console.log(`after restart, banner: "${banner}"; notices: ${JSON.stringify(notices)}`);
    expect(banner).toMatch(/server restarted/);
    // Live again: the table is whole and values move.
    expect((await tableRows(page)).length).toBe(13);
    const before = await text(page, 'level');
    await page.waitForFunction((b) => document.querySelector('[data-testid=level]')?.textContent !== b, before, { timeout: 8_000 });
    expect(pageErrors).toEqual([]);
  }, 45_000);
});

/**
 * The simulator publishes in 50 ms batches (20 deltas/s per channel however high its rate), so an
 * in-process publisher adds one-tick batches on top: each is a delta of its own on every channel it
 * touches — a few thousand deltas per second reach the page.
 */
class BurstPublisher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly prices = new Map<string, number>();
  private rnd = 7;
  batches = 0;

  constructor(private readonly server: HashcapServer, closes: Record<string, number>, private readonly clockStartMs: number) {
    for (const [t, p] of Object.entries(closes)) this.prices.set(t, p);
  }

  start(batchesPerMs: number): void {
    const tickers = [...this.prices.keys()];
    const startedAt = Date.now();
    this.timer = setInterval(() => {
      const n = Math.round(batchesPerMs * 10);
      for (let i = 0; i < n; i++) {
        this.rnd = (this.rnd * 1103515245 + 12345) % 2147483648;
        const symbol = tickers[this.rnd % tickers.length]!;
        const price = Math.max(0.5, Math.round((this.prices.get(symbol)! + ((this.rnd >> 8) % 3) * 0.01 - 0.01) * 100) / 100);
        this.prices.set(symbol, price);
        // Exchange time on the server's simulated clock (speed 1), a little behind it.
        const timeMs = this.clockStartMs + (Date.now() - startedAt) - 200;
        this.server.ingest('burst', [{ symbol, kind: 0, price, size: 100, timeMs }]);
        this.batches++;
      }
    }, 10);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

describe.skipIf(!HAS_CHROMIUM)('ticker page under a raw feed (--sim-rate 20000 plus one-tick batches)', () => {
  let browser: LaunchedBrowser;
  let server: HashcapServer;
  let burst: BurstPublisher;

  beforeAll(async () => {
    await buildApp();
    const clockStartMs = Date.parse(CLOCK); // the simulator's clock starts there when the server starts
    [browser, server] = await Promise.all([launchChromium(), start(20_000)]);
    const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, { constituents: { ticker: string; previousClose: number }[] }> };
    const closes = Object.fromEntries(body.indexes.miners!.constituents.map((c) => [c.ticker, c.previousClose]));
    burst = new BurstPublisher(server, closes, clockStartMs);
  }, 120_000);

  afterAll(async () => {
    burst?.stop();
    await browser?.close();
    await server?.close();
  });

  it('keeps the main thread responsive: longest rAF gap and long task over 3 s', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`);
    burst.start(3); // ≈ 3 one-tick batches per ms
    await page.waitForTimeout(1_000);
    const batches0 = burst.batches;
    const measure = () => page.evaluate(
      () =>
        new Promise<{ maxGapMs: number; frames: number; longestTaskMs: number; longTasks: number; deltas: number; cellWrites: number; renderMs: number; slowestRenderMs: number }>((resolve) => {
          const h = (window as unknown as { __hashcap: { state(): { deltas: number; cellWrites: number; renderMs: number; slowestRenderMs: number } } }).__hashcap;
          const s0 = h.state();
          let longestTaskMs = 0;
          let longTasks = 0;
          const obs = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              longTasks++;
              longestTaskMs = Math.max(longestTaskMs, e.duration);
            }
          });
          try {
            obs.observe({ type: 'longtask' });
          } catch {
            // no longtask support: the rAF gaps still tell
          }
          let last = 0;
          let maxGapMs = 0;
          let frames = 0;
          const t0 = performance.now();
          const step = (ts: number) => {
            if (last > 0) maxGapMs = Math.max(maxGapMs, ts - last);
            last = ts;
            frames++;
            if (ts - t0 < 3_000) requestAnimationFrame(step);
            else {
              obs.disconnect();
              const s1 = h.state();
              resolve({
                maxGapMs,
                frames,
                longestTaskMs,
                longTasks,
                deltas: s1.deltas - s0.deltas,
                cellWrites: s1.cellWrites - s0.cellWrites,
                renderMs: s1.renderMs - s0.renderMs,
                slowestRenderMs: s1.slowestRenderMs,
              });
            }
          };
          requestAnimationFrame(step);
        }),
    );
    const report = (m: Awaited<ReturnType<typeof measure>>, published: number, label: string) =>
      console.log(
        `${label} under --sim-rate 20000 + ${Math.round(published / 3)} one-tick batches/s over 3 s: ${m.deltas} deltas applied in the page (${Math.round(m.deltas / 3)}/s), ` +
          `${m.frames} frames, longest rAF gap ${m.maxGapMs.toFixed(1)} ms, longest task ${m.longestTaskMs.toFixed(0)} ms (${m.longTasks} long tasks ≥ 50 ms), ` +
          `${m.cellWrites} cell writes, rendering ${m.renderMs.toFixed(0)} ms in total (slowest frame ${m.slowestRenderMs.toFixed(1)} ms)`,
      );
    let m = await measure();
    report(m, burst.batches - batches0, 'window 1:');
    // The machine is shared (2 cores: this server, chromium, and whatever else runs): one window over
    // the bound is measured again, and both are reported.
    if (Math.max(m.maxGapMs, m.longestTaskMs) >= 250) {
      const batches1 = burst.batches;
      m = await measure();
      report(m, burst.batches - batches1, 'window 2 (window 1 was over the bound):');
    }
    burst.stop();
    expect(m.deltas / 3).toBeGreaterThan(1000); // thousands of deltas per second, or the test proves little
    expect(m.maxGapMs).toBeLessThan(250);
    expect(m.longestTaskMs).toBeLessThan(250);
    expect(await page.$$eval('[data-testid=constituents] tbody tr', (trs) => trs.length)).toBe(13);
  }, 30_000);
});
