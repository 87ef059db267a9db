/**
 * Which transports this Node runs. The installed uWebSockets.js build has binaries up to Node 20's ABI:
 * there it must load (a failure fails the test, as any missing part would), and both transports are
 * tested; on later Node (CI's second leg runs Node 24) ws is the transport, and the uWS legs are
 * skipped with a message that says why.
 */
import { loadUws } from '../../server/transport/create-transport.ts';
import type { TransportKind } from '../../server/transport/types.ts';

export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const uwsError = await loadUws().then(
  () => null,
  (err: unknown) => (err instanceof Error ? err.message : String(err)),
);

/** True when the uWS legs are skipped: uWS does not load and this Node is newer than its binaries. */
export const SKIP_UWS = uwsError !== null && NODE_MAJOR > 20;
if (SKIP_UWS) console.warn(`uWebSockets.js tests skipped on Node ${process.versions.node}: ${uwsError}`);

/** The transports to run a suite against on this Node. */
export const TRANSPORTS: readonly TransportKind[] = SKIP_UWS ? ['ws'] : ['uws', 'ws'];
