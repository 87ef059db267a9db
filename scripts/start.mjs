// `npm start` (exec node scripts/start.mjs): runs the compiled server (dist/server/main.js) with plain
// node, building first only when dist/ is missing or older than its sources (scripts/build-state.mjs).
// Plain JavaScript on purpose: it runs before anything is compiled, and in a production install
// (`npm ci --omit=dev`), which has no TypeScript and no tsx.
//
// One process on purpose. A container runtime or a supervisor stops `npm start` with a SIGTERM to npm,
// and npm passes it on to its child only: the `sh -c` running the script, which execs a lone command
// and so becomes this process. The server is imported into this very process, so the signal reaches
// its own handler (server/main.ts: reconnect advice, close, exit 0) and npm exits with the server's
// exit code. Arguments go to the server: `npm start -- --port 0`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { buildState, REPO_ROOT } from './build-state.mjs';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'];
const SERVER = join(REPO_ROOT, 'dist', 'server', 'main.js');

// Before the server's own logger exists: the same JSON lines (level, time, pid, msg) as the server's
// when stdout is not a terminal; on a terminal a plain line.
const json = pino({ base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, pino.destination({ dest: 1, sync: true }));
const say = (level, msg) => (process.stdout.isTTY ? process.stdout.write(`hashcap: ${msg}\n`) : json[level](msg));

/** The build needs the dev dependencies (TypeScript, tsx, Vite); a production install has none. */
function canBuild() {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  try {
    for (const pkg of ['typescript', 'tsx', 'vite']) require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The build runs in a child so that the compiler and Vite are not loaded into the server. Stopping
 * during the build stops the build, and then this process by the same signal (no server was started).
 */
async function build() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'build.ts'), '--if-stale'], { cwd: REPO_ROOT, stdio: 'inherit' });
  let stoppedBy = null;
  const forward = (signal) => {
    stoppedBy = signal;
    child.kill(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, forward);
  const code = await new Promise((resolve) => {
    child.once('error', (err) => {
      say('error', `cannot run the build: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  for (const s of STOP_SIGNALS) process.off(s, forward);
  if (stoppedBy !== null) {
    process.kill(process.pid, stoppedBy); // with no handler left, its default action ends this process
    await new Promise(() => {});
  }
  if (code !== 0) process.exit(code);
}

const state = buildState();
if (state !== 'fresh') {
  if (canBuild()) {
    say('info', `building (dist/ ${state === 'missing' ? 'missing' : 'older than its sources'}): server, SDK, ticker page → dist/`);
    await build();
  } else if (existsSync(SERVER) && state === 'stale') {
    say('warn', 'dist/ looks older than the sources, but this install has no build tools (npm ci --omit=dev): running the build that is there');
  } else {
    say('fatal', 'no compiled server in dist/: run `npm run build` (needs the dev dependencies) before installing with --omit=dev');
    process.exit(1);
  }
}
await import(pathToFileURL(SERVER).href);
