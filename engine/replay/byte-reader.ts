import { RecordingError } from './recording-error.ts';

/** Options of {@link ByteReader}. */
export interface ByteReaderOptions {
  /** Where the bytes end (default: the array's end). */
  end?: number;
  /** What the bytes are, for errors. Default 'recording'. */
  subject?: string;
  /** The error thrown for bytes that cannot be read. Default {@link RecordingError}. */
  error?: new (message: string) => Error;
}

/**
 * Reads what a {@link ByteWriter} wrote, checking every read against the end: bytes cut short give an error naming
 * what they are and the section they end in (a {@link RecordingError} for a recording), never a crash or a silent
 * zero.
 *
 * @example
 * ```ts
 * const input = new ByteReader(bytes);
 * input.section = 'header';
 * const version = input.uint();
 * new ByteReader(view, { subject: 'view', error: RangeError }).uint(); // a game's own format
 * ```
 */
export class ByteReader {
  private offset = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly end: number;
  private readonly subject: string;
  private readonly error: new (message: string) => Error;
  /** What is being read, for errors: 'header', 'events', ... */
  section = 'start';

  constructor(private readonly data: Uint8Array, options: ByteReaderOptions = {}) {
    this.end = options.end ?? data.length;
    this.subject = options.subject ?? 'recording';
    this.error = options.error ?? RecordingError;
  }

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
      if (scale > 2 ** 46) throw new this.error(`the ${this.subject} is corrupted: a number in its ${this.section} is too long`);
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
      throw new this.error(`the ${this.subject} is corrupted: bad text in its ${this.section}`);
    }
  }

  private truncated(): Error {
    return new this.error(`the ${this.subject} is truncated: it ends inside its ${this.section} (${this.end} bytes)`);
  }
}
