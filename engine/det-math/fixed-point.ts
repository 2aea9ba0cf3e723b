// Exact constants for the deterministic math: computed once, in integer (BigInt) arithmetic, which is exact on
// every engine, so no digit of π is typed in by hand.

/**
 * atan(p / q) × 2^bits, to within a few units, by Euler's series
 * atan(x) = Σ 2^2n (n!)² / (2n+1)! · x^(2n+1) / (1+x²)^(n+1), whose terms shrink by x²/(1+x²) ≤ 1/2 for x ≤ 1.
 */
export function atanFixed(p: bigint, q: bigint, bits: number): bigint {
  const guard = 16n;
  const denominator = p * p + q * q;
  let term = ((p * q) << (BigInt(bits) + guard)) / denominator;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n++) {
    sum += term;
    term = (term * 2n * n * p * p) / ((2n * n + 1n) * denominator);
  }
  return sum >> guard;
}

/** π × 2^bits, by Machin's formula π = 16 atan(1/5) − 4 atan(1/239). */
export function piFixed(bits: number): bigint {
  const guard = 8;
  return (16n * atanFixed(1n, 5n, bits + guard) - 4n * atanFixed(1n, 239n, bits + guard)) >> BigInt(guard);
}

/** `value` × 2^-bits (bits ≤ 1000) as two doubles whose sum is it to about 106 bits: the nearest double, then the rest. */
export function toDoubleDouble(value: bigint, bits: number): [number, number] {
  const hi = Number(value);
  const scale = 2 ** -bits;
  return [hi * scale, Number(value - BigInt(hi)) * scale];
}

/**
 * The bits of `value` × 2^-bits weighing less than 2^-from and at least 2^-to, as a double: exact when there are
 * at most 53 of them, else rounded to nearest. `from` is -1 to start at the units bit.
 */
export function bitsBetween(value: bigint, bits: number, from: number, to: number): number {
  const chunk = (value >> BigInt(bits - to)) & ((1n << BigInt(to - from)) - 1n);
  return Number(chunk) * 2 ** -to;
}
