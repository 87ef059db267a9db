/**
 * Applying a Delta's changes to a channel's full state: the one rule shared by the server (keeping
 * each channel's current state, and conflating deltas: latest value wins) and by clients rebuilding
 * state from snapshot + deltas. Mutates `state` in place; both arguments are plain objects.
 */
import type { hashcap } from './wire.ts';

export type ChannelState = hashcap.v1.IChannelState;

type Keyed = Record<string, unknown>;

/** Copies every present (non-null, non-undefined) scalar field of `from` onto `to`. */
function assignPresent(to: Keyed, from: Keyed): void {
  for (const k in from) {
    const v = from[k];
    if (v !== undefined && v !== null && !Array.isArray(v)) to[k] = v;
  }
}

/** Merges items of `changes` into `list` by key, field by field; new keys are appended. */
function mergeKeyed<T extends object>(list: T[], changes: readonly T[] | null | undefined, key: (x: T) => string | number): void {
  if (!changes || changes.length === 0) return;
  const at = new Map<string | number, number>();
  list.forEach((item, i) => at.set(key(item), i));
  for (const change of changes) {
    const i = at.get(key(change));
    if (i === undefined) {
      at.set(key(change), list.length);
      list.push({ ...change });
    } else {
      assignPresent(list[i] as Keyed, change as Keyed);
    }
  }
}

/**
 * The usual bars delta touches the newest bar or two, or appends one: merged in place from the end
 * without indexing the whole history (a day of 1-minute bars is 960). False, having changed nothing,
 * when a change reaches further back; the caller then merges by key and sorts.
 */
function mergeBarsAtTail(bars: hashcap.v1.IBar[], changes: readonly hashcap.v1.IBar[] | null | undefined): boolean {
  if (!changes || changes.length === 0) return true;
  const TAIL = 4;
  const targets: number[] = [];
  let appendAfter = bars.length > 0 ? (bars[bars.length - 1]!.startMs ?? 0) : Number.NEGATIVE_INFINITY;
  for (const change of changes) {
    const t = change.startMs ?? 0;
    let at = -1;
    for (let i = bars.length - 1; i >= 0 && i >= bars.length - TAIL; i--) {
      if ((bars[i]!.startMs ?? 0) === t) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      if (t <= appendAfter) return false;
      appendAfter = t;
    }
    targets.push(at);
  }
  changes.forEach((change, k) => {
    const at = targets[k]!;
    if (at >= 0) assignPresent(bars[at] as Keyed, change as Keyed);
    else bars.push({ ...change });
  });
  return true;
}

export function mergeState(state: ChannelState, changes: ChannelState): void {
  if (changes.index) {
    const target = (state.index ??= { id: changes.index.id ?? '' });
    const c = changes.index;
    assignPresent(target as Keyed, c as Keyed);
    if (c.milestonesChanged) target.milestonesReachedUsd = [...(c.milestonesReachedUsd ?? [])];
    target.milestonesChanged = false;
    const constituents = (target.constituents ??= []);
    mergeKeyed(constituents, c.constituents, (x) => x.ticker ?? '');
    if (c.removed && c.removed.length > 0) {
      const gone = new Set(c.removed);
      target.constituents = constituents.filter((x) => !gone.has(x.ticker ?? ''));
    }
    target.removed = [];
  }
  if (changes.quotes) {
    const target = (state.quotes ??= { quotes: [] });
    mergeKeyed((target.quotes ??= []), changes.quotes.quotes, (x) => x.symbol ?? '');
  }
  if (changes.bars) {
    const target = (state.bars ??= { bars: [] });
    const c = changes.bars;
    assignPresent(target as Keyed, c as Keyed);
    const bars = (target.bars ??= []);
    if (!mergeBarsAtTail(bars, c.bars)) {
      mergeKeyed(bars, c.bars, (x) => x.startMs ?? 0);
      bars.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
    }
    const max = target.maxBars ?? 0;
    if (max > 0 && bars.length > max) bars.splice(0, bars.length - max);
  }
  if (changes.status) {
    const target = (state.status ??= {});
    const c = changes.status;
    assignPresent(target as Keyed, c as Keyed);
    mergeKeyed((target.symbols ??= []), c.symbols, (x) => x.symbol ?? '');
    mergeKeyed((target.rejects ??= []), c.rejects, (x) => x.reason ?? 0);
    const max = target.maxRecent ?? 0;
    const milestones = [...(target.milestones ?? []), ...(c.milestones ?? [])];
    const notices = [...(target.notices ?? []), ...(c.notices ?? [])];
    target.milestones = max > 0 ? milestones.slice(-max) : milestones;
    target.notices = max > 0 ? notices.slice(-max) : notices;
  }
}

/** A deep copy through the plain-object shape (states hold only scalars, arrays and objects). */
export function cloneState(state: ChannelState): ChannelState {
  return structuredClone(state) as ChannelState;
}
