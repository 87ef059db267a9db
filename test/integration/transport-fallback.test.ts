/**
 * When uWebSockets.js cannot be used, the server says so in one line and runs on ws; the package's own
 * multi-line warnings never reach the output. A child process, because a loaded native module stays
 * loaded for the life of a process (UWS_USE_FALLBACK makes the package take its fallback path, the path
 * Node 22/24 take for want of a binary).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const SCRIPT = `
import { createTransport } from './server/transport/create-transport.ts';
const lines = [];
const t = await createTransport('auto', {
  host: '127.0.0.1', port: 0, websockets: {}, http: () => ({ status: 204, body: '' }),
  maxPayloadBytes: 1024, maxBodyBytes: 1024, backpressureBytes: 1024, hardBackpressureBytes: 4096, idleTimeoutSeconds: 0,
}, (line) => lines.push(line));
process.stdout.write(JSON.stringify({ name: t.name, lines }) + '\\n');
`;

describe('transport fallback', () => {
  it('falls back to ws with one log line and nothing else printed', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: REPO,
      env: { ...process.env, UWS_USE_FALLBACK: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    const printed = out.split('\n').filter((l) => l !== '');
    expect(printed).toHaveLength(1);
    const { name, lines } = JSON.parse(printed[0]!) as { name: string; lines: string[] };
    expect(name).toBe('ws');
    expect(lines).toEqual([expect.stringMatching(/^transport: ws \(uWebSockets\.js not loaded: UWS_USE_FALLBACK=1 is set; ws delivers less, see README "Transports"\)$/)]);
  });
});
