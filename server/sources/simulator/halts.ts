/**
 * The simulator's halts as ticks. The simulator reports halts and resumes as events (with a reason and
 * a planned resume time, for its own statistics); publishers send them as TICK_HALT / TICK_RESUME
 * ticks, so the live loop merges them into the batch it publishes.
 */
import { haltTick, resumeTick, type Tick } from '../../tick/tick.ts';
import type { SimEvent } from './simulator.ts';

/** The batch with the events' halts and resumes merged in time order (stable: at equal times, after the trades). */
export function withHalts(ticks: Tick[], events: readonly SimEvent[]): Tick[] {
  const status: Tick[] = [];
  for (const e of events) {
    if (e.type === 'halt') status.push(haltTick(e.symbol, e.timeMs));
    else if (e.type === 'resume') status.push(resumeTick(e.symbol, e.timeMs));
  }
  if (status.length === 0) return ticks;
  return [...ticks, ...status].sort((a, b) => a.timeMs - b.timeMs);
}
