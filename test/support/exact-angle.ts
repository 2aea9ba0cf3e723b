// The true values detMath's atan and atan2 are measured against, computed exactly in integer arithmetic.
import { atanFixed, piFixed } from '../../engine/det-math/fixed-point.ts';

/** Fraction bits of the exact values. */
const BITS = 120;

/**
 * atan2(y, x) × 2^120 for x, y in [1/8, 2^10), whose doubles times 2^60 are integers, by the series of the smaller
 * of y/x and x/y (the other is π/2 less it): it converges fast.
 */
export function exactAngle(y: number, x: number): bigint {
  const [yy, xx] = [BigInt(y * 2 ** 60), BigInt(x * 2 ** 60)];
  return y <= x ? atanFixed(yy, xx, BITS) : (piFixed(BITS) >> 1n) - atanFixed(xx, yy, BITS);
}

/** How far `value` is from `exact` × 2^-120, in ulps of `value`. */
export function ulpsFromExact(value: number, exact: bigint): number {
  const next = new Float64Array([value]);
  new BigInt64Array(next.buffer)[0]! += 1n;
  const ulp = next[0]! - value;
  return Math.abs(Number(BigInt(value * 2 ** BITS) - exact) / (ulp * 2 ** BITS));
}
