/**
 * Every bus state change, in either role, is a log line and a metric: the state now, how many times it
 * went each way, and the bus's own frame counters. The role's reaction (re-put bases, resync
 * subscribers) is handed in.
 */
import type { Bus, BusState } from './bus/types.ts';
import type { BusMetrics } from './http/metrics.ts';
import type { LogLine } from './log.ts';

export interface BusWatch {
  readonly state: BusState;
  metrics(): BusMetrics;
}

export function watchBus(bus: Bus, log: LogLine, react: (state: BusState) => void): BusWatch {
  // A Redis bus reports 'up' once its first probe answers; until then nothing is known to be down.
  let state: BusState | 'starting' = 'starting';
  let wentDown = 0;
  let cameUp = 0;
  let since = Date.now();
  bus.onState((next) => {
    if (next === state) return;
    const now = Date.now();
    const after = state === 'starting' ? '' : ` after ${((now - since) / 1000).toFixed(1)} s ${state}`;
    log(`bus ${bus.name}: ${next}${after}`, next === 'down' ? 'warn' : 'info');
    if (next === 'down') wentDown++;
    else cameUp++;
    state = next;
    since = now;
    react(next);
  });
  return {
    get state() {
      return state === 'starting' ? 'down' : state;
    },
    metrics() {
      const s = bus.stats();
      return { up: state === 'up', wentDown, cameUp, published: s.published, dropped: s.dropped, received: s.received };
    },
  };
}
