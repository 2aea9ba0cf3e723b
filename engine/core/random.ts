/**
 * The engine's seeded random generator (sfc32): the same seed and the same inputs give the same run.
 *
 * @example
 * ```ts
 * const engine = new Engine({ seed: 7 });
 * const delay = engine.random.range(0.1, 10); // same sequence every run with seed 7
 * ```
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The seed it started from. */
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed;
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The generator's four words, for state hashes: two runs that drew the same numbers have the same state. */
  get state(): readonly [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max). */
  int(min: number, max: number): number {
    return Math.floor(this.range(min, max));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)]!;
  }
}
