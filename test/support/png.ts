/**
 * A compact PNG decoder for test screenshots: 8-bit RGB or RGBA, not interlaced,
 * filter types 0-4. Everything else is rejected with a clear error.
 */
import { crc32, inflateSync } from 'node:zlib';

/** A decoded image: `data` holds `width * height` pixels as RGBA bytes, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS_BY_COLOUR_TYPE: Readonly<Record<number, number>> = { 2: 3, 6: 4 };

interface Header {
  width: number;
  height: number;
  channels: number;
}

/** Decodes a PNG file into RGBA pixels; throws on anything but 8-bit RGB/RGBA, non-interlaced. */
export function decodePng(png: Uint8Array): RgbaImage {
  const buffer = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!SIGNATURE.every((byte, i) => buffer[i] === byte)) throw new Error('Not a PNG: bad signature');
  const { header, idat } = readChunks(buffer);
  const raw = unfilter(inflateSync(idat), header);
  return { width: header.width, height: header.height, data: toRgba(raw, header) };
}

function readChunks(buffer: Buffer): { header: Header; idat: Buffer } {
  let header: Header | undefined;
  const idat: Buffer[] = [];
  for (let offset = SIGNATURE.length; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const typeAndData = buffer.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== buffer.readUInt32BE(offset + 8 + length)) throw new Error('PNG chunk CRC mismatch');
    const type = typeAndData.toString('latin1', 0, 4);
    const data = typeAndData.subarray(4);
    if (type === 'IHDR') header = parseHeader(data);
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  return { header, idat: Buffer.concat(idat) };
}

function parseHeader(data: Buffer): Header {
  const [bitDepth, colourType, , , interlace] = data.subarray(8, 13);
  const channels = CHANNELS_BY_COLOUR_TYPE[colourType ?? -1];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`Unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  return { width: data.readUInt32BE(0), height: data.readUInt32BE(4), channels };
}

/** Reverses the per-row filters; returns the raw samples without the filter-type bytes. */
function unfilter(filtered: Buffer, { width, height, channels }: Header): Uint8Array {
  const stride = width * channels;
  if (filtered.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filterType = filtered[y * (stride + 1)] ?? 0;
    const row = filtered.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    unfilterRow(filterType, row, out, y * stride, stride, channels);
  }
  return out;
}

function unfilterRow(filterType: number, row: Uint8Array, out: Uint8Array, start: number, stride: number, bpp: number): void {
  for (let i = 0; i < stride; i++) {
    const a = i >= bpp ? (out[start + i - bpp] ?? 0) : 0;
    const b = start > 0 ? (out[start - stride + i] ?? 0) : 0;
    const c = i >= bpp && start > 0 ? (out[start - stride + i - bpp] ?? 0) : 0;
    out[start + i] = ((row[i] ?? 0) + predict(filterType, a, b, c)) & 0xff;
  }
}

function predict(filterType: number, a: number, b: number, c: number): number {
  switch (filterType) {
    case 0: return 0;
    case 1: return a;
    case 2: return b;
    case 3: return (a + b) >> 1;
    case 4: return paeth(a, b, c);
    default: throw new Error(`Unknown PNG filter type ${filterType}`);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(raw: Uint8Array, { width, height, channels }: Header): Uint8Array {
  if (channels === 4) return raw;
  const rgba = new Uint8Array(width * height * 4);
  for (let src = 0, dst = 0; src < raw.length; src += 3, dst += 4) {
    rgba.set(raw.subarray(src, src + 3), dst);
    rgba[dst + 3] = 255;
  }
  return rgba;
}
