// `npm run bench:det-math`: what detMath's portable functions cost beside the engine's own Math ones, ns per call
// over arguments of the ranges the sample game uses, measured in alternating rounds in this process; and how far
// their results are from Math's (V8's fdlibm ports), in ulps, over the same arguments; and, for atan and hypot,
// from the true value, computed exactly in integer arithmetic.
import { Random, detMath } from 'loom-threads';
import { exactAngle, ulpsFromExact } from '../test/support/exact-angle.ts';
import { formatTable } from '../harness/format.ts';
import { interleave } from './measure.ts';

const CALLS = 1_000_000;
const ROUNDS = 9;
const random = new Random(7);
const spread = (lo: number, hi: number) => Float64Array.from({ length: CALLS }, () => lo + (hi - lo) * random.next());

/** Arena coordinates differences and angles, as the game's physics and scripts pass them. */
const angles = spread(-2 * Math.PI, 2 * Math.PI);
const far = spread(-1e5, 1e5);
const dx = spread(-1300, 1300);
const dy = spread(-800, 800);

/** ns per call of `f` over every argument, its results summed so that no call can be skipped. */
function nsPerCall(f: (i: number) => number): () => number {
  return () => {
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < CALLS; i++) sum += f(i);
    const ns = ((performance.now() - start) * 1e6) / CALLS;
    if (sum !== sum) throw new Error('a NaN result'); // uses the sum
    return ns;
  };
}

const cases: [string, (i: number) => number, (i: number) => number][] = [
  ['sin (|x| < 2π)', (i) => detMath.sin(angles[i]!), (i) => Math.sin(angles[i]!)],
  ['cos (|x| < 2π)', (i) => detMath.cos(angles[i]!), (i) => Math.cos(angles[i]!)],
  ['sin (|x| < 1e5)', (i) => detMath.sin(far[i]!), (i) => Math.sin(far[i]!)],
  ['atan2 (arena deltas)', (i) => detMath.atan2(dy[i]!, dx[i]!), (i) => Math.atan2(dy[i]!, dx[i]!)],
  ['hypot (arena deltas)', (i) => detMath.hypot(dx[i]!, dy[i]!), (i) => Math.hypot(dx[i]!, dy[i]!)],
];

const bits = new BigInt64Array(1);
const asFloat = new Float64Array(bits.buffer);
/** How many doubles apart two results are: 0 when they are the same bits. */
function ulpsApart(a: number, b: number): number {
  asFloat[0] = a;
  const x = bits[0]!;
  asFloat[0] = b;
  const d = x - bits[0]!;
  return Number(d < 0n ? -d : d);
}

/** The largest distance in ulps, and the share of arguments whose results differ at all. */
function accuracy(ours: (i: number) => number, theirs: (i: number) => number): { max: number; differ: number } {
  let max = 0;
  let differ = 0;
  for (let i = 0; i < CALLS; i++) {
    const ulps = ulpsApart(ours(i), theirs(i));
    if (ulps > 0) differ++;
    if (ulps > max) max = ulps;
  }
  return { max, differ: differ / CALLS };
}

const rows: string[][] = [];
for (const [name, ours, theirs] of cases) {
  const paired = await interleave(ROUNDS, nsPerCall(ours), nsPerCall(theirs));
  const { max, differ } = accuracy(ours, theirs);
  rows.push([name, paired.engine.toFixed(1), paired.floor.toFixed(1), `${paired.ratio.toFixed(2)}x`, String(max), `${(differ * 100).toFixed(1)}%`]);
}
console.log(`detMath against Math, ${CALLS.toLocaleString('en-US')} calls a round, median of ${ROUNDS} alternating rounds:\n`);
const headers = ['function', 'detMath ns', 'Math ns', 'ratio', 'max ulps from Math', 'results differing'];
console.log(formatTable(headers, rows, ['left', 'right', 'right', 'right', 'right', 'right']));

const EXACT_POINTS = 20_000;
/** Arguments in [1/8, 8) (whose doubles times 2^60 are integers, as the exact arithmetic wants). */
const exactArguments = spread(1, 8).subarray(0, EXACT_POINTS).map((x, i) => (i % 2 === 0 ? x : 1 / x));

/** √n for a non-negative integer, rounded down: Newton's steps from above. */
function isqrt(n: bigint): bigint {
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)))) + 1n;
  for (let next = (x + n / x) >> 1n; next < x; next = (x + n / x) >> 1n) x = next;
  return x;
}

let atanError = 0;
let atan2Error = 0;
let hypotError = 0;
for (let i = 0; i < EXACT_POINTS; i++) {
  const x = exactArguments[i]!;
  const y = exactArguments[EXACT_POINTS - 1 - i]!;
  atanError = Math.max(atanError, ulpsFromExact(detMath.atan(x), exactAngle(x, 1)));
  atan2Error = Math.max(atan2Error, ulpsFromExact(detMath.atan2(y, x), exactAngle(y, x)));
  const sumOfSquares = (BigInt(x * 2 ** 60) ** 2n + BigInt(y * 2 ** 60) ** 2n) << 120n; // (x² + y²) × 2^240
  hypotError = Math.max(hypotError, ulpsFromExact(detMath.hypot(x, y), isqrt(sumOfSquares)));
}
const worst = (ulps: number) => `${ulps.toFixed(2)} ulp`;
console.log(`\nagainst the true value, ${EXACT_POINTS.toLocaleString('en-US')} arguments in [1/8, 8): at most atan ${worst(atanError)}, atan2 ${worst(atan2Error)}, hypot ${worst(hypotError)}`);
