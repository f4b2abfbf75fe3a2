/**
 * Deterministic randomness. Everything a scenario decides (revisions, task ids, outcomes, durations) comes
 * from these helpers, so one seed always produces the same fake CI.
 */

/** 32-bit string hash (FNV-1a), stable across runs and platforms. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by the seed and the given key parts (no hidden state). */
export function unitFor(seed: number, ...parts: Array<string | number>): number {
  const rng = new Rng(hashString(`${seed}|${parts.join('|')}`));
  rng.next();
  return rng.next();
}

/** Small seeded PRNG (mulberry32) with a few convenience draws. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  hex(chars: number): string {
    let out = '';
    for (let i = 0; i < chars; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A new independent generator derived from this one and a label. */
  fork(label: string): Rng {
    return new Rng(hashString(`${this.next()}|${label}`));
  }
}
