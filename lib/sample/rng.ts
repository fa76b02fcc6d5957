// The one source of randomness in lib/: a small seeded PRNG, so a seed replays the same
// weights, batches and samples on every backend and in Node (STYLE.md principle 8).

/** A seeded random source. `next()` is uniform in [0, 1); `normal()` is N(0, 1). */
export interface Rng {
  next(): number;
  normal(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** The generator's internal state, so a paused run can be resumed exactly. */
  state(): number;
}

/** mulberry32: 32-bit state, full period 2^32, good enough for ML sampling and cheap in JS. */
export function createRng(seed: number, state?: number): Rng {
  let s = (state ?? hashSeed(seed)) >>> 0;
  let spareNormal: number | null = null;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      // Box–Muller, keeping the second value of each pair.
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    state() {
      return s;
    },
  };
}

/** Spread small consecutive seeds (0, 1, 2 …) over the state space. */
function hashSeed(seed: number): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
