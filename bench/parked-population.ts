// The threads the heap probes weigh, in Node (memory-probe.ts) and in Chromium (heap-page.ts): made and run to a
// steady state here, weighed by the caller, which makes the engine and the bodies first so they are not counted.
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

export const PROBE_SIDES: readonly ProbeSide[] = ['engine', 'starless', 'floor', 'op-floor'];

// Ticks run before weighing: 25 s at 60 Hz, past the longest sleep (10 s), so every thread has woken and slept
// again a few times, its script has tiered up, and the heap holds what a steady state holds.
const TICKS = 1500;

/** What a probe makes before weighing: an engine (its fixed cost is not a thread's) and `count` bodies. */
export interface ProbeSetup {
  engine: Engine;
  bodies: Body[];
}

/** The engine and bodies for a probe of `count` threads. */
export function probeSetup(count: number, callSites: CallSites): ProbeSetup {
  return { engine: new Engine({ seed: 1, callSites }), bodies: Body.placed(1, count, new Float32Array(2 * count)) };
}

/** A population of parked threads (or bare generators), kept alive until `check` is called. */
export interface Population {
  /** Whether all of them are still there; call it after weighing, so nothing is collected before. */
  check(): boolean;
}

/** Starts one thread (or bare generator) per body on `side` and runs them to a steady state. */
export function parkPopulation(side: ProbeSide, { engine, bodies }: ProbeSetup): Population {
  let floor: Floor | null = null;
  if (side === 'engine' || side === 'starless') {
    for (const body of bodies) engine.spawn(side === 'engine' ? sleeper : starlessSleeper, body);
    for (let t = 0; t < TICKS; t++) engine.step();
  } else {
    floor = (side === 'floor' ? sleepersFloor : sleepersOpFloor)(bodies, engine.random);
    for (let t = 0; t < TICKS; t++) floor.tick();
  }
  return { check: () => engine.threadCount === (floor === null ? bodies.length : 0) };
}
