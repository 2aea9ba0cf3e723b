import type { Engine } from './engine.ts';
import type { Thread } from './thread.ts';
import type { ReadyQueue } from './ready-queue.ts';

// Per-tick decay of a thread's average script time: about a one-second half-life at 60 Hz.
const DECAY = 0.9885;

/**
 * Script-time accounting and the per-tick budget. Off by default; while off (and with no budget) the engine runs
 * its bare loop, so it costs nothing. Times are milliseconds from `now` (default `performance.now`).
 *
 * @example
 * ```ts
 * engine.accounting.enabled = true;
 * engine.accounting.budgetMs = 4; // threads that would overrun run first thing next tick
 * engine.step();
 * console.log(engine.accounting.tickMs, engine.accounting.tickResumes, engine.accounting.carriedOver);
 * ```
 */
export class Accounting {
  /** Measure each resume: per-thread time this tick and its decaying average, per-tick totals. */
  enabled = false;
  /** Per-tick script-time budget in ms; 0 for none. The first thread due always runs, so every tick progresses. */
  budgetMs = 0;
  /** A single resume longer than this (ms) is reported to `onSlowResume` (while enabled). */
  slowResumeMs = 4;
  /**
   * Receives slow resumes. Default: console.warn with the thread's label, script and time, at most once per 60
   * ticks (a GC pause lands on whichever thread runs, so warnings come in bursts), counting the ones it held back.
   */
  onSlowResume: (thread: Thread, ms: number) => void = (thread, ms) => this.warnSlow(thread, ms);
  /** The clock, in ms. */
  now: () => number = () => performance.now();
  /** Script time of the last measured tick, in ms. */
  tickMs = 0;
  /** Threads resumed in the last measured tick. */
  tickResumes = 0;
  /** Threads left over by the budget in the last tick, to run first thing in the next. */
  carriedOver = 0;
  /** The threads measured in the last tick, in the order they ran (filled while enabled). */
  readonly resumed: Thread[] = [];
  /**
   * Called at the end of every measured tick (while enabled) with the tick and the threads it measured, in the
   * order they ran; `threadMs(thread)` gives each one's time. A frame may run several ticks: this sees each.
   */
  onTick: ((tick: number, resumed: readonly Thread[]) => void) | null = null;
  private tick = 0;
  private warnedAt = -Infinity;
  private heldBack = 0;

  /** @internal */
  beginTick(tick: number): void {
    this.tick = tick;
    this.tickMs = 0;
    this.tickResumes = 0;
    this.carriedOver = 0;
    this.resumed.length = 0;
  }

  /** Script time of `thread` in ticks it ran, this tick only (0 if it did not run in the last tick). */
  threadMs(thread: Thread): number {
    const extra = thread.extra;
    return extra !== null && extra.msTickOf === this.tick ? extra.msTick : 0;
  }

  /** The thread's script time per tick, averaged with a decay of about a second. */
  threadAverageMs(thread: Thread): number {
    const extra = thread.extra;
    if (extra === null || extra.msTickOf < 0) return 0;
    return extra.msAverage * DECAY ** (this.tick - extra.msTickOf);
  }

  /** @internal Drains `ready` with timing, stopping at the budget. */
  runTimed(engine: Engine, ready: ReadyQueue, run: (engine: Engine, slot: number) => void): void {
    const start = this.now();
    let slot = ready.shift();
    while (slot >= 0) {
      const thread = engine.columns.threads[slot]!;
      const before = this.now();
      run(engine, slot);
      engine.switches++;
      const after = this.now();
      this.tickResumes++;
      if (this.enabled) {
        this.record(thread, after - before);
        this.resumed.push(thread);
      }
      if (this.budgetMs > 0 && after - start >= this.budgetMs && ready.size > 0) {
        this.carriedOver = ready.size;
        break;
      }
      slot = ready.shift();
    }
    this.tickMs = this.now() - start;
    if (this.enabled) this.onTick?.(this.tick, this.resumed);
  }

  private warnSlow(thread: Thread, ms: number): void {
    if (this.tick - this.warnedAt < 60) {
      this.heldBack++;
      return;
    }
    const more = this.heldBack > 0 ? ` (and ${this.heldBack} more since the last warning)` : '';
    console.warn(`[loom] slow resume: ${thread.label} (script ${thread.script.name || 'anonymous'}) ran ${ms.toFixed(2)} ms${more}`);
    this.warnedAt = this.tick;
    this.heldBack = 0;
  }

  private record(thread: Thread, ms: number): void {
    const extra = thread.more();
    extra.resumes++;
    if (extra.msTickOf === this.tick) extra.msTick += ms;
    else {
      const decayed = extra.msTickOf < 0 ? 0 : extra.msAverage * DECAY ** (this.tick - extra.msTickOf);
      extra.msAverage = decayed;
      extra.msTick = ms;
      extra.msTickOf = this.tick;
    }
    extra.msAverage += ms * (1 - DECAY);
    if (ms > this.slowResumeMs) this.onSlowResume(thread, ms);
  }
}
