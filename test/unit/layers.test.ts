/**
 * The layers are enforced by the compiler, not by convention: `tsc -b` with the repository's own
 * tsconfig files, run on a copy of the sources with probe files added, must reject every import that
 * runs back up and every global the layer's runtime does not have, and accept the downward imports.
 * Layers, bottom-up: proto → engine + market (server/tsconfig.core.json) → the rest of server/; the SDK
 * and the page sit on proto, beside the server (README, Architecture).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Probe file → the TypeScript error code it must produce (null: it must compile). */
const PROBES: Record<string, { readonly source: string; readonly error: string | null }> = {
  // Imports that run back up: "not listed within the file list of project" (TS6307).
  'proto/probe-up.ts': { source: "export * from '../client/sdk/index.ts';\n", error: 'TS6307' },
  'server/engine/probe-up.ts': { source: "export * from '../feed/diff.ts';\n", error: 'TS6307' },
  'server/market/probe-up.ts': { source: "export * from '../transport/types.ts';\n", error: 'TS6307' },
  'client/sdk/probe-up.ts': { source: "export * from '../../server/engine/market-engine.ts';\n", error: 'TS6307' },
  'client/app/src/probe-up.ts': { source: "export * from '../../../server/config.ts';\n", error: 'TS6307' },
  // Globals of the wrong runtime: no DOM in the server, no Node in the page, neither in proto or the SDK.
  'server/probe-dom.ts': { source: 'export const title = document.title;\n', error: 'TS2584' },
  'client/app/src/probe-node.ts': { source: 'export const version = process.version;\n', error: 'TS2591' },
  'client/sdk/probe-node.ts': { source: "export const bytes = Buffer.from('x');\n", error: 'TS2591' },
  'client/sdk/probe-dom.ts': { source: 'export const title = document.title;\n', error: 'TS2584' },
  'proto/probe-node.ts': { source: 'export const version = process.version;\n', error: 'TS2591' },
  // Downward imports compile, and a server folder that does not exist yet is in the server layer.
  'server/new-folder/probe-down.ts': {
    source: "export * from '../engine/market-engine.ts';\nexport * from '../transport/types.ts';\nexport * from '../../proto/wire.ts';\nexport const node = process.version;\n",
    error: null,
  },
  'server/engine/probe-down.ts': { source: "export * from '../market/basket-types.ts';\n", error: null },
  'client/sdk/probe-down.ts': { source: "export * from '../../proto/merge.ts';\n", error: null },
  'client/app/src/probe-down.ts': { source: "export * from '../../sdk/index.ts';\nexport const title = document.title;\n", error: null },
};

/** The layer projects (tsconfig.tools.json, the tests, is left out: it is the top and slowest). */
const LAYERS = ['proto', 'server/tsconfig.core.json', 'server', 'client/sdk', 'client/app'];

describe('layers', () => {
  it('tsc -b rejects imports that run back up and the wrong runtime globals, and accepts downward imports', () => {
    const copy = mkdtempSync(join(tmpdir(), 'hashcap-layers-'));
    try {
      for (const name of readdirSync(root)) {
        if (/^tsconfig.*\.json$/.test(name) || name === 'package.json') cpSync(join(root, name), join(copy, name));
      }
      for (const dir of ['proto', 'server', 'client']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
      for (const [path, probe] of Object.entries(PROBES)) {
        mkdirSync(dirname(join(copy, path)), { recursive: true });
        writeFileSync(join(copy, path), probe.source);
      }

      let output = '';
      try {
        execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', '--pretty', 'false', ...LAYERS], {
          cwd: copy,
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 120_000,
        });
      } catch (err) {
        output = String((err as { stdout?: string }).stdout ?? '') + String((err as { stderr?: string }).stderr ?? '');
      }
      const errors = new Map<string, Set<string>>();
      for (const match of output.matchAll(/^(\S+?)\(\d+,\d+\): error (TS\d+)/gm)) {
        const file = match[1]!;
        if (!errors.has(file)) errors.set(file, new Set());
        errors.get(file)!.add(match[2]!);
      }
      const expected = new Map(
        Object.entries(PROBES)
          .filter(([, probe]) => probe.error !== null)
          .map(([path, probe]) => [path, new Set([probe.error!])]),
      );
      // Every probe fails with its own error, the downward probes compile, and a source file fails only
      // where an upward probe dragged it into a lower layer (its own imports are then out of the layer too).
      const probeErrors = new Map([...errors].filter(([file]) => file in PROBES));
      expect(probeErrors, output).toEqual(expected);
      const otherErrors = [...errors].filter(([file, codes]) => !(file in PROBES) && [...codes].some((code) => code !== 'TS6307'));
      expect(otherErrors, output).toEqual([]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 180_000);
});
