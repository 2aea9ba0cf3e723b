import type { Engine, Thread } from '../../engine/index.ts';

/** One thread of the top list and its script time. */
export interface TopEntry {
  thread: Thread;
  /** Decaying average of its script time per tick, ms (about a one-second half-life). */
  msPerTick: number;
}

/** The result of one full sweep over the live threads. */
export interface CensusResult {
  /** Live threads per state name (`ready`, `running`, `waiting`). */
  states: Record<string, number>;
  /** Threads being cancelled (their `finally` blocks running). */
  cancelling: number;
  /** The threads with the most script time, most first. */
  top: TopEntry[];
  /** Threads swept. */
  total: number;
}

const STATE_NAMES = ['ready', 'running', 'waiting'] as const;

/**
 * Counts the threads per state and finds the ones that use the most script time, sweeping the live thread list a
 * slice per call so a million threads cost a little each frame rather than a stall. Script time comes from
 * `engine.accounting.threadAverageMs` (accounting must be on): the engine keeps it per thread with a one-second
 * decay, so a sweep that takes a fraction of a second still ranks threads by their time over the last second.
 *
 * @example
 * ```ts
 * engine.accounting.enabled = true;
 * const census = new Census(engine, 5);
 * census.step(100_000); // every frame
 * census.latest?.top[0]?.thread.label;
 * ```
 */
export class Census {
  /** The last complete sweep, or null before the first one ends. */
  latest: CensusResult | null = null;
  private cursor = 0;
  private counts = [0, 0, 0];
  private cancelling = 0;
  private top: TopEntry[] = [];

  constructor(
    private readonly engine: Engine,
    /** How many top threads to keep. */
    private readonly topCount: number,
  ) {}

  /** Sweeps up to `maxThreads` more threads; publishes `latest` (and starts over) when the sweep reaches the end. */
  step(maxThreads: number): void {
    const threads = this.engine.threads();
    const accounting = this.engine.accounting;
    const end = Math.min(threads.length, this.cursor + maxThreads);
    for (let i = this.cursor; i < end; i++) {
      const thread = threads[i]!;
      this.counts[thread.state]!++;
      if (thread.cancelling) this.cancelling++;
      const ms = accounting.threadAverageMs(thread);
      if (ms > 0) this.offer(thread, ms);
    }
    this.cursor = end;
    if (end >= threads.length) this.publish(end);
  }

  /** The latest top list with each thread's time read again now: ended threads dropped, re-sorted. */
  freshTop(): TopEntry[] {
    const accounting = this.engine.accounting;
    return (this.latest?.top ?? [])
      .filter((entry) => entry.thread.alive)
      .map((entry) => ({ thread: entry.thread, msPerTick: accounting.threadAverageMs(entry.thread) }))
      .sort((a, b) => b.msPerTick - a.msPerTick);
  }

  // The top list is tiny (a handful of rows), so a sorted insert beats a heap.
  private offer(thread: Thread, msPerTick: number): void {
    const top = this.top;
    if (top.length === this.topCount && msPerTick <= top[top.length - 1]!.msPerTick) return;
    let at = top.length;
    while (at > 0 && top[at - 1]!.msPerTick < msPerTick) at--;
    top.splice(at, 0, { thread, msPerTick });
    if (top.length > this.topCount) top.pop();
  }

  private publish(total: number): void {
    const states: Record<string, number> = {};
    STATE_NAMES.forEach((name, state) => (states[name] = this.counts[state]!));
    this.latest = { states, cancelling: this.cancelling, top: this.top, total };
    this.cursor = 0;
    this.counts = [0, 0, 0];
    this.cancelling = 0;
    this.top = [];
  }
}
