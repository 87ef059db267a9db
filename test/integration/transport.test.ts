/**
 * Runs the transport contract against both implementations, through `createTransport` so the factory's
 * choice is covered too: a silent fallback would make the "uws" run test `ws` twice, so any fallback
 * log line fails the run instead.
 */
import { describe, expect, it } from 'vitest';

import { chooseSubprotocol, parseProtocolHeader, truncateCloseReason } from '../../server/transport/common.ts';
import { createTransport } from '../../server/transport/create-transport.ts';
import { uwsIdleTimeout } from '../../server/transport/uws-transport.ts';
import type { TransportOptions } from '../../server/transport/types.ts';
import { transportContract } from './transport.contract.ts';
import { SKIP_UWS } from '../support/uws.ts';

function failOnFallback(line: string): void {
  throw new Error(`unexpected transport fallback: ${line}`);
}

if (!SKIP_UWS) transportContract('uws', (options) => createTransport('uws', options, failOnFallback));
transportContract('ws', (options) => createTransport('ws', options, failOnFallback));
// The same contract with frames held for a write window: nothing the gateway relies on may change.
describe('with a 5 ms write window', () => {
  if (!SKIP_UWS) transportContract('uws', (options) => createTransport('uws', { ...options, writeWindowMs: 5 }, failOnFallback));
  transportContract('ws', (options) => createTransport('ws', { ...options, writeWindowMs: 5 }, failOnFallback));
});

const options: TransportOptions = {
  host: '127.0.0.1',
  port: 0,
  websockets: {},
  http: () => ({ status: 204, body: '' }),
  maxPayloadBytes: 1024,
  maxBodyBytes: 1024,
  backpressureBytes: 1024,
  hardBackpressureBytes: 4096,
  idleTimeoutSeconds: 0,
};

describe('createTransport', () => {
  it('builds ws without logging when asked for ws', async () => {
    const lines: string[] = [];
    const transport = await createTransport('ws', options, (line) => lines.push(line));
    expect([transport.name, lines]).toEqual(['ws', []]);
  });

  it.skipIf(SKIP_UWS)('prefers uws on auto when the native module loads', async () => {
    const transport = await createTransport('auto', options, failOnFallback);
    expect(transport.name).toBe('uws');
  });

  it.runIf(SKIP_UWS)('falls back to ws on auto where uWS has no binary for this Node, saying so in one line', async () => {
    const lines: string[] = [];
    const transport = await createTransport('auto', options, (line) => lines.push(line));
    expect(transport.name).toBe('ws');
    expect(lines).toEqual([expect.stringMatching(/^transport: ws \(uWebSockets\.js not loaded: .+; ws delivers less, see README "Transports"\)$/)]);
    await transport.close();
  });
});

describe('transport helpers', () => {
  it('rounds idle timeouts up to what uWS accepts', () => {
    expect([0, 1, 8, 9, 30, 120, 5000].map(uwsIdleTimeout)).toEqual([0, 8, 8, 12, 32, 120, 960]);
  });

  it('chooses the first supported sub-protocol', () => {
    expect(chooseSubprotocol(parseProtocolHeader(' a ,hashcap.v1.json, hashcap.v1.proto'))).toEqual({ format: 'json', protocol: 'hashcap.v1.json' });
    expect(chooseSubprotocol(parseProtocolHeader(undefined))).toEqual({ format: 'proto', protocol: null });
    expect(chooseSubprotocol(['a'])).toEqual({ format: 'proto', protocol: null });
  });

  it('cuts close reasons to 123 bytes without splitting a character', () => {
    const cut = truncateCloseReason('é'.repeat(100));
    expect(Buffer.byteLength(cut)).toBe(122);
    expect(truncateCloseReason('short')).toBe('short');
  });
});
