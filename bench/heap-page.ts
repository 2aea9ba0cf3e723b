// Bundled into a blank Chromium page by browser-heap.ts: makes a probe's engine and bodies, then its parked threads,
// on request, so the bench can weigh the page's heap between the two through the DevTools protocol.
import type { CallSites } from 'loom-threads';
import { parkPopulation, probeSetup, type Population, type ProbeSetup, type ProbeSide } from './parked-population.ts';

// One probe per page: what it has made so far.
const made: { setup: ProbeSetup | null; population: Population | null } = { setup: null, population: null };

/** Makes the engine and the bodies of `count` threads (weighed before the threads). */
export function setUp(count: number, callSites: CallSites): void {
  made.setup = probeSetup(count, callSites);
}

/** Parks the threads of `side` and runs them to a steady state. */
export function park(side: ProbeSide): void {
  made.population = parkPopulation(side, made.setup!);
}

/** Whether every thread is still there: read after weighing. */
export function check(): boolean {
  return made.population!.check();
}
