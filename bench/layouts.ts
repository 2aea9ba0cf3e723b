// Where the `frame` cost goes: the engine against two stripped loops written only for comparison (no state
// machine, cancellation, sub-scripts or errors), each against the round-robin floor. One keeps a record per
// thread (as the engine did until its hot state moved to columns); one keeps the hot state in columns and queues
// slot numbers, as the engine now does. Each design runs in a process of its own, rounds alternating with the
// floor: built in one process, whichever is built second gets the better place in the heap (about 18% at 100k).
// Run: npm run bench:layouts [-- threads ...]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { frameFloor } from './floors.ts';
import { formatTable, grouped, sig } from '../harness/format.ts';
import { interleave, nsPerResume } from './measure.ts';
import { Body, frameEngine, mover } from '../harness/workloads.ts';

type Design = 'engine' | 'records' | 'columns';
const DESIGNS: readonly Design[] = ['engine', 'records', 'columns'];

/** A stand-in for the engine's thread record before the columns: twelve fields in the same order, 120 bytes. */
class ThreadRecord {
  flags = 0;
  gen: Generator;
  value: unknown = undefined;
  parkedIn = -1;
  prev = null;
  next = null;
  slot = -1;
  extra = null;
  stack = null;
  owner = null;
  id: number;
  born = 0;

  constructor(gen: Generator, id: number) {
    this.gen = gen;
    this.id = id;
  }
}

const current = { thread: null as unknown }; // as the engine keeps which thread runs

/** Records in two arrays, swapped each tick. Returns a tick function that resumes every thread once. */
function recordLoop(bodies: readonly Body[]): () => number {
  let ready: ThreadRecord[] = bodies.map((body, i) => new ThreadRecord(mover(body), i));
  let next: ThreadRecord[] = new Array<ThreadRecord>(ready.length);
  let count = ready.length;
  return () => {
    let queued = 0;
    for (let k = 0; k < count; k++) {
      const thread = ready[k]!;
      if ((thread.flags & 7) !== 0) throw new Error('not ready');
      current.thread = thread;
      const result = thread.gen.next(thread.value);
      if (result.done !== true && result.value === undefined) next[queued++] = thread;
      current.thread = null;
    }
    [ready, next, count] = [next, ready, queued];
    return queued;
  };
}

/** The hot state in columns indexed by slot, and queues of slot numbers. */
function columnLoop(bodies: readonly Body[]): () => number {
  const n = bodies.length;
  const flags = new Int32Array(n);
  const values: unknown[] = new Array<unknown>(n).fill(undefined);
  const gens = bodies.map((body) => mover(body));
  const handles = bodies.map((_, id) => ({ id }));
  let ready = Int32Array.from({ length: n }, (_, i) => i);
  let next = new Int32Array(n);
  let count = n;
  return () => {
    let queued = 0;
    for (let k = 0; k < count; k++) {
      const slot = ready[k]!;
      if ((flags[slot]! & 7) !== 0) throw new Error('not ready');
      current.thread = handles[slot];
      const result = gens[slot]!.next(values[slot]);
      if (result.done !== true && result.value === undefined) next[queued++] = slot;
      current.thread = null;
    }
    [ready, next, count] = [next, ready, queued];
    return queued;
  };
}

/** One design against the floor, in this process; prints `{ design, ns, floor }` as JSON. */
async function measureOne(design: Design, threads: number): Promise<void> {
  const loops = { engine: (bodies: readonly Body[]) => frameEngine(bodies).tick, records: recordLoop, columns: columnLoop };
  const tick = loops[design](Body.placed(1, threads));
  const floor = frameFloor(Body.placed(1, threads));
  const ticks = Math.min(200, Math.max(3, Math.round(2e6 / threads)));
  for (let t = 0; t < 50; t++) {
    tick();
    floor.tick();
  }
  const paired = await interleave(7, () => nsPerResume({ tick }, ticks), () => nsPerResume(floor, ticks));
  console.log(JSON.stringify({ design, ns: paired.engine, floor: paired.floor }));
}

function measureApart(design: Design, threads: number): { ns: number; floor: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', design, String(threads)], {
    cwd: join(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { ns: number; floor: number };
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  await measureOne(args[1] as Design, Number(args[2]));
} else {
  const counts = args.length > 0 ? args.map(Number) : [10_000, 100_000, 1_000_000];
  if (!counts.every((n) => Number.isInteger(n) && n > 0)) {
    console.error('usage: npm run bench:layouts [-- threads ...]   (whole numbers, e.g. 10000 100000)');
    process.exit(2);
  }
  const rows: string[][] = [];
  for (const threads of counts) {
    for (const design of DESIGNS) {
      const { ns, floor } = measureApart(design, threads);
      rows.push([design, grouped(threads), sig(floor), sig(ns), `${sig(ns / floor)}x`]);
    }
  }
  console.log(`frame: the engine and two stripped loops, each against the floor in its own process, median of 7 rounds (Node ${process.version})`);
  console.log(formatTable(['design', 'threads', 'floor ns/resume', 'ns/resume', 'ratio'], rows));
}
