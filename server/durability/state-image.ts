/**
 * A structural image of live objects (the engine, the gate and the parts they own), and its restore
 * into freshly constructed objects of the same shape.
 *
 * Why a generic walk rather than a hand-written export per class: the state that makes a restart
 * identical to an uninterrupted run is every field of the engine (typed-array columns, running sums,
 * divisors, milestones, event ring), of the gate (per-publisher seqs, price-band windows, halts,
 * staleness, the trade memory, counters) and their helpers — hundreds of fields in a dozen classes,
 * written for speed. A hand-kept list would drift the day someone adds a field; the walk takes them all.
 * The contract it relies on, which those classes keep: state lives in own fields (no closures, no
 * #private), and a class instance is fully shaped by its constructor from the basket (so restoring
 * field by field into a new instance built from the same basket gives the same object). The checkpoint
 * carries a fingerprint of the baskets so that a restore into a different shape is refused, not guessed.
 *
 * The image holds only structured-clone data (numbers, strings, typed arrays, arrays, Maps, plain
 * objects), so `v8.serialize` writes it. Functions are skipped (clocks, callbacks); an object met a
 * second time is written as a reference marker and skipped on restore, because the live graph already
 * shares it (the gate's `lastTradeMs` IS the staleness monitor's array).
 */

const REF = '\u0000ref';

type Image = unknown;

function isTypedArray(v: unknown): v is ArrayBufferView & { length: number; set(a: ArrayLike<number>): void } {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function isPlain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The image of `root`: everything reachable through own enumerable fields, minus functions and `exclude`d objects. */
export function captureImage(root: object, exclude: ReadonlySet<object> = new Set()): Image {
  const seen = new Set<object>(exclude);
  const walk = (v: unknown): Image => {
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return { [REF]: true };
    seen.add(v);
    if (isTypedArray(v)) return (v as unknown as { slice(): unknown }).slice();
    if (v instanceof ArrayBuffer) return v.slice(0);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) {
      const out = new Map<unknown, Image>();
      let i = 0;
      // Object keys (an IndexEngine keying a Map) cannot be matched by identity later: by position.
      for (const [k, value] of v) out.set(typeof k === 'object' && k !== null ? { [REF]: i } : k, walk(value)), i++;
      return out;
    }
    if (v instanceof Set) return { [REF + 'set']: [...v].map(walk) };
    const out: Record<string, Image> = {};
    for (const key of Object.keys(v)) {
      const field = (v as Record<string, unknown>)[key];
      if (typeof field === 'function') continue;
      out[key] = walk(field);
    }
    return out;
  };
  return walk(root);
}

export class ImageMismatchError extends Error {}

/**
 * Writes `image` into `target` (a new object graph built like the captured one). Typed arrays of the
 * same kind and length are filled in place (other objects may hold them); anything else that differs
 * in shape is replaced with the image's value when that is plain data, and refused otherwise.
 */
export function restoreImage(target: object, image: Image, exclude: ReadonlySet<object> = new Set()): void {
  const seen = new Set<object>(exclude);
  const into = (t: unknown, v: Image, path: string): unknown => {
    if (isRef(v)) return t;
    if (typeof v !== 'object' || v === null) return v;
    if (typeof t !== 'object' || t === null) return fromImage(v, path);
    if (seen.has(t)) return t;
    seen.add(t);
    if (isTypedArray(t)) {
      if (isTypedArray(v) && v.constructor === t.constructor && v.length === t.length) {
        t.set(v as unknown as ArrayLike<number>);
        return t;
      }
      return fromImage(v, path);
    }
    if (Array.isArray(t)) {
      if (!Array.isArray(v)) throw new ImageMismatchError(`${path}: expected an array`);
      if (v.length === t.length) {
        for (let i = 0; i < v.length; i++) t[i] = into(t[i], v[i], `${path}[${i}]`);
        return t;
      }
      if (t.some((e) => typeof e === 'object' && e !== null && !isPlain(e) && !isTypedArray(e))) {
        throw new ImageMismatchError(`${path}: ${v.length} elements in the image, ${t.length} here, and they are not plain data`);
      }
      t.length = 0;
      for (const e of v) t.push(fromImage(e, path));
      return t;
    }
    if (t instanceof Map) {
      if (!(v instanceof Map)) throw new ImageMismatchError(`${path}: expected a Map`);
      const objectKeys = [...t.keys()].some((k) => typeof k === 'object' && k !== null);
      if (objectKeys) {
        const keys = [...t.keys()];
        if (keys.length !== v.size) throw new ImageMismatchError(`${path}: ${v.size} entries in the image, ${keys.length} here`);
        let i = 0;
        for (const value of v.values()) {
          const k = keys[i++];
          t.set(k, into(t.get(k), value, `${path}[#${i - 1}]`));
        }
        return t;
      }
      for (const k of [...t.keys()]) if (!v.has(k)) t.delete(k);
      for (const [k, value] of v) t.set(k, t.has(k) ? into(t.get(k), value, `${path}[${String(k)}]`) : fromImage(value, path));
      return t;
    }
    if (t instanceof Set) {
      const items = (v as Record<string, unknown>)[REF + 'set'];
      if (!Array.isArray(items)) throw new ImageMismatchError(`${path}: expected a Set`);
      if (t.size === items.length && t.size === 0) return t;
      if ([...t].some((e) => typeof e === 'object' && e !== null)) {
        throw new ImageMismatchError(`${path}: a Set of objects cannot be restored by value`);
      }
      t.clear();
      for (const e of items) t.add(e);
      return t;
    }
    const record = t as Record<string, unknown>;
    const fields = v as Record<string, Image>;
    for (const key of Object.keys(fields)) record[key] = into(record[key], fields[key], `${path}.${key}`);
    return t;
  };
  into(target, image, '$');
}

function isRef(v: Image): boolean {
  return typeof v === 'object' && v !== null && !(v instanceof Map) && !isTypedArray(v) && Object.prototype.hasOwnProperty.call(v, REF);
}

/** An image value as a new live value (plain data only: a class instance cannot be made from an image). */
function fromImage(v: Image, path: string): unknown {
  if (typeof v !== 'object' || v === null || isTypedArray(v) || v instanceof ArrayBuffer) return v;
  if (isRef(v)) throw new ImageMismatchError(`${path}: a shared object the new graph does not have`);
  if (Array.isArray(v)) return v.map((e) => fromImage(e, path));
  if (v instanceof Map) return new Map([...v].map(([k, e]) => [k, fromImage(e, path)]));
  const items = (v as Record<string, unknown>)[REF + 'set'];
  if (Array.isArray(items)) return new Set(items.map((e) => fromImage(e, path)));
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = fromImage(e, path);
  return out;
}
