/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the distributions the floor
 * model draws from. Everything the simulator does that looks random comes from one of
 * these, so a seed fixes the whole floor: same seed and options, same events.
 *
 * Math.random is never used: it cannot be seeded, and a replayed demo must be identical.
 */

/** Folds any safe integer (negative, or wider than 32 bits, like a clock reading) into a uint32. */
export function seedToUint32(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b9)) >>> 0;
}

/** splitmix32: spreads a poor seed (0, 1, 2...) over the sfc32 state so nearby seeds diverge at once. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seedToUint32(seed));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // sfc32 wants a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 0x1_0000_0000;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /**
   * True with probability p. Always draws, even for p = 0 or 1, so turning a breach rate
   * up or down does not shift every later draw by itself.
   */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given mean (memoryless waits: patience, incidents). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal by Box-Muller (one value per call; simplicity over speed). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Log-normal given its median and the sigma of its logarithm: the usual shape of talk
   * and after-call times (most short, a long right tail).
   */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Inter-arrival time of a Poisson process with `ratePerMs` events per millisecond. */
  interArrival(ratePerMs: number): number {
    return ratePerMs > 0 ? this.exponential(1 / ratePerMs) : Number.POSITIVE_INFINITY;
  }

  /** A string of n random digits (phone numbers, card tails). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

/** Clamps x into [min, max]. */
export function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
