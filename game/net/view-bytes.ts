/**
 * A growable little-endian byte buffer for the world view: fixed-width numbers and unsigned varints.
 *
 * @example
 * ```ts
 * const out = new ViewWriter();
 * out.varint(300).u16(8960);
 * out.bytes(); // Uint8Array [172, 2, 0, 35]
 * ```
 */
export class ViewWriter {
  private buffer = new Uint8Array(4096);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  u8(value: number): this {
    this.room(1);
    this.view.setUint8(this.length++, value);
    return this;
  }

  u16(value: number): this {
    this.room(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
    return this;
  }

  u32(value: number): this {
    this.room(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
    return this;
  }

  /** A whole number ≥ 0, seven bits a byte. */
  varint(value: number): this {
    while (value >= 0x80) {
      this.u8((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    return this.u8(value);
  }

  text(value: string): this {
    const encoded = new TextEncoder().encode(value);
    this.varint(encoded.length);
    this.room(encoded.length);
    this.buffer.set(encoded, this.length);
    this.length += encoded.length;
    return this;
  }

  /** The bytes written (a copy). */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** Reads what a {@link ViewWriter} wrote; reading past the end throws a RangeError (a corrupt view). */
export class ViewReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  u8(): number {
    return this.view.getUint8(this.offset++);
  }

  u16(): number {
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  u32(): number {
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  varint(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  }

  text(): string {
    const length = this.varint();
    if (this.offset + length > this.data.byteLength) throw new RangeError('a view text runs past its end');
    const text = new TextDecoder().decode(this.data.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
}
