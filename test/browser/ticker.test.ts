/**
 * The ticker page in a real browser (Debian's chromium through playwright-core) against a real server
 * with the simulator on, on a regular-session clock: what a user sees — the level, the 13 constituents,
 * values moving, a drawn chart, a server restart survived — plus first-paint time, main-thread gaps
 * under a raw 20,000 ticks/s feed, the shipped JS size, and screenshots in test-artifacts/.
 *
 * Without chromium the suite is skipped with a warning; under CI (CI set) that is a failure instead.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type HashcapServer } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { artifactPath, buildApp, CHROMIUM_PATH, HAS_CHROMIUM, launchChromium, REPO_ROOT, shippedJsGzip, type LaunchedBrowser } from '../support/browser.ts';

const CLOCK = '2026-11-20T10:00:00-05:00'; // a Friday, 30 minutes into the regular session
const JS_BUDGET_GZIP = 150 * 1024;
const FIRST_PAINT_BUDGET_MS = 1_000;
/** The table's columns, in order. */
const COL = { symbol: 0, spark: 1, last: 2, change: 3, pct: 4, volume: 5, bidAsk: 6, range: 7, time: 8, weight: 9, contrib: 10 } as const;

/** The page's test hooks (client/app/src/main.ts, window.__hashcap). */
interface PageHooks {
  firstPaintMs: number;
  timeline: Record<string, number>;
  notices: string[];
  chartPrevClose: number | null;
  state(): {
    chartPoints: number;
    chartMode: string;
    chartInterval: number;
    chartSpan: { slots: number; firstMs: number; lastMs: number } | null;
    chartView: { from: number; to: number } | null;
    chartMarkers: number;
    sessionBands: [string, number][];
    drill: string | null;
    drillPoints: number;
    drillBars: number;
    quotesPainted: number;
  };
}
declare global {
  interface Window {
    __hashcap: unknown;
  }
}

/**
 * WCAG AA for what is on screen (runs in the page): every visible element with text of its own, its
 * colour against the background it sits on (translucent layers composited), 4.5:1, or 3:1 for large
 * text (24 px, or 18.66 px bold). Canvas text (the chart's axes) is not in the DOM and not measured here.
 */
