import { RecordingError } from './recording-error.ts';

/**
 * Reads what a {@link ByteWriter} wrote, checking every read against the end: a recording cut short gives a
 * {@link RecordingError} naming the section it ends in, never a crash or a silent zero.
 *
 * @example
 * ```ts
 * const input = new ByteReader(bytes);
 * input.section = 'header';
 * const version = input.uint();
 * ```
 */
export class ByteReader {
  private offset = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** What is being read, for errors: 'header', 'events', ... */
  section = 'start';

  constructor(private readonly data: Uint8Array, private readonly end = data.length) {}

  /** Whether every byte up to the end has been read. */
  get done(): boolean {
    return this.offset >= this.end;
  }

  /** Bytes read so far. */
  get position(): number {
    return this.offset;
  }

  byte(): number {
    if (this.offset >= this.end) throw this.truncated();
    return this.data[this.offset++]!;
  }

  uint(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      if (scale > 2 ** 46) throw new RecordingError(`the recording is corrupted: a number in its ${this.section} is too long`);
    }
    return value;
  }

  /** A 32-bit unsigned integer, little-endian. */
  u32(): number {
    return (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
  }

  sint(): number {
    const zigzag = this.uint();
    return zigzag % 2 === 1 ? -(zigzag + 1) / 2 : zigzag / 2;
  }

  float(): number {
    if (this.offset + 8 > this.end) throw this.truncated();
    const value = new DataView(this.data.buffer, this.data.byteOffset).getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  text(): string {
    const length = this.uint();
    if (this.offset + length > this.end) throw this.truncated();
    const bytes = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new RecordingError(`the recording is corrupted: bad text in its ${this.section}`);
    }
  }

  private truncated(): RecordingError {
    return new RecordingError(`the recording is truncated: it ends inside its ${this.section} (${this.end} bytes)`);
  }
}
