// Resuming a thread ten sub-scripts deep against resuming one at the top: the engine owns the frame stack and
// resumes the top frame directly, so the depth should not show. Rounds alternate in one process.
// Run: npm run bench:depth [-- threads]
import { Engine, script } from 'loom-threads';
import { formatTable, sig } from '../harness/format.ts';
import { interleave } from './measure.ts';

const THREADS = Number(process.argv[2] ?? 100_000);
const DEPTH = 10;
const TICKS = Math.max(10, Math.round(2_000_000 / THREADS));

/** The innermost frame: waits a tick at a time, forever, counting. */
const tick = script(function* ticking(counter: { n: number }) {
  for (;;) {
    counter.n++;
    yield;
  }
});

/** Calls itself down to `depth` frames, then ticks there. */
const nest = script(function* nested(depth: number, counter: { n: number }): Generator<unknown, void, unknown> {
  if (depth <= 1) yield* tick(counter);
  else yield* nest(depth - 1, counter);
});

/** The same nesting with plain `yield*` delegation, which JavaScript walks level by level on every resume. */
function* nativeTick(counter: { n: number }): Generator<unknown, void, unknown> {
  for (;;) {
    counter.n++;
    yield;
  }
}
function* nativeNest(depth: number, counter: { n: number }): Generator<unknown, void, unknown> {
  if (depth <= 1) yield* nativeTick(counter);
  else yield* nativeNest(depth - 1, counter);
}

/** An engine of `threads` threads parked `depth` frames deep; measures ns per resume over TICKS ticks. */
function setUp(depth: number, native = false): () => number {
  const engine = new Engine();
  const counter = { n: 0 };
  for (let i = 0; i < THREADS; i++) {
    if (native) engine.spawn(nativeNest, depth, counter);
    else engine.spawn(nest, depth, counter);
  }
  for (let i = 0; i < 5; i++) engine.step();
  return () => {
    const before = counter.n;
    const start = performance.now();
    for (let i = 0; i < TICKS; i++) engine.step();
    return ((performance.now() - start) * 1e6) / (counter.n - before);
  };
}

const rows: string[][] = [];
for (const [label, native] of [['script() frames', false], ['plain yield* chain', true]] as const) {
  const paired = await interleave(7, setUp(DEPTH, native), setUp(1, native));
  rows.push([label, String(THREADS), sig(paired.floor), sig(paired.engine), `${sig(paired.ratio)}x`]);
}
console.log(`Resume cost by depth, ${TICKS} ticks a round, median of 7 rounds (Node ${process.version})`);
console.log(formatTable(['sub-scripts as', 'threads', 'depth 1 ns/resume', `depth ${DEPTH} ns/resume`, 'ratio'], rows));
