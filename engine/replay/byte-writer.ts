/**
 * Appends the pieces of a binary recording: bytes, unsigned and zigzag varints (small numbers take one byte),
 * float64s and length-prefixed UTF-8 strings.
 *
 * @example
 * ```ts
 * const out = new ByteWriter();
 * out.uint(300).sint(-2).text('grunt');
 * out.bytes(); // Uint8Array [172, 2, 3, 5, 103, ...]
 * ```
 */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;
  private readonly encoder = new TextEncoder();

  byte(value: number): this {
    this.room(1);
    this.buffer[this.length++] = value;
    return this;
  }

  /** An integer in [0, 2^53), seven bits a byte, low bits first. */
  uint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`uint: ${value} is not a whole number ≥ 0`);
    while (value >= 0x80) {
      this.byte((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    return this.byte(value);
  }

  /** A signed safe integer, zigzagged so that small magnitudes of either sign take one byte. */
  sint(value: number): this {
    return this.uint(value < 0 ? -2 * value - 1 : 2 * value);
  }

  float(value: number): this {
    this.room(8);
    new DataView(this.buffer.buffer).setFloat64(this.length, value, true);
    this.length += 8;
    return this;
  }

  text(value: string): this {
    const encoded = this.encoder.encode(value);
    this.uint(encoded.length);
    return this.raw(encoded);
  }

  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** The bytes written so far (a copy). */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
