import { describe, expect, it } from 'vitest';
import { Random, detMath } from '../../engine/index.ts';
import { ATAN_TABLE, HALF_PI_1, HALF_PI_2, HALF_PI_3, HALF_PI_4, HALF_PI_HI, HALF_PI_LO, PI_HI, PI_LO } from '../../engine/det-math/constants.ts';
import { atanFixed, toDoubleDouble } from '../../engine/det-math/fixed-point.ts';
import { exactAngle, ulpsFromExact } from '../support/exact-angle.ts';

const bits = (x: number): bigint => new BigInt64Array(new Float64Array([x]).buffer)[0]!;
const fromBits = (b: bigint): number => new Float64Array(new BigInt64Array([b]).buffer)[0]!;
/** How many doubles apart two finite numbers of the same sign are. */
const ulpsApart = (a: number, b: number): number => Math.abs(Number(bits(a) - bits(b)));
const hex = (x: number): string => new BigUint64Array(new Float64Array([x]).buffer)[0]!.toString(16);

/** `count` points spread over [lo, hi), the same every run. */
function points(lo: number, hi: number, count = 20_000): number[] {
  const random = new Random(13);
  return Array.from({ length: count }, () => lo + (hi - lo) * random.next());
}

function maxUlps(xs: number[], ours: (x: number) => number, reference: (x: number) => number): number {
  return Math.max(...xs.map((x) => ulpsApart(ours(x), reference(x))));
}

describe('detMath against Math (V8 in Node: fdlibm, itself within 1 ulp)', () => {
  it.each([
    ['game angles', -10, 10],
    ['a million radians', -1e6, 1e6],
    ['Payne-Hanek reduction', 2e6, 1e22],
    ['the largest doubles', 1e290, 1e308],
  ])('sin and cos within 1 ulp over %s', (_, lo, hi) => {
    const xs = points(lo, hi);
    expect(maxUlps(xs, detMath.sin, Math.sin)).toBeLessThanOrEqual(1);
    expect(maxUlps(xs, detMath.cos, Math.cos)).toBeLessThanOrEqual(1);
  });

  it('sin and cos near multiples of π/2, where the reduction cancels most bits', () => {
    const xs = Array.from({ length: 2000 }, (_, k) => fromBits(bits(k * HALF_PI_HI) + BigInt((k % 5) - 2))).filter((x) => x > 0);
    expect(maxUlps(xs, detMath.sin, Math.sin)).toBeLessThanOrEqual(1);
    expect(maxUlps(xs, detMath.cos, Math.cos)).toBeLessThanOrEqual(1);
  });

  it('atan2 within 1 ulp all round the circle, hypot within 2', () => {
    const ys = points(-500, 500, 5000);
    const xs = points(-500, 500, 5000).reverse();
    const atan2 = ys.map((y, i) => ulpsApart(detMath.atan2(y, xs[i]!), Math.atan2(y, xs[i]!)));
    const hypot = ys.map((y, i) => ulpsApart(detMath.hypot(xs[i]!, y), Math.hypot(xs[i]!, y)));
    expect(Math.max(...atan2)).toBeLessThanOrEqual(1);
    expect(Math.max(...hypot)).toBeLessThanOrEqual(2);
  });

  it('atan and atan2 within about 1 ulp of the true value (computed exactly in integer arithmetic)', () => {
    const ys = points(1, 800, 3000);
    const xs = points(1, 1000, 3000).reverse();
    const atan = points(1, 8, 1000).flatMap((x) => [x, 1 / x]).map((x) => ulpsFromExact(detMath.atan(x), exactAngle(x, 1)));
    const atan2 = ys.map((y, i) => ulpsFromExact(detMath.atan2(y, xs[i]!), exactAngle(y, xs[i]!)));
    expect(Math.max(...atan)).toBeLessThan(1);
    expect(Math.max(...atan2)).toBeLessThan(1.1);
  });
});

