// `npm run bench:det-math`: what detMath's portable functions cost beside the engine's own Math ones, ns per call
// over arguments of the ranges the sample game uses, measured in alternating rounds in this process.
import { Random, detMath } from 'loom';
import { formatTable } from './format.ts';
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

const rows: string[][] = [];
for (const [name, ours, theirs] of cases) {
  const paired = await interleave(ROUNDS, nsPerCall(ours), nsPerCall(theirs));
  rows.push([name, paired.engine.toFixed(1), paired.floor.toFixed(1), `${paired.ratio.toFixed(2)}x`]);
}
console.log(`detMath against Math, ${CALLS.toLocaleString('en-US')} calls a round, median of ${ROUNDS} alternating rounds:\n`);
console.log(formatTable(['function', 'detMath ns', 'Math ns', 'ratio'], rows, ['left', 'right', 'right', 'right']));
