/**
 * A 64-bit running hash (two 32-bit multiply-xor lanes) of a simulation's state, fed field by field. Numbers are
 * hashed by their exact float64 bits, so any difference in a position shows, however small.
 *
 * @example
 * ```ts
 * const h = new StateHasher();
 * h.int(entity.id); h.number(entity.x); h.string(entity.kind);
 * h.digest(); // '9f3c0a1e77b2d415'
 * ```
 */
export class StateHasher {
  private a = 0x811c9dc5;
  private b = 0x6a09e667;
  private readonly float = new Float64Array(1);
  private readonly words = new Uint32Array(this.float.buffer);

  /** Feeds a 32-bit integer (larger integers are fed by `number`). */
  int(value: number): this {
    this.a = Math.imul(this.a ^ (value | 0), 0x01000193);
    this.b = Math.imul(this.b ^ (value | 0), 0x5bd1e995) ^ (this.b >>> 15);
    return this;
  }

  /** Feeds a number by its exact bits. */
  number(value: number): this {
    this.float[0] = value;
    return this.int(this.words[0]!).int(this.words[1]!);
  }

  bool(value: boolean): this {
    return this.int(value ? 1 : 0);
  }

  /** Feeds a string's length and UTF-16 code units. */
  string(value: string): this {
    this.int(value.length);
    // The int() step, inlined: a state hash feeds thousands of short strings.
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
    return this;
  }

  /** The hash so far, as 16 hex digits. */
  digest(): string {
    const mix = (x: number): string => (Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
    return mix(this.a) + mix(this.b ^ this.a);
  }
}
