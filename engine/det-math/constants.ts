// The constants of the deterministic math, derived from π computed in exact integer arithmetic (fixed-point.ts).
import { atanFixed, bitsBetween, piFixed, toDoubleDouble } from './fixed-point.ts';

/** Fraction bits of the π computed here: enough for the reduction of the largest double (2^1024) by π/2. */
const PI_BITS = 1240;
const PI = piFixed(PI_BITS);
/** π/2 × 2^PI_BITS. */
const HALF_PI = PI >> 1n;

/** Fraction bits of the double-double constants (π, π/2, the atan table). */
const WIDE = 128;
const narrow = (value: bigint) => value >> BigInt(PI_BITS - WIDE);

/** π and π/2 as double-doubles: the nearest double, and what it leaves out. */
export const [PI_HI, PI_LO] = toDoubleDouble(narrow(PI), WIDE);
export const [HALF_PI_HI, HALF_PI_LO] = toDoubleDouble(narrow(HALF_PI), WIDE);

/**
 * π/2 cut into three 33-bit pieces and a rounded rest (Cody and Waite): k × piece is exact for |k| < 2^20, so a
 * multiple of π/2 is taken off an angle with no rounding until the last piece.
 */
export const HALF_PI_1 = bitsBetween(HALF_PI, PI_BITS, -1, 32);
export const HALF_PI_2 = bitsBetween(HALF_PI, PI_BITS, 32, 65);
export const HALF_PI_3 = bitsBetween(HALF_PI, PI_BITS, 65, 98);
export const HALF_PI_4 = bitsBetween(HALF_PI, PI_BITS, 98, 170);

/** 2/π, rounded: picks the nearest multiple of π/2. */
export const TWO_OVER_PI = 1 / HALF_PI_HI;

/** Fraction bits of {@link TWO_OVER_PI_FIXED}: 1024 for the largest double's exponent, the rest for precision. */
export const TWO_OVER_PI_BITS = 1200;
/** 2/π × 2^TWO_OVER_PI_BITS, for reducing huge angles exactly (huge-reduction.ts). */
export const TWO_OVER_PI_FIXED = (1n << BigInt(PI_BITS + TWO_OVER_PI_BITS + 1)) / PI;

/** Steps of the atan table: atan(j / ATAN_STEPS) for j = 0 … ATAN_STEPS. */
export const ATAN_STEPS = 16;

/**
 * atan(j/16) for each j, summed step by step: atan(j/16) − atan((j−1)/16) = atan(16 / (256 + j(j−1))), a small
 * argument whose series needs a few terms, where atan(j/16) itself would need a hundred.
 */
function atanTable(): { hi: Float64Array; lo: Float64Array } {
  const hi = new Float64Array(ATAN_STEPS + 1);
  const lo = new Float64Array(ATAN_STEPS + 1);
  const guard = 8;
  const steps = BigInt(ATAN_STEPS);
  let sum = 0n;
  for (let j = 1; j <= ATAN_STEPS; j++) {
    const k = BigInt(j);
    sum += atanFixed(steps, steps * steps + k * (k - 1n), WIDE + guard);
    [hi[j]!, lo[j]!] = toDoubleDouble(sum >> BigInt(guard), WIDE);
  }
  return { hi, lo };
}

/** atan(j / 16) as double-doubles. */
export const ATAN_TABLE = atanTable();
