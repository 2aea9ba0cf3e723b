// Arctangents from + - * / only: atan(u) = atan(c) + atan((u − c) / (1 + u·c)) for the table point c = j/16
// nearest u, which leaves an argument below 1/32 for a short Taylor polynomial.
import { ATAN_STEPS, ATAN_TABLE, HALF_PI_HI, HALF_PI_LO, PI_HI, PI_LO } from './constants.ts';
import { productError } from './exact-product.ts';

// Taylor coefficients (−1)^n / (2n+1); below 1/32 the first term left out is below 2^-75 of the result.
const A3 = -1 / 3;
const A5 = 1 / 5;
const A7 = -1 / 7;
const A9 = 1 / 9;
const A11 = -1 / 11;
const A13 = 1 / 13;

/** atan(u + e) for 0 ≤ u ≤ 1 and e below u's last bit. */
function atanOfUnit(u: number, e: number): number {
  const j = Math.round(u * ATAN_STEPS);
  const c = j / ATAN_STEPS;
  // u − c is exact (u and c are within a factor of two of each other, or c is 0).
  const f = (u - c) / (1 + u * c);
  const z = f * f;
  const poly = f * z * (A3 + z * (A5 + z * (A7 + z * (A9 + z * (A11 + z * A13)))));
  // atan(c) + f kept as a sum of two doubles (Knuth's two-sum), so only the final addition rounds.
  const hi = ATAN_TABLE.hi[j]!;
  const sum = hi + f;
  const fPart = sum - hi;
  const error = (hi - (sum - fPart)) + (f - fPart);
  return sum + (error + poly + ATAN_TABLE.lo[j]! + e / (1 + u * u));
}

/**
 * atan(x + e) for x ≥ 0 (+Infinity included) and e below x's last bit: beyond 1, π/2 − atan(1/x), where 1/x's
 * rounding error, recovered exactly, goes on as the tail.
 */
function atanOfPositive(x: number, e: number): number {
  if (x <= 1) return atanOfUnit(x, e);
  const v = 1 / x;
  return HALF_PI_HI - (atanOfUnit(v, quotientError(1, x, v) - e * v * v) - HALF_PI_LO);
}

/**
 * y/x − q, where q is the rounded quotient y / x: its rounding error, recovered exactly and divided by x. Zero
 * where the recovery would overflow (numbers beyond 2^996), as it is then far below the result's last bit.
 */
function quotientError(y: number, x: number, q: number): number {
  const p = q * x;
  const error = (y - p - productError(q, x, p)) / x;
  return error - error === 0 ? error : 0;
}

/**
 * The arctangent of `x`, in radians, the same bits on every JavaScript engine: about 1 ulp from the true value
 * (BENCHMARKS.md has the measured error). ±π/2 for ±Infinity, NaN for NaN, and −0 for −0.
 *
 * @example
 * ```ts
 * import { detMath } from 'loom-threads';
 * const slope = detMath.atan(dy / dx);
 * ```
 */
export function atan(x: number): number {
  if (x === 0 || x !== x) return x;
  return x < 0 ? -atanOfPositive(-x, 0) : atanOfPositive(x, 0);
}

/**
 * The angle of the point (`x`, `y`) from the +x axis, in (−π, π], the same bits on every JavaScript engine, with
 * `Math.atan2`'s results for zeros, infinities and NaN: about 1 ulp from the true value (BENCHMARKS.md).
 *
 * @example
 * ```ts
 * import { detMath } from 'loom-threads';
 * self.angle = detMath.atan2(target.y - self.y, target.x - self.x);
 * ```
 */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return NaN;
  const negative = y < 0 || (y === 0 && 1 / y < 0);
  const a = angleOfUpperHalf(negative ? -y : y, x);
  return negative ? -a : a;
}

/** atan2(y, x) for y ≥ 0 (or +0): the angle in [0, π]. */
function angleOfUpperHalf(y: number, x: number): number {
  const left = x < 0 || (x === 0 && 1 / x < 0);
  const ax = left ? -x : x;
  if (y === 0) return left ? PI_HI : 0;
  // Straight up is π/2 from either side: π − π/2 would round the other way.
  if (ax === 0 || (y === Infinity && ax !== Infinity)) return HALF_PI_HI;
  // Infinity / Infinity would be NaN: both infinite is the diagonal.
  if (y === Infinity) return left ? PI_HI - (ATAN_TABLE.hi[ATAN_STEPS]! - PI_LO) : ATAN_TABLE.hi[ATAN_STEPS]!;
  const q = y / ax;
  // The quotient's rounding would be most of atan2's error: its exact rest goes on as the tail.
  const t = atanOfPositive(q, quotientError(y, ax, q));
  return left ? PI_HI - (t - PI_LO) : t;
}
