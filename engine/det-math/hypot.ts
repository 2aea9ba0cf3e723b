// The length of a vector from + - * / and the square root, which IEEE 754 rounds correctly on every engine.

/** Sums of squares of numbers beyond these would overflow or lose bits to underflow: they are scaled first, */
const BIG = 2 ** 500;
const SMALL = 2 ** -500;
/** by this factor or its inverse, which brings the larger between 2^-100 and 2^500. */
const RESCALE = 2 ** 600;

/**
 * √(x² + y²) without overflow or underflow, the same bits on every JavaScript engine (`Math.hypot` is not
 * required to be correctly rounded, and engines differ): within 1 ulp of the true value. Infinity if either is
 * ±Infinity, else NaN if either is NaN.
 *
 * @example
 * ```ts
 * import { detMath } from 'loom-threads';
 * const distance = detMath.hypot(b.x - a.x, b.y - a.y);
 * ```
 */
export function hypot(x: number, y: number): number {
  const ax = x < 0 ? -x : x;
  const ay = y < 0 ? -y : y;
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (ax !== ax || ay !== ay) return NaN;
  const larger = ax > ay ? ax : ay;
  // Scaling by a power of two is exact, so the scaled sum rounds as the unscaled one would without overflow.
  const scale = larger > BIG ? 1 / RESCALE : larger < SMALL ? RESCALE : 1;
  const sx = ax * scale;
  const sy = ay * scale;
  return Math.sqrt(sx * sx + sy * sy) / scale;
}
