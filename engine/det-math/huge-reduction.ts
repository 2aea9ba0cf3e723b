// Payne and Hanek's reduction for angles too large for Cody and Waite's: the angle is an integer times a power of
// two, so multiplying it by many exact bits of 2/π in integer arithmetic gives its quadrant and remainder exactly.
import { HALF_PI_HI, HALF_PI_LO, TWO_OVER_PI_BITS, TWO_OVER_PI_FIXED } from './constants.ts';
import { productError } from './exact-product.ts';

/** Bits of the remainder kept: the remainder of a double is never below 2^-70 or so of its angle's size. */
const KEPT = 128;

/** What a huge-angle reduction gives: `angle` = quadrant × π/2 + r + t, |r + t| ≤ π/4, t below r's last bit. */
export interface Reduced {
  quadrant: number;
  r: number;
  t: number;
}

/** Reduces a finite `angle` with |angle| ≥ 2^20: its quadrant (0 to 3) and the remainder as a double-double. */
export function reduceHuge(angle: number): Reduced {
  const size = angle < 0 ? -angle : angle;
  // Below 2^53 an angle has at most 32 fraction bits here, so angle × 2^32 is an integer; above, the angle is one.
  const scale = size < 2 ** 53 ? 32 : 0;
  const shift = BigInt(scale + TWO_OVER_PI_BITS);
  const product = BigInt(size * 2 ** scale) * TWO_OVER_PI_FIXED;
  let quadrant = product >> shift;
  let fraction = product - (quadrant << shift);
  if (fraction >= 1n << (shift - 1n)) {
    quadrant += 1n;
    fraction -= 1n << shift;
  }
  const kept = fraction >> (shift - BigInt(KEPT));
  const high = Number(kept);
  const fh = high * 2 ** -KEPT;
  const fl = Number(kept - BigInt(high)) * 2 ** -KEPT;
  const sign = angle < 0 ? -1 : 1;
  return { quadrant: Number(BigInt(sign) * quadrant & 3n), ...timesHalfPi(fh * sign, fl * sign) };
}

/** (fh + fl) × π/2 as a double-double, fh × π/2's rounding error recovered exactly. */
function timesHalfPi(fh: number, fl: number): { r: number; t: number } {
  const p = fh * HALF_PI_HI;
  const tail = productError(fh, HALF_PI_HI, p) + fh * HALF_PI_LO + fl * HALF_PI_HI;
  const r = p + tail;
  return { r, t: p - r + tail };
}
