import type { Engine } from 'loom';

/** The result of one full sweep over the live threads. */
export interface CensusResult {
  /** Live threads per state name (`ready`, `running`, `waiting`). */
  states: Record<string, number>;
  /** Threads being cancelled (their `finally` blocks running). */
  cancelling: number;
  /** Threads swept. */
  total: number;
}

const STATE_NAMES = ['ready', 'running', 'waiting'] as const;

/**
 * Counts the threads per state, sweeping the live thread list a slice per call so a million threads cost a little
 * each frame rather than a stall.
 *
 * @example
 * ```ts
 * const census = new Census(engine);
 * census.step(100_000); // every frame
 * census.latest?.states.waiting;
 * ```
 */
export class Census {
  /** The last complete sweep, or null before the first one ends. */
  latest: CensusResult | null = null;
  private cursor = 0;
  private counts = [0, 0, 0];
  private cancelling = 0;

  constructor(private readonly engine: Engine) {}

  /** Sweeps up to `maxThreads` more threads; publishes `latest` (and starts over) when the sweep reaches the end. */
  step(maxThreads: number): void {
    const threads = this.engine.threads();
    const end = Math.min(threads.length, this.cursor + maxThreads);
    for (let i = this.cursor; i < end; i++) {
      const thread = threads[i]!;
      this.counts[thread.state]!++;
      if (thread.cancelling) this.cancelling++;
    }
    this.cursor = end;
    if (end >= threads.length) this.publish(end);
  }

  private publish(total: number): void {
    const states: Record<string, number> = {};
    STATE_NAMES.forEach((name, state) => (states[name] = this.counts[state]!));
    this.latest = { states, cancelling: this.cancelling, total };
    this.cursor = 0;
    this.counts = [0, 0, 0];
    this.cancelling = 0;
  }
}
