// Bundled into a blank Chromium page by browser-heap.ts: makes a probe's engine and bodies, then its parked threads,
// on request, so the bench can weigh the page's heap between the two through the DevTools protocol.
import type { CallSites } from 'loom-threads';
import { population, type ProbeSide } from './parked-population.ts';

// One probe per page: its population's steps, then its check.
const made: { steps: ReturnType<typeof population> | null; check: (() => boolean) | null } = { steps: null, check: null };

/** Makes the engine and the bodies of `count` threads on `side` (weighed before the threads). */
export function setUp(side: ProbeSide, count: number, callSites: CallSites): void {
  made.steps = population(side, count, callSites);
  made.steps.next();
}

/** Parks the threads and runs them to a steady state. */
export function park(): void {
  made.check = made.steps!.next().value as () => boolean;
}

/** Whether every thread is still there: read after weighing. */
export function check(): boolean {
  return made.check!();
}
