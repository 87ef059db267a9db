/**
 * Picks the websocket server. uWebSockets.js is a native addon built for specific Node ABIs and glibc, so
 * it is loaded with a dynamic import only when asked for: a `ws`-only deployment never touches it, and a
 * machine where it cannot load (other ABI, musl…) falls back to `ws` with one log line saying why.
 *
 * The installed build (@trufflesuite/uws-js-unofficial) does not throw when its binary fails to load: it
 * prints a warning and returns a pure-JS imitation built on `ws`. That imitation is not uWS, so `loadUws`
 * treats it as a load failure too; otherwise "uws" would silently be a slower `ws`.
 */
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
    log(`transport: uWebSockets.js unavailable (${describe(err)}); falling back to ws`);
    return new WsTransport(options);
  }
  return new UwsTransport(options, uws);
}

/** Loads the native uWebSockets.js module; throws, with the reason, when only a substitute is available. */
export async function loadUws(): Promise<UwsModule> {
  const imported: { default?: unknown } = await import('uWebSockets.js');
  const uws = imported.default ?? imported;
  if (!isNativeUws(uws)) throw new Error(`${fallbackCause()}; the package offered its JavaScript fallback instead`);
  return uws;
}

function fallbackCause(): string {
  const forced = process.env['UWS_USE_FALLBACK'];
  if (forced !== undefined && ['1', 'true'].includes(forced.toLowerCase())) return `UWS_USE_FALLBACK=${forced} is set`;
  return `no native binary loads for ${process.platform}-${process.arch}, Node ABI ${process.versions.modules}`;
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
