// Base64 VLQ, the number format of a source map's mappings: five bits a digit, the sixth says another follows,
// and the lowest bit of the first is the sign.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

/**
 * `value` as a source map writes it.
 *
 * @example
 * ```ts
 * encodeVlq(16); // 'gB'
 * ```
 */
export function encodeVlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    text += BASE64[digit];
  } while (rest > 0);
  return text;
}

/**
 * The number written at `at` in `text`, and where the text after it starts.
 *
 * @example
 * ```ts
 * decodeVlq('gBC', 0); // { value: 16, next: 2 }
 * ```
 */
export function decodeVlq(text: string, at: number): { value: number; next: number } {
  let rest = 0;
  let shift = 0;
  let next = at;
  for (;;) {
    const digit = DIGIT.get(text[next++] ?? '');
    if (digit === undefined) throw new Error(`source map: no number at ${at} of its mappings`);
    rest += (digit & 31) * 2 ** shift;
    shift += 5;
    if ((digit & 32) === 0) break;
  }
  const magnitude = Math.floor(rest / 2);
  return { value: rest % 2 === 1 ? -magnitude : magnitude, next };
}
