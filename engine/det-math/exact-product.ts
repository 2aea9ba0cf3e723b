// The rounding error of a product, recovered exactly with + - * only (Dekker): JavaScript has no fused multiply-add.

/** 2^27 + 1: multiplying by it and subtracting cuts a double into two halves of 26 bits whose products are exact. */
const SPLITTER = 134217729;

/** a × b − p exactly, where p is the rounded product a × b (barring overflow). */
export function productError(a: number, b: number, p: number): number {
  const aSplit = SPLITTER * a;
  const a1 = aSplit - (aSplit - a);
  const a2 = a - a1;
  const bSplit = SPLITTER * b;
  const b1 = bSplit - (bSplit - b);
  const b2 = b - b1;
  return a1 * b1 - p + a1 * b2 + a2 * b1 + a2 * b2;
}
