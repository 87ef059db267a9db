/**
 * A small, fast, deterministic pseudo-random generator for the simulator: xoshiro128** (Blackman and
 * Vigna) seeded through splitmix32, so any 32-bit seed (0 included) gives a well-mixed non-zero state.
 * All state lives in number fields set in the constructor; no call allocates. Math.random is never used,
 * so a seed reproduces the same stream on every run and platform (V8's Math.log/sqrt are fdlibm ports).
 */

const TWO_POW_32 = 4294967296;

/** One splitmix32 step from `state`; returns the mixed 32-bit output (unsigned). */
export function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed for an independent stream derived from a base seed and a stream id (a number or a string such
 * as a ticker), so that e.g. per-symbol parameters do not depend on the order the symbols are listed in.
 */
export function deriveSeed(seed: number, stream: number | string): number {
  // FNV-1a over the stream id, then mixed with the seed.
  let h = 0x811c9dc5;
  if (typeof stream === 'number') {
    h = Math.imul(h ^ (stream | 0), 0x01000193);
  } else {
    for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  }
  return splitmix32((splitmix32(seed | 0) ^ h) | 0);
}

export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Marsaglia's polar method yields normals in pairs; the second waits here. */
  private spare: number;
  private hasSpare: boolean;

  /** `seed` is taken as a 32-bit integer (`seed | 0`). */
  constructor(seed: number) {
    let x = seed | 0;
    this.s0 = splitmix32(x) | 0;
    x = (x + 0x9e3779b9) | 0;
    this.s1 = splitmix32(x) | 0;
    x = (x + 0x9e3779b9) | 0;
    this.s2 = splitmix32(x) | 0;
    x = (x + 0x9e3779b9) | 0;
    this.s3 = splitmix32(x) | 0;
    // splitmix32 outputs are a bijection of distinct inputs, so they cannot all be zero; stay safe anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = 0;
    this.hasSpare = false;
  }

  /** A generator in a given xoshiro128** state (four 32-bit words, not all zero): for reference vectors. */
  static fromState(a: number, b: number, c: number, d: number): Prng {
    const prng = new Prng(0);
    prng.s0 = a | 0;
    prng.s1 = b | 0;
    prng.s2 = c | 0;
    prng.s3 = d | 0;
    if ((prng.s0 | prng.s1 | prng.s2 | prng.s3) === 0) prng.s0 = 1;
    return prng;
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform in [0, 1), in steps of 2^-32. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of, or a negative power. */
  nextOpen(): number {
    return (this.nextUint32() + 1) / TWO_POW_32;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (multiply-shift; bias below 2^-32·n, irrelevant here). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Marsaglia polar method; every other call returns the cached spare). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(this.nextOpen());
  }
}
