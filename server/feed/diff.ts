/**
 * What changed between the state a topic last published and a fresh view: only the fields whose
 * values differ, so deltas carry changes and nothing else.
 */
type Flat = Record<string, unknown>;

/**
 * The scalar fields of `next` that differ from `prev` (arrays are compared by the caller), plus the
 * identifying `keys`; null when nothing differs.
 */
export function diffFlat<T extends object>(prev: T | undefined, next: T, keys: readonly string[]): T | null {
  const p = (prev ?? {}) as Flat;
  const n = next as Flat;
  const out: Flat = {};
  let changed = false;
  for (const k in n) {
    const v = n[k];
    if (v === undefined || v === null || Array.isArray(v)) continue;
    if (!Object.is(p[k], v)) {
      out[k] = v;
      changed = true;
    }
  }
  if (!changed) return null;
  for (const k of keys) out[k] = n[k];
  return out as T;
}

export function sameNumbers(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}
