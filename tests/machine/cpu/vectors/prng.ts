/**
 * A small seeded PRNG (mulberry32) so that rerunning the generator produces identical
 * instances and therefore identical fixtures.
 */

/** Deterministic random numbers from a 32-bit seed. */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed | 0;
  }

  /** A uniformly random int32. */
  i32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) | 0;
  }

  /** A uniformly random integer in [0, n). */
  below(n: number): number {
    return (this.i32() >>> 0) % n;
  }

  /** An integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return (this.i32() >>> 0) / 4294967296 < p;
  }

  /** A random element of `xs`. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }
}
