/**
 * Picks the websocket server. uWebSockets.js is a native addon built for specific Node ABIs and glibc, so
 * it is loaded with a dynamic import only when asked for: a `ws`-only deployment never touches it, and a
 * machine where it cannot load (other ABI, musl…) falls back to `ws` with one log line saying why.
 *
 * The installed build (@trufflesuite/uws-js-unofficial) does not throw when its binary fails to load: it
 * prints two warnings and returns a pure-JS imitation built on `ws`. That imitation is not uWS, so `loadUws`
 * treats it as a load failure too; otherwise "uws" would silently be a slower `ws`. Its warnings are
 * not let through: when no binary exists for this Node the package is not even imported, and while it
 * is, what it prints is caught and folded into our one line.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { UwsTransport, type UwsModule } from './uws-transport.ts';
import { WsTransport } from './ws-transport.ts';
import type { Transport, TransportOptions } from './types.ts';

export type TransportChoice = 'uws' | 'ws' | 'auto';

export async function createTransport(
  kind: TransportChoice,
  options: TransportOptions,
  log: (line: string) => void,
): Promise<Transport> {
  if (kind === 'ws') return new WsTransport(options);
  let uws: UwsModule;
  try {
    uws = await loadUws();
  } catch (err) {
    log(`transport: ws (uWebSockets.js not loaded: ${describe(err)}; ws delivers less, see README "Transports")`);
    return new WsTransport(options);
  }
  return new UwsTransport(options, uws);
}

/** Loads the native uWebSockets.js module; throws, with the reason, when only a substitute is available. */
export async function loadUws(): Promise<UwsModule> {
  const binary = expectedBinary();
  if (binary !== null && !existsSync(binary) && !forcedFallback()) throw new Error(noBinaryFor());
  const printed: string[] = [];
  const { warn, log } = console;
  const capture = (...args: unknown[]): void => void printed.push(args.map(String).join(' '));
  console.warn = capture;
  console.log = capture;
  let imported: { default?: unknown };
  try {
    imported = await import('uWebSockets.js');
  } finally {
    console.warn = warn;
    console.log = log;
  }
  const uws = imported.default ?? imported;
  if (!isNativeUws(uws)) throw new Error(forcedFallback() ? fallbackCause() : `${noBinaryFor()}: ${firstLine(printed)}`);
  return uws;
}

/** Where the package looks for its addon (src/uws.js: binaries/uws_<platform>_<arch>_<ABI>.node); null if the package is not found. */
function expectedBinary(): string | null {
  try {
    const main = createRequire(import.meta.url).resolve('uWebSockets.js');
    return join(dirname(main), '..', 'binaries', `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`);
  } catch {
    return null;
  }
}

function forcedFallback(): boolean {
  const forced = process.env['UWS_USE_FALLBACK'];
  return forced !== undefined && ['1', 'true'].includes(forced.toLowerCase());
}

function noBinaryFor(): string {
  return `no binary for Node ${process.versions.node} (ABI ${process.versions.modules}) on ${process.platform}-${process.arch}`;
}

/** The package's own explanation, which starts with a generic sentence, then the loader's error. */
function firstLine(printed: readonly string[]): string {
  const lines = printed.join('\n').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/not compatible with your Node|Falling back to a NodeJS/.test(l));
  return lines[0] ?? 'it fell back to its JavaScript imitation';
}

function fallbackCause(): string {
  return `UWS_USE_FALLBACK=${process.env['UWS_USE_FALLBACK'] ?? ''} is set`;
}

/** The JS fallback exports only App/us_listen_socket_close/us_socket_local_port/_cfg; the addon has the rest. */
function isNativeUws(candidate: unknown): candidate is UwsModule {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const exports = candidate as Partial<Record<keyof UwsModule, unknown>>;
  return typeof exports.App === 'function' && typeof exports.SSLApp === 'function' && typeof exports.getParts === 'function';
}

/** One line: dlopen and ABI errors span several lines and repeat the file path. */
function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim();
}