function contrastFailures(): { checked: number; failures: string[] } {
  type Rgba = [number, number, number, number];
  const parse = (c: string): Rgba | null => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const background = (el: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let base: Rgba = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i]!, base);
    return base;
  };
  const lum = (c: Rgba) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  let checked = 0;
  const failures: string[] = [];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0);
    if (!own || el.closest('[hidden], .flash-up, .flash-down, svg')) continue;
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (style.visibility !== 'visible' || r.width === 0 || r.height === 0) continue;
    const bg = background(el);
    const fg = over(parse(style.color) ?? [0, 0, 0, 1], bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    checked++;
    if (ratio < (large ? 3 : 4.5)) failures.push(`"${(el.textContent ?? '').trim().slice(0, 30)}" (${el.tagName.toLowerCase()}.${el.className}) ${ratio.toFixed(2)}:1 ${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')})`);
  }
  return { checked, failures };
}
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

  it(`paints the first data within ${FIRST_PAINT_BUDGET_MS} ms: the level, the market cap and all 13 constituents`, async () => {
    // The machine is shared: one load over the bound is measured again, and both are reported. The
    // retry is a first visit too: the assets are served immutable, so without emptying the cache it
    // would take the JS from the cache (and V8's code cache) and time a returning visitor instead.
    let firstPaintMs = Number.POSITIVE_INFINITY;
    for (let attempt = 1; attempt <= 2 && firstPaintMs > FIRST_PAINT_BUDGET_MS; attempt++) {
      if (attempt > 1) {
        await page.goto('about:blank');
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.clearBrowserCache');
        await cdp.detach();
      }
      const started = Date.now();
      await open(page, `${server.url}/`);
      firstPaintMs = await page.evaluate(() => (window.__hashcap as PageHooks).firstPaintMs);
      const timeline = await page.evaluate(() => (window.__hashcap as PageHooks).timeline);
      console.log(
        `load ${attempt}: first data painted ${firstPaintMs.toFixed(0)} ms after navigation start (page.goto → ready ${Date.now() - started} ms); ` +
          `script ${timeline['script']?.toFixed(0)} ms, socket open ${timeline['open']?.toFixed(0)} ms, index snapshot ${timeline['snapshot index.miners']?.toFixed(0)} ms`,
      );
    }
    expect(firstPaintMs).toBeLessThanOrEqual(FIRST_PAINT_BUDGET_MS);

    expect(await text(page, 'level')).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await text(page, 'market-cap')).toMatch(/^\$\d+\.\d{2}B$/);
    expect(await text(page, 'change')).toMatch(/^[+\u2212]?\d+\.\d{2}\s+\([+\u2212]?\d+\.\d{2}%\)$/);
    expect(await text(page, 'milestone')).toMatch(/^\$\d+\.\dB · \$\d+\.\dB \(\d+\.\d%\) to \$\d+B$/);
    // The arrow beside the level says what it is: the last tick, not the day.
    expect(await text(page, 'last-tick')).toMatch(/^last tick [▲▼–]$/);

    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().quotesPainted >= 13, undefined, { timeout: 8_000 });
    const rows = await tableRows(page);
    const expected = await serverTickers(server, 'miners');
    expect(expected).toHaveLength(13);
    expect(rows.map((r) => r.ticker).sort()).toEqual(expected);
    for (const r of rows) {
      expect(r.cells[COL.last], `${r.ticker} last`).toMatch(/^\d+\.\d{2,4}$/);
      expect(r.cells[COL.change], `${r.ticker} change`).toMatch(/^[+\u2212]?\d+\.\d{2}$/);
      expect(r.cells[COL.pct], `${r.ticker} % change`).toMatch(/^[+\u2212]?\d+\.\d{2}%$/);
      expect(r.cells[COL.volume], `${r.ticker} volume`).toMatch(/^\d[\d,.]*[KMB]?$/);
      expect(r.cells[COL.bidAsk], `${r.ticker} bid × ask`).toMatch(/^\d+\.\d{2,4} × \d+\.\d{2,4}$/);
      expect(r.cells[COL.time], `${r.ticker} last trade`).toMatch(/^10:0\d:\d\d$/);
      expect(r.cells[COL.weight], `${r.ticker} weight`).toMatch(/^\d+\.\d{2}%$/);
      expect(r.cells[COL.contrib], `${r.ticker} contribution`).toMatch(/^[+\u2212]?\d+\.\d{3}$/);
    }
    // Default order: weight, descending.
    const weights = rows.map((r) => Number.parseFloat(r.cells[COL.weight]!));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // Sparklines and day ranges come from each name's bars.<SYMBOL>.5m.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=constituents] tbody .rng-text').length === 13 &&
      Array.from(document.querySelectorAll('[data-testid=constituents] tbody .rng-text')).every((e) => /^\d+\.\d{2,4}–\d+\.\d{2,4}$/.test(e.textContent ?? '')), undefined, { timeout: 8_000 });
    const sparks = await page.$$eval('[data-testid=constituents] tbody polyline.spark', (ps) => ps.map((p) => p.getAttribute('points') ?? ''));
    expect(sparks.filter((p) => p.length > 0)).toHaveLength(13);

    await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent === 'open');
    expect(await text(page, 'session')).toBe('REGULAR');
    expect(await page.textContent('#market-text')).toMatch(/^Regular session · closes 16:00 ET$/);
    await page.waitForFunction(() => /\d+ ms/.test(document.querySelector('[data-testid=lag]')?.textContent ?? ''), undefined, { timeout: 5_000 });
    expect(await text(page, 'updated')).toMatch(/^10:0\d:\d\d ET$/);
    expect(await page.$$eval('#selector button', (bs) => bs.map((b) => b.textContent))).toEqual(['Miners', 'AI/HPC']);
  }, 40_000);

  it('says SIMULATED, with the market date and New York time of the feed\'s clock next to the session', async () => {
    expect(await text(page, 'source')).toBe('SIMULATED');
    expect(await text(page, 'market-date')).toBe('Fri, Nov 20, 2026');
    expect(await text(page, 'market-time')).toMatch(/^10:0\d:\d\d ET$/);
    // Not today (the clock is set to a Friday in November): the page says what today is.
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(Date.now());
    if (today !== 'Fri, Nov 20, 2026') expect(await text(page, 'today')).toBe(`today is ${today}`);
    // The badge, date and session sit together in the top bar.
    const boxes = await page.$$eval('[data-testid=source], [data-testid=market-date], #market-text', (els) => els.map((e) => e.getBoundingClientRect().top));
    expect(Math.max(...boxes) - Math.min(...boxes)).toBeLessThan(12);
  });

  it('shows every milestone of the basket on one scale, with the distance to the next', async () => {
    const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, { milestonesUsd: number[]; marketCapUsd: number }> };
    const ticks = async () => page.$$eval('[data-testid=milestone-tick]', (ts) => ts.map((t) => (t.textContent ?? '').replace('✓ ', '')));
    const label = (usd: number) => `$${usd / 1e9}B`;
    expect(body.indexes.miners!.milestonesUsd).toEqual([75e9, 90e9, 100e9]);
    expect(await ticks()).toEqual(body.indexes.miners!.milestonesUsd.map(label));
    // Ticks sit in order along the scale; the reached ones are checked.
    const lefts = await page.$$eval('[data-testid=milestone-tick]', (ts) => ts.map((t) => t.getBoundingClientRect().left));
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    const cap = body.indexes.miners!.marketCapUsd;
    const reached = await page.$$eval('[data-testid=milestone-tick].reached', (ts) => ts.map((t) => Number((t as HTMLElement).dataset.usd)));
    expect(reached).toEqual(body.indexes.miners!.milestonesUsd.filter((m) => m <= cap));
    await page.click('#selector button[data-id=ai-hpc]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=milestone-tick]').length === 2, undefined, { timeout: 5_000 });
    expect(await ticks()).toEqual(body.indexes['ai-hpc']!.milestonesUsd.map(label));
    await page.click('#selector button[data-id=miners]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=milestone-tick]').length === 3, undefined, { timeout: 5_000 });
  });

  it('draws the whole extended day (04:00–20:00 ET) with the previous close; 1m ↔ 5m keeps the view', async () => {
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartPoints >= 1, undefined, { timeout: 8_000 });
    const st = await page.evaluate(() => (window.__hashcap as PageHooks).state());
    expect(st.chartSpan!.firstMs).toBe(Date.parse('2026-11-20T04:00:00-05:00'));
    expect(st.chartSpan!.lastMs).toBe(Date.parse('2026-11-20T19:59:00-05:00'));
    expect(st.chartSpan!.slots).toBe(960);
    expect(st.chartView!.from).toBeLessThanOrEqual(Date.parse('2026-11-20T04:00:00-05:00'));
    expect(st.chartView!.to).toBeGreaterThanOrEqual(Date.parse('2026-11-20T19:59:00-05:00'));
    // Pre- and post-market shaded, regular session between.
    expect(st.sessionBands.map(([s]) => s)).toEqual(['PRE', 'REG', 'POST']);
    const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: Record<string, { previousLevel: number }> };
    expect(await page.evaluate(() => (window.__hashcap as PageHooks).chartPrevClose)).toBe(body.indexes.miners!.previousLevel);
    // The area's line is the theme's accent: amber pixels on the chart's canvases.
    const painted = await page.evaluate(() => {
      let hits = 0;
      for (const canvas of Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid=chart] canvas'))) {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) if (data[i]! > 120 && data[i + 2]! < 60 && data[i]! - data[i + 2]! > 100 && data[i + 3]! > 200) hits++;
      }
      return hits;
    });
    expect(painted).toBeGreaterThan(20);

    // The user zooms in (mouse wheel over the chart); switching to 5m and back keeps that window.
    const box = (await page.$('[data-testid=chart]'))!;
    const r = (await box.boundingBox())!;
    await page.mouse.move(r.x + r.width * 0.4, r.y + r.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
    await page.waitForTimeout(300);
    const zoomed = (await page.evaluate(() => (window.__hashcap as PageHooks).state().chartView))!;
    expect(zoomed.to - zoomed.from).toBeLessThan(16 * 3600_000 * 0.8);
    await page.click('.toggle button[data-interval="300"]');
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartInterval === 300 && (window.__hashcap as PageHooks).state().chartSpan?.slots === 192, undefined, { timeout: 5_000 });
    const on5m = (await page.evaluate(() => (window.__hashcap as PageHooks).state().chartView))!;
    expect(Math.abs(on5m.from - zoomed.from)).toBeLessThanOrEqual(5 * 60_000);
    expect(Math.abs(on5m.to - zoomed.to)).toBeLessThanOrEqual(5 * 60_000);
    await page.click('.toggle button[data-mode=candles]');
    expect((await page.evaluate(() => (window.__hashcap as PageHooks).state())).chartMode).toBe('candles');
    await page.click('.toggle button[data-interval="60"]');
    await page.click('.toggle button[data-mode=line]');
    await page.dblclick('[data-testid=chart]'); // back to the whole day
  }, 30_000);

  it('opens a constituent\'s day on click: quote details and a chart filled from bars.<SYMBOL>.1m; Escape closes', async () => {
    await page.click('[data-testid=constituents] tbody tr[data-ticker=IREN]');
    await page.waitForSelector('[data-testid=drill]:not([hidden])', { timeout: 5_000 });
    expect(await text(page, 'drill-symbol')).toBe('IREN');
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().drillPoints >= 1, undefined, { timeout: 8_000 });
    const served = server.feed.channelState('bars.IREN.1m')!.bars!.bars!;
    const st = await page.evaluate(() => (window.__hashcap as PageHooks).state());
    expect(st.drill).toBe('IREN');
    // What the page holds is the server's channel: the same bars, one more at most if a minute turned.
    expect(Math.abs(st.drillBars - served.length)).toBeLessThanOrEqual(1);
    expect(st.drillPoints).toBe(st.drillBars);
    expect(await page.textContent('#drill-foot')).toMatch(/bars\.IREN\.1m/);
    expect(await text(page, 'drill-last')).toMatch(/^\d+\.\d{2,4}$/);
    expect(await page.textContent('#drill-bidask')).toMatch(/^\d+\.\d{2,4} × \d+\.\d{2,4}$/);
    await page.screenshot({ path: artifactPath('ticker-drill.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=drill]', { state: 'hidden' });
    // By keyboard: a focused row opens with Enter.
    await page.focus('[data-testid=constituents] tbody tr[data-ticker=MARA]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().drill === 'MARA', undefined, { timeout: 5_000 });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=drill]', { state: 'hidden' });
  }, 30_000);

  it('sorts every column by click or keyboard', async () => {
    await page.click('th[data-key=ticker]');
    await page.waitForFunction(() => document.querySelector('th[data-key=ticker]')?.getAttribute('aria-sort') === 'ascending');
    await page.waitForTimeout(100);
    const tickers = (await tableRows(page)).map((r) => r.ticker);
    expect(tickers).toEqual([...tickers].sort());
    // Keyboard: focus the Volume header, Enter.
    await page.focus('th[data-key=volume]');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-key=volume]', 'aria-sort')).toBe('descending');
    await page.waitForTimeout(700); // re-sorts at most twice a second
    const shares = (v: string) => Number.parseFloat(v.replace(/,/g, '')) * (v.endsWith('M') ? 1e6 : v.endsWith('K') ? 1e3 : 1);
    const volumes = (await tableRows(page)).map((r) => shares(r.cells[COL.volume]!));
    // Volumes move while the rows are read: nearly sorted is sorted (at most one pair out of order).
    const inversions = volumes.filter((v, i) => i > 0 && v > volumes[i - 1]! * 1.02).length;
    expect(inversions).toBeLessThanOrEqual(1);
    for (const key of ['spark', 'last', 'change', 'changePct', 'bidAsk', 'range', 'time', 'contribution']) {
      await page.click(`th[data-key=${key}]`);
      expect(await page.getAttribute(`th[data-key=${key}]`, 'aria-sort'), key).toBe('descending');
    }
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

  it('keeps notices clear of the headline figures, at desktop and phone width', async () => {
    for (const width of [1440, 380]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      server.feed.status.addNotice({ kind: 'info', message: `A server notice long enough to wrap at phone width, shown at ${width} px wide` });
      server.feed.afterBatch();
      await page.waitForFunction((w) => {
        const b = document.querySelector<HTMLElement>('[data-testid=banner]');
        return !!b && !b.hidden && (b.textContent ?? '').includes(`${w} px`);
      }, width, { timeout: 5_000 });
      const overlaps = await page.evaluate(() => {
        const banner = document.querySelector('[data-testid=banner]')!.getBoundingClientRect();
        const ids = ['level', 'change', 'market-cap', 'mcap-change', 'milestone', 'milestone-scale', 'milestone-next', 'source', 'market-date'];
        return ids.flatMap((id) => {
          const el = document.querySelector(`[data-testid=${id}]`) ?? document.getElementById(id);
          if (!el) return [`${id} missing`];
          const r = el.getBoundingClientRect();
          const apart = r.right <= banner.left || r.left >= banner.right || r.bottom <= banner.top || r.top >= banner.bottom;
          return apart ? [] : [id];
        });
      });
      expect(overlaps, `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('follows the system theme, toggles and remembers; text passes WCAG AA in both; screenshots both and phone width', async () => {
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => localStorage.removeItem('hashcap-theme'));
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector('html[data-ready=true]', { timeout: 10_000 });
      expect(await page.getAttribute('html', 'data-theme')).toBe(scheme);
      await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartPoints >= 1 && document.querySelectorAll('.rng-text').length > 0, undefined, { timeout: 8_000 });
      await page.waitForTimeout(1_200); // a few frames of live data; flashes over
      const failing = await page.evaluate(contrastFailures);
      console.log(`${scheme}: ${failing.checked} text elements checked for WCAG AA contrast, ${failing.failures.length} below`);
      expect(failing.failures, `${scheme} theme`).toEqual([]);
      expect(failing.checked).toBeGreaterThan(100);
      await page.screenshot({ path: artifactPath(`ticker-${scheme}.png`), fullPage: true });
      if (scheme === 'dark') await page.screenshot({ path: artifactPath('ticker.png'), fullPage: true });
    }
    // The toggle wins over the system, and survives a reload.
    await page.click('[data-testid=theme-toggle]');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('html[data-ready=true]', { timeout: 10_000 });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');

    await page.setViewportSize({ width: 380, height: 800 });
    await page.waitForTimeout(800);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const cap = await page.$eval('[data-testid=market-cap]', (el) => el.getBoundingClientRect().right);
    expect(cap).toBeLessThanOrEqual(380);
    // The badge and the date are on screen at phone width too.
    for (const id of ['source', 'market-date']) {
      const r = await page.$eval(`[data-testid=${id}]`, (el) => el.getBoundingClientRect().toJSON() as DOMRect);
      expect(r.width, id).toBeGreaterThan(0);
      expect(r.right, id).toBeLessThanOrEqual(380);
    }
    expect((await page.evaluate(contrastFailures)).failures).toEqual([]);
    await page.screenshot({ path: artifactPath('ticker-phone.png'), fullPage: true });
    await page.click('[data-testid=theme-toggle]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('ticker-phone-light.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => localStorage.removeItem('hashcap-theme'));
    console.log(`screenshots: ${['ticker.png', 'ticker-dark.png', 'ticker-light.png', 'ticker-phone.png', 'ticker-phone-light.png', 'ticker-drill.png'].map(artifactPath).join(', ')}`);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

/** A recording replayed: the badge says REPLAY and its speed. */
describe.skipIf(!HAS_CHROMIUM)('ticker page on a replay', () => {
  let browser: LaunchedBrowser;
  let server: HashcapServer;

  beforeAll(async () => {
    await buildApp();
    [browser, server] = await Promise.all([
      launchChromium(),
      startServer(parseConfig(['--port', '0', '--host', '127.0.0.1', '--replay', 'data/recordings/sample-day.bin', '--speed', '10'], {}), quiet),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows REPLAY ×10 and the recording\'s date, not a live look', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`);
    await page.waitForFunction(() => document.querySelector('[data-testid=source]')?.textContent !== '—', undefined, { timeout: 5_000 });
    expect(await text(page, 'source')).toBe('REPLAY ×10');
    const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { status: { clockMarketMs: number } };
    const day = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(body.status.clockMarketMs);
    expect(await text(page, 'market-date')).toBe(day);
    await page.close();
  }, 30_000);
});

/**
 * A weekend: the simulator's day is not today's. With the clock on a Sunday the page says SIMULATED,
 * that Sunday and the market closed; with no clock (`npm start` on a weekend simulates the next
 * session) it says SIMULATED, the simulated day, and what today is when that differs.
 */
describe.skipIf(!HAS_CHROMIUM)('ticker page on a weekend', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    await buildApp();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const clock of ['2026-12-06T11:00:00-05:00', null]) {
    it(clock ? `shows SIMULATED and the date on a Sunday clock (${clock})` : 'shows SIMULATED, the simulated day and today\'s date with no clock given', async () => {
      const args = ['--port', '0', '--host', '127.0.0.1', '--sim-rate', '500', ...(clock ? ['--clock', clock] : [])];
      const server = await startServer(parseConfig(args, {}), quiet);
      try {
        const page = await browser.context.newPage();
        await open(page, `${server.url}/`);
        await page.waitForFunction(() => document.querySelector('[data-testid=source]')?.textContent !== '—', undefined, { timeout: 5_000 });
        expect(await text(page, 'source')).toBe('SIMULATED');
        const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { status: { clockMarketMs: number } };
        const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
        const simulatedDay = fmt.format(body.status.clockMarketMs);
        expect(await text(page, 'market-date')).toBe(simulatedDay);
        if (clock) {
          expect(simulatedDay).toBe('Sun, Dec 6, 2026');
          expect(await page.textContent('#market-text')).toMatch(/^Closed · pre-market Mon 04:00 ET$/);
          // A Sunday has no sessions: the day on the chart is shaded closed, not as pre-market or after-hours.
          await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartSpan !== null, undefined, { timeout: 8_000 });
          expect((await page.evaluate(() => (window.__hashcap as PageHooks).state())).sessionBands.map(([s]) => s)).toEqual(['CLOSED']);
        }
        const today = fmt.format(Date.now());
        if (today !== simulatedDay) expect(await text(page, 'today')).toBe(`today is ${today}`);
        else expect(await page.isHidden('[data-testid=today]')).toBe(true);
        if (clock) await page.screenshot({ path: artifactPath('ticker-weekend.png'), fullPage: true });
        await page.close();
      } finally {
        await server.close();
      }
    }, 30_000);
  }
});

