/** Bounded waiting: every wait in the load generator has a deadline. */
import WebSocket from 'ws';

/** Polls `cond` every `everyMs` until it holds (true) or the deadline (epoch ms) passes (false). */
export async function waitFor(cond: () => boolean, deadlineMs: number, everyMs = 20): Promise<boolean> {
  while (!cond()) {
    if (Date.now() >= deadlineMs) return false;
    await sleep(Math.min(everyMs, Math.max(1, deadlineMs - Date.now())));
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** Close handshake, then terminate after a second: a run never waits on ws's 30 s close timer. */
export async function closeWs(ws: WebSocket, closed: () => boolean): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  else ws.close(1000);
  if (!(await waitFor(closed, Date.now() + 1000))) ws.terminate();
  await waitFor(closed, Date.now() + 1000);
}
