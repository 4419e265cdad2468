/**
 * A small seeded PRNG (mulberry32) so the synthetic directory, the query
 * mix of the benchmark and the synthetic case records are the same on every
 * run and every machine: figures from two runs
 * must differ because the code changed, not because the data did.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** `k` distinct elements (fewer if the array is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
};

/** A mulberry32 generator seeded with a 32-bit integer. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)]!;
    },
    chance: (p) => next() < p,
    sample: (items, k) => {
      const copy = [...items];
      // Partial Fisher–Yates: only the first k positions are needed.
      for (let i = 0; i < Math.min(k, copy.length); i++) {
        const j = i + int(copy.length - i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, k);
    },
  };
}

/** One key of `odds` (relative weights, not necessarily summing to 1), drawn by weight. */
export function weighted<T>(rng: Rng, odds: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of odds) total += w;
  let x = rng.next() * total;
  for (const [k, w] of odds) {
    x -= w;
    if (x < 0) return k;
  }
  return odds[odds.length - 1]![0];
}

/** Like `weighted`, for fixed odds drawn from many times: the running sums are made once. */
export function weightedTable<T>(odds: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const keys = odds.map(([k]) => k);
  const sums: number[] = [];
  let total = 0;
  for (const [, w] of odds) sums.push((total += w));
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sums[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return keys[lo]!;
  };
}
