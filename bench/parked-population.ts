// The threads the heap probes weigh, in Node (memory-probe.ts) and in Chromium (heap-page.ts): made and run to a
// steady state here, weighed by the caller before and after.
import { Engine, sleep, useEngine, type CallSites } from 'loom-threads';
import { sleepersFloor, sleepersOpFloor, type Floor } from './floors.ts';
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

/** Every side, as the probe's command line takes them. */
export const PROBE_SIDES: readonly ProbeSide[] = ['engine', 'starless', 'floor', 'op-floor'];

// Ticks run before weighing: 25 s at 60 Hz, past the longest sleep (10 s), so every thread has woken and slept
// again a few times, its script has tiered up, and the heap holds what a steady state holds.
const TICKS = 1500;

/**
 * A probe's population in two steps, for the caller to weigh between them: the first `next()` makes the engine (its
 * fixed cost is not a thread's) and one body per thread; the second starts one thread (or bare generator) per body
 * on `side`, runs them to a steady state and returns a check that all are still there, to call after weighing.
 * The check reads the array of bodies too, so that array is alive at both weighings on every side: left to die once
 * the threads held their bodies, it was freed between the two on some sides and not others (8 B a thread).
 */
export function* population(side: ProbeSide, count: number, callSites: CallSites): Generator<void, () => boolean, void> {
  const bodies = Body.placed(1, count, new Float32Array(2 * count));
  const engine = new Engine({ seed: 1, callSites });
  yield;
  let floor: Floor | null = null;
  if (side === 'engine' || side === 'starless') {
    for (const body of bodies) engine.spawn(side === 'engine' ? sleeper : starlessSleeper, body);
    for (let t = 0; t < TICKS; t++) engine.step();
  } else {
    floor = (side === 'floor' ? sleepersFloor : sleepersOpFloor)(bodies, engine.random);
    for (let t = 0; t < TICKS; t++) floor.tick();
  }
  return () => bodies.length === count && engine.threadCount === (floor === null ? count : 0);
}