describe('detMath special values', () => {
  it('sin and cos: NaN for NaN and infinities, zeros keep their sign', () => {
    for (const x of [NaN, Infinity, -Infinity]) expect([detMath.sin(x), detMath.cos(x)]).toEqual([NaN, NaN]);
    expect(Object.is(detMath.sin(-0), -0)).toBe(true);
    expect(Object.is(detMath.sin(0), 0)).toBe(true);
    expect([detMath.cos(0), detMath.cos(-0), detMath.sin(1e-300), detMath.sin(-Number.MIN_VALUE)]).toEqual([1, 1, 1e-300, -Number.MIN_VALUE]);
    expect(detMath.sin(Number.MAX_VALUE)).toBe(Math.sin(Number.MAX_VALUE));
    expect(detMath.cos(-Number.MAX_VALUE)).toBe(Math.cos(-Number.MAX_VALUE));
  });

  it('atan and atan2: the results Math gives for zeros, infinities and NaN', () => {
    expect([detMath.atan(Infinity), detMath.atan(-Infinity), detMath.atan(NaN)]).toEqual([Math.PI / 2, -Math.PI / 2, NaN]);
    expect(Object.is(detMath.atan(-0), -0)).toBe(true);
    const specials = [0, -0, 1, -1, Infinity, -Infinity, NaN];
    for (const y of specials) {
      for (const x of specials) expect([y, x, detMath.atan2(y, x)]).toEqual([y, x, Math.atan2(y, x)]);
    }
  });

  it('hypot: Infinity beats NaN, no overflow or underflow on the way', () => {
    expect([detMath.hypot(Infinity, NaN), detMath.hypot(NaN, -Infinity), detMath.hypot(NaN, 1), detMath.hypot(0, -0)]).toEqual([Infinity, Infinity, NaN, 0]);
    expect(detMath.hypot(3e300, 4e300)).toBe(5e300);
    expect(detMath.hypot(3e-310, 4e-310)).toBe(Math.hypot(3e-310, 4e-310));
    expect(detMath.hypot(5e-324, 0)).toBe(5e-324);
    expect(detMath.hypot(-3, 4)).toBe(5);
  });

  it('π and π/2 come out of the integer arithmetic as Math has them', () => {
    expect([PI_HI, HALF_PI_HI, PI_LO, HALF_PI_LO]).toEqual([Math.PI, Math.PI / 2, 1.2246467991473532e-16, 6.123233995736766e-17]);
    expect(HALF_PI_1 + HALF_PI_2 + HALF_PI_3 + HALF_PI_4).toBe(Math.PI / 2);
    // The three pieces have 33 bits each: times any k below 2^20 they are exact.
    for (const piece of [HALF_PI_1, HALF_PI_2, HALF_PI_3]) expect(bits(piece) & ((1n << 20n) - 1n)).toBe(0n);
  });

  it('the atan table, summed from small steps, is atan(j/16) summed directly', () => {
    const direct = Array.from({ length: 17 }, (_, j) => toDoubleDouble(atanFixed(BigInt(j), 16n, 128), 128));
    expect(direct.map(([hi]) => hi)).toEqual([...ATAN_TABLE.hi]);
    expect(direct.map(([, lo]) => lo)).toEqual([...ATAN_TABLE.lo]);
  });
});

describe('detMath golden values', () => {
  // Pinned bit patterns: the functions use only operations IEEE 754 rounds exactly, so these hold on every engine;
  // a change to the code (or an engine that broke the rule) shows here.
  const angles = [0.5, -1, 2, 3.141592653589793, 10, -100.25, 12345.678, 1e6 + 0.1, 1e22, -1e300];
  it('sin and cos', () => {
    expect(angles.map((x) => hex(detMath.sin(x)))).toEqual(['3fdeaee8744b05f0', 'bfeaed548f090cee', '3fed18f6ead1b446', '3ca1a62633145c07', 'bfe1689ef5f34f52',
      '3fd1bf00980dc35c', 'bfe687d5890974a5', 'bfd04d6d8e2aef7d', 'bfeb453ab76bf397', '3fea2c16b010e385']);
    expect(angles.map((x) => hex(detMath.cos(x)))).toEqual(['3fec1528065b7d50', '3fe14a280fb5068c', 'bfdaa22657537205', 'bff0000000000000', 'bfead9ac890c6b1f',
      '3feebec72ba6b0ec', '3fe6b94c3bbe24b8', '3feef1c5e8cbb69a', '3fe0be2cef01c8f4', 'bfe2699022adc4c1']);
  });

  it('atan, atan2 and hypot', () => {
    expect([0.1, 0.5, 1, 2.5, 1e10].map((x) => hex(detMath.atan(x)))).toEqual(['3fb983e282e2cc4d', '3fddac670561bb4f', '3fe921fb54442d18', '3ff30b6d796a4da8', '3ff921fb543d4de0']);
    expect([[1, 2], [-3, 0.5], [-0.25, -7], [4, -4]].map(([y, x]) => hex(detMath.atan2(y!, x!)))).toEqual(['3fddac670561bb4f', 'bff67d8863bc99bd', 'c008d8deb6788b7a', '4002d97c7f3321d2']);
    expect([[1, 2], [3.3, 4.4], [1e-5, 7]].map(([x, y]) => hex(detMath.hypot(x!, y!)))).toEqual(['4001e3779b97f4a8', '4016000000000000', '401c000000001f6a']);
  });
});
