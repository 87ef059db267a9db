/**
 * Bytes the kernel holds for the generator's sockets that the generator has not read yet (Recv-Q),
 * from /proc/net/tcp: the sockets whose remote port is the server's. A generator that keeps up reads
 * its sockets empty; one that falls behind leaves data queued there (and then in the server's send
 * buffers). With CPU alone a busy reader cannot be told from a saturated one: an event loop doing
 * many small reads shows ~100% CPU while it still keeps up.
 */
import { readFileSync } from 'node:fs';

export interface RecvBacklog {
  readonly sockets: number;
  readonly bytes: number;
}

export function recvBacklog(serverPort: number): RecvBacklog | null {
  let text: string;
  try {
    text = readFileSync('/proc/net/tcp', 'latin1');
  } catch {
    return null;
  }
  const portHex = serverPort.toString(16).toUpperCase().padStart(4, '0');
  let sockets = 0;
  let bytes = 0;
  let at = text.indexOf('\n') + 1;
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    at = end === -1 ? text.length : end + 1;
    // "  sl  local_address rem_address   st tx_queue:rx_queue ..."
    const f = line.trim().split(/\s+/);
    const rem = f[2];
    const queues = f[4];
    if (rem === undefined || queues === undefined || rem.slice(rem.indexOf(':') + 1) !== portHex) continue;
    sockets++;
    bytes += parseInt(queues.slice(queues.indexOf(':') + 1), 16);
  }
  return { sockets, bytes };
}