/** A milestone crossed while the page watches: a marker on the chart at the bar it happened in. */
describe.skipIf(!HAS_CHROMIUM)('ticker page when a milestone is crossed', () => {
  let browser: LaunchedBrowser;
  let server: HashcapServer;
  let dir: string;

  beforeAll(async () => {
    await buildApp();
    // The miners basket with its milestones moved right above today's market cap, so a 1% move crosses one.
    const probe = await startServer(parseConfig(['--port', '0', '--host', '127.0.0.1', '--no-simulate'], {}), quiet);
    const cap = (await (await fetch(`${probe.url}/v1/snapshot`)).json() as { indexes: { miners: { marketCapUsd: number } } }).indexes.miners.marketCapUsd;
    await probe.close();
    dir = mkdtempSync(join(tmpdir(), 'hashcap-basket-'));
    const above = Math.round((cap * 1.004) / 1e6) * 1e6;
    const basket = readFileSync(join(REPO_ROOT, 'data', 'baskets', 'miners.basket.csv'), 'utf8').replace(/^# milestones_usd: .*$/m, `# milestones_usd: ${above} ${above * 2}`);
    writeFileSync(join(dir, 'miners.basket.csv'), basket);
    [browser, server] = await Promise.all([
      launchChromium(),
      startServer(parseConfig(['--port', '0', '--host', '127.0.0.1', '--no-simulate', '--basket', join(dir, 'miners.basket.csv')], {}), quiet),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks the crossing on the chart and says so', async () => {
    const page = await browser.context.newPage();
    await open(page, `${server.url}/`);
    expect(await page.$$eval('[data-testid=milestone-tick]', (ts) => ts.length)).toBe(2);
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartSpan !== null, undefined, { timeout: 8_000 });
    const body = (await (await fetch(`${server.url}/v1/snapshot`)).json()) as { indexes: { miners: { constituents: { ticker: string; previousClose: number }[] } } };
    // Every member 1% up, in one batch at the wall clock (this server has no simulated clock).
    const result = server.ingest('test', body.indexes.miners.constituents.map((c, i) => ({ symbol: c.ticker, kind: 0, price: Math.round(c.previousClose * 1.01 * 100) / 100, size: 100, timeMs: Date.now(), seq: i + 1 })));
    expect(result.accepted).toBe(body.indexes.miners.constituents.length);
    await page.waitForFunction(() => (window.__hashcap as PageHooks).state().chartMarkers >= 1, undefined, { timeout: 8_000 });
    expect(await page.evaluate(() => (window.__hashcap as PageHooks).notices)).toEqual(expect.arrayContaining([expect.stringMatching(/crossed above \$/)]));
    expect(await page.$$eval('[data-testid=milestone-tick].reached', (ts) => ts.length)).toBe(1);
    await page.close();
  }, 30_000);
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
    // Said where the badge and the date are: the figures on show are the last ones received.
    await page.waitForFunction(() => /^OFFLINE/.test(document.querySelector('[data-testid=feed-health]')?.textContent ?? ''), undefined, { timeout: 3_000 });
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
    // Steady state: the chart's code (loaded after first paint) and the names' day bars are in.
    await page.waitForFunction(
      () => (window.__hashcap as PageHooks).state().chartSpan !== null && document.querySelectorAll('.rng-text:not(:empty)').length === 13,
      undefined,
      { timeout: 15_000 },
    );
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
