import { INSPECTED_STATES } from 'loom-threads';
import type { InspectedEngine } from './inspected.ts';

const CANCELLING = INSPECTED_STATES.indexOf('cancelling');

/** The result of one full sweep over the live threads. */
export interface CensusResult {
  /** Live threads per inspected state (`ready`, `running`, `waiting`, `cancelling`: see `inspectedState`). */
  states: Record<string, number>;
  /** Threads swept. */
  total: number;
}

/**
 * Counts the threads per state, sweeping the live thread list a slice per call so a million threads cost a little
 * each frame rather than a stall. A new sweep starts at most every `everyMs`: the counts are shown a few times a
 * second, and sweeping back to back took a share of every frame at 100k threads.
 *
 * @example
 * ```ts
 * const census = new Census(engine, 250);
 * census.step(100_000, performance.now()); // every frame
 * census.latest?.states.waiting;
 * ```
 */
export class Census {
  /** The last complete sweep, or null before the first one ends. */
  latest: CensusResult | null = null;
  private cursor = 0;
  // Per state number (READY, RUNNING, WAITING), then cancelling: what inspectedState tells, without its strings.
  private counts = [0, 0, 0, 0];
  private sweepStarted = -Infinity;

  constructor(
    private readonly engine: InspectedEngine,
    /** Least time between the starts of two sweeps, ms. */
    private readonly everyMs = 0,
  ) {}

  /**
   * Sweeps up to `maxThreads` more threads; publishes `latest` when the sweep reaches the end. `nowMs` (a clock in
   * ms) tells when a new sweep may start.
   */
  step(maxThreads: number, nowMs = 0): void {
    if (this.cursor === 0) {
      if (nowMs - this.sweepStarted < this.everyMs) return;
      this.sweepStarted = nowMs;
    }
    const threads = this.engine.threads();
    const end = Math.min(threads.length, this.cursor + maxThreads);
    for (let i = this.cursor; i < end; i++) {
      const thread = threads[i]!;
      this.counts[thread.cancelling ? CANCELLING : thread.state]!++;
    }
    this.cursor = end;
    if (end >= threads.length) this.publish(end);
  }

  private publish(total: number): void {
    const states: Record<string, number> = {};
    INSPECTED_STATES.forEach((name, index) => (states[name] = this.counts[index]!));
    this.latest = { states, total };
    this.cursor = 0;
    this.counts = [0, 0, 0, 0];
  }
}
