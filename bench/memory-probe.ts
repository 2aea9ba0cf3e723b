// Weighs parked threads in a process of its own:
// `node --expose-gc --import tsx bench/memory-probe.ts engine N [callSites]` (callSites 'off' unless given).
// A fresh process keeps the figure clean: in a process that has run other benchmarks, stale references held by
// interpreter frames and leftover heap growth shift heapUsed by as much as the threads themselves weigh.
import { Engine, sleep, useEngine, type CallSites } from 'loom-threads';
import { sleepersFloor, sleepersOpFloor, type Floor } from './floors.ts';
import { heapLimitBytes, settledBytes } from '../harness/memory.ts';
import { Body, sleeper } from '../harness/workloads.ts';

/** The sleepers script with its op yielded without the star (the README's cheaper, untyped form). */
function* starlessSleeper(body: Body) {
  const random = useEngine().random;
  while (true) {
    yield sleep(random.range(0.1, 10));
    body.hop(random);
  }
}

/**
 * Which threads a probe weighs: the sleepers script, the same without the star, bare generators, or bare generators
 * that hand over an op per sleep with `yield*` (see sleepersOpFloor).
 */
export type ProbeSide = 'engine' | 'starless' | 'floor' | 'op-floor';

/** What a probe prints, as JSON on one line. */
export interface ProbeResult {
  side: ProbeSide;
  count: number;
  /** Heap per parked thread (or bare generator), bodies not counted, bytes. */
  bytesPerThread: number;
  /** JS heap in use with them all parked, bodies included, bytes (what the heap limit applies to). */
  heapUsed: number;
  heapLimit: number;
}

// Ticks run before weighing: 25 s at 60 Hz, past the longest sleep (10 s), so every thread has woken and slept
// again a few times, its script has tiered up, and the heap holds what a steady state holds.
const TICKS = 1500;

function probe(side: ProbeSide, count: number, callSites: CallSites): ProbeResult {
  const bodies = Body.placed(1, count, new Float32Array(2 * count));
  const engine = new Engine({ seed: 1, callSites });
  const before = settledBytes();
  let floor: Floor | null = null;
  if (side === 'engine' || side === 'starless') {
    for (const body of bodies) engine.spawn(side === 'engine' ? sleeper : starlessSleeper, body);
    for (let t = 0; t < TICKS; t++) engine.step();
  } else {
    floor = (side === 'floor' ? sleepersFloor : sleepersOpFloor)(bodies, engine.random);
    for (let t = 0; t < TICKS; t++) floor.tick();
  }
  const after = settledBytes();
  // Read both after weighing, so neither can be collected before it.
  if (engine.threadCount !== (floor === null ? count : 0)) {
    throw new Error('memory probe: lost threads');
  }
  return { side, count, bytesPerThread: (after - before) / count, heapUsed: process.memoryUsage().heapUsed, heapLimit: heapLimitBytes() };
}

const [side, countText, callSites = 'off'] = process.argv.slice(2);
const modes: readonly string[] = ['off', 'frames', 'waits'] satisfies CallSites[];
const sides: readonly string[] = ['engine', 'starless', 'floor', 'op-floor'] satisfies ProbeSide[];
if (!sides.includes(side!) || !(Number(countText) > 0) || !modes.includes(callSites)) {
  console.error('usage: node --expose-gc --import tsx bench/memory-probe.ts engine|starless|floor|op-floor COUNT [off|frames|waits]');
  process.exit(2);
}
console.log(JSON.stringify(probe(side as ProbeSide, Number(countText), callSites as CallSites)));
