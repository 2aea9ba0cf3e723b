// Sine and cosine from + - * / only: the angle less the nearest multiple of π/2 (Cody and Waite's reduction, or
// Payne and Hanek's for huge angles), then a Taylor polynomial on [-π/4, π/4] picked by the quadrant.
import { HALF_PI_1, HALF_PI_2, HALF_PI_3, HALF_PI_4, TWO_OVER_PI } from './constants.ts';
import { reduceHuge } from './huge-reduction.ts';

/** Below this size k × (a 33-bit piece of π/2) is exact, for k up to 2^20. */
const CODY_WAITE_LIMIT = 1.5 * 2 ** 20;
/** Below this size sin x rounds to x and cos x to 1. */
const TINY = 2 ** -27;

// Taylor coefficients 1/n!, signed; on |r| ≤ π/4 the first term left out is below 2^-60 of the result.
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const S11 = -1 / 39916800;
const S13 = 1 / 6227020800;
const S15 = -1 / 1307674368000;
const S17 = 1 / 355687428096000;
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;
const C10 = -1 / 3628800;
const C12 = 1 / 479001600;
const C14 = -1 / 87178291200;
const C16 = 1 / 20922789888000;
const C18 = -1 / 6402373705728000;

/** sin(r + t) for |r| ≤ π/4 and t below r's last bit. */
function sinKernel(r: number, t: number): number {
  const z = r * r;
  const poly = S5 + z * (S7 + z * (S9 + z * (S11 + z * (S13 + z * (S15 + z * S17)))));
  return r + (r * z * (S3 + z * poly) + t * (1 - 0.5 * z));
}

/** cos(r + t) for |r| ≤ π/4: 1 − r²/2 taken with its rounding error recovered, as the rest is small beside it. */
function cosKernel(r: number, t: number): number {
  const z = r * r;
  const half = 0.5 * z;
  const head = 1 - half;
  const poly = C4 + z * (C6 + z * (C8 + z * (C10 + z * (C12 + z * (C14 + z * (C16 + z * C18))))));
  return head + (((1 - head) - half) + (z * z * poly - r * t));
}

/** sin(quadrant × π/2 + r + t). */
function sinInQuadrant(quadrant: number, r: number, t: number): number {
  switch (quadrant & 3) {
    case 0: return sinKernel(r, t);
    case 1: return cosKernel(r, t);
    case 2: return -sinKernel(r, t);
    default: return -cosKernel(r, t);
  }
}

/** The rounding error of `difference` = x − y, exactly (Knuth's two-sum). */
function differenceError(x: number, y: number, difference: number): number {
  const lost = x - difference;
  return (x - (difference + lost)) + (lost - y);
}

/** sin(angle + shift × π/2), for a finite angle: cos is the shift of 1. */
function sinShifted(angle: number, shift: number): number {
  if (!(angle < CODY_WAITE_LIMIT && angle > -CODY_WAITE_LIMIT)) {
    const { quadrant, r, t } = reduceHuge(angle);
    return sinInQuadrant(quadrant + shift, r, t);
  }
  const k = Math.round(angle * TWO_OVER_PI);
  // angle − k·(π/2) piece by piece: the first difference is exact, the next two are kept as a sum of two doubles.
  const a = angle - k * HALF_PI_1;
  const b = k * HALF_PI_2;
  const ab = a - b;
  const c = k * HALF_PI_3;
  const head = ab - c;
  const tail = differenceError(a, b, ab) + differenceError(ab, c, head) - k * HALF_PI_4;
  const r = head + tail;
  return sinInQuadrant(k + shift, r, (head - r) + tail);
}

/**
 * The sine of `angle` (radians), the same bits on every JavaScript engine, for any double: about 1 ulp from the
 * true value (BENCHMARKS.md has the measured error). NaN for NaN and ±Infinity, and −0 for −0.
 *
 * @example
 * ```ts
 * import { detMath } from 'loom-threads';
 * self.vy = detMath.sin(angle) * speed; // replays the same in Node and in every browser
 * ```
 */
export function sin(angle: number): number {
  if (angle === 0 || (angle < TINY && angle > -TINY)) return angle;
  if (angle - angle !== 0) return NaN;
  return sinShifted(angle, 0);
}

/**
 * The cosine of `angle` (radians), the same bits on every JavaScript engine: as {@link sin}. NaN for NaN and
 * ±Infinity.
 *
 * @example
 * ```ts
 * import { detMath } from 'loom-threads';
 * self.vx = detMath.cos(angle) * speed;
 * ```
 */
export function cos(angle: number): number {
  if (angle < TINY && angle > -TINY) return 1;
  if (angle - angle !== 0) return NaN;
  return sinShifted(angle, 1);
}
