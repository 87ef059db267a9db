/**
 * `npm start` (node --import tsx scripts/start.ts): builds the ticker page when it is missing or
 * stale, then runs the server in this very process.
 *
 * One process on purpose. A container runtime or a supervisor stops `npm start` with a SIGTERM to npm,
 * and npm passes it on to its child only: the `sh -c` running the script, which execs a lone command
 * and so becomes this process. The old script, `vite build && tsx server/main.ts`, kept the shell
 * between npm and the server (a list is not a lone command); the shell died of the signal without
 * passing it on, and the server went on running, orphaned, holding its port. Here the signal reaches
 * the server's own handler (server/main.ts: reconnect advice, close, exit 0), and npm exits with the
 * server's exit code. Arguments go to the server: `npm start -- --port 0`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { appIsFresh } from './app-build.ts';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The build runs in a child so that Vite is not loaded into the server. Stopping during the build
 * stops the build, and then this process by the same signal (no server was started).
 */
async function buildPageIfStale(): Promise<void> {
  if (appIsFresh()) return;
  console.log('hashcap: building the ticker page (client/app → dist/app)');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./app-build.ts', import.meta.url))], { stdio: 'inherit' });
  let stoppedBy: NodeJS.Signals | null = null;
  const forward = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    child.kill(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, forward);
  const code = await new Promise<number>((resolve) => {
    child.once('error', (err) => {
      console.error(`hashcap: cannot run the page build: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  for (const s of STOP_SIGNALS) process.off(s, forward);
  if (stoppedBy !== null) {
    process.kill(process.pid, stoppedBy); // with no handler left, its default action ends this process
    await new Promise<never>(() => {});
  }
  if (code !== 0) process.exit(code);
}

await buildPageIfStale();
await import('../server/main.ts');
