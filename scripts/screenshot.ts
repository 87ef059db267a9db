/**
 * Regenerates docs/ticker.png for the README: a simulated morning (from 09:25 ET at 60× speed) on a
 * real server, in Debian's chromium. Usage: npx tsx scripts/screenshot.ts [seconds=40]
 */
import { join } from 'node:path';
import { startServer } from '../server/app.ts';
import { parseConfig } from '../server/config.ts';
import { buildApp, launchChromium } from '../test/support/browser.ts';

const seconds = Number(process.argv[2] ?? 40);
await buildApp();
const server = await startServer(
  parseConfig(['--port', '0', '--sim-rate', '3000', '--clock', '2026-11-20T09:25:00-05:00', '--speed', '60'], {}),
  () => {},
);
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const out = join(import.meta.dirname, '..', 'docs', 'ticker.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
