import type { Scheduler } from '../core/scheduler.ts';
import type { Thread } from '../core/thread.ts';
import type { ReadyQueue } from '../core/ready-queue.ts';
import { SlotCounts } from './slot-counts.ts';
import { SlowConfirmation } from './slow-confirmation.ts';

// Per-tick decay of a thread's average script time: about a one-second half-life at 60 Hz.
const DECAY = 0.9885;
/** The most resumes timed as one run: one clock read per 1024 resumes at least. */
const MAX_RUN = 1024;
/** By default, one resume in this many is timed alone. */
const SAMPLE_EVERY = 4096;
/** A heavy run longer than this is split into runs this long at its threads' next resumes, before any is timed alone. */
const SPLIT_RUN = 16;

// How a thread's next resume is timed, per slot (`marks`):
/** In a run of `runLength` (or sampled alone). */
const IN_RUN = 0;
/** In a run of at most SPLIT_RUN: it was in a heavy run longer than that. */
const SPLIT = 1;
/** Alone: it was in a heavy run of at most SPLIT_RUN, or its last timed resume was heavy. */
const ALONE = 2;

/**
 * Script-time accounting and the per-tick budget. Off by default; while off (and with no budget) the engine runs
 * its bare loop, so it costs nothing. Times are milliseconds from `now` (default `performance.now`).
 *
 * Reading the clock around every resume costs more than a light resume itself (far more in Chromium, where
 * `performance.now()` is dear; BENCHMARKS.md has the figures), so accounting samples: it reads the clock once per *run* of resumes, the run's length adapting so
 * a run takes about `runMs`. A run that took `timeAloneMs` or more holds a heavy resume (or a pause): its time is
 * charged to no thread, and its threads are narrowed down at their next resumes: a run longer than 16 is split into
 * runs of 16, and each thread of a heavy run of 16 or fewer is timed alone, for as long as its resumes stay over half
 * `timeAloneMs`. A pause, landing in one run, thus costs a few more clock reads rather than a record per thread of
 * its run. Besides, one resume in `sampleEvery` is timed alone, so light threads are sampled too. So
 * per-thread times are exact for the heavy threads, sampled for light ones; tick totals and resume counts are exact.
 * A sampled resume over `timeAloneMs`, like a heavy run, is charged to no thread until the thread's next resume
 * confirms it heavy; a timed resume over `slowResumeMs` is believed only when the thread's next timed resume is over
 * it too (see SlowConfirmation). A pause (a GC) thus lands on no thread, unless it hits the same one in a row.
 *
 * @example
 * ```ts
 * engine.accounting.enabled = true;
 * engine.accounting.budgetMs = 4; // threads that would overrun run first thing next tick
 * engine.step();
 * console.log(engine.accounting.tickMs, engine.accounting.tickResumes, engine.accounting.timed.length);
 * ```
 */
export class Accounting {
  /** Count resumes and time threads (see above). */
  enabled = false;
  /**
   * Per-tick script-time budget in ms; 0 for none. The first thread due always runs, so every tick progresses.
   * The clock is read between runs, so a tick may overrun by one run (about `runMs`).
   */
  budgetMs = 0;
  /** A resume this long (ms), and the thread's next timed one too, is reported to `onSlowResume` (while enabled). */
  slowResumeMs = 4;
  /** A run of resumes taking this long (ms) has its threads timed alone from their next resume. */
  timeAloneMs = 0.1;
  /**
   * About how long (ms) a run of resumes timed as a whole takes: the clock is read about this often. A clock read
   * costs up to a microsecond in a browser; a light run must stay well under `timeAloneMs`, or it looks heavy.
   */
  runMs = 0.04;
  /** One resume in this many is timed alone, sampling the light threads; 0 for none. */
  sampleEvery = SAMPLE_EVERY;
  /**
   * Receives confirmed slow resumes. Default: console.warn with the thread's label, script and time, at most once
   * per 60 ticks, counting the ones it held back. An error it throws is printed, never let out of `engine.step()`.
   */
  onSlowResume: (thread: Thread, ms: number) => void = (thread, ms) => this.warnSlow(thread, ms);
  /** The clock, in ms. */
  now: () => number = () => performance.now();
  /** Script time of the last measured tick, in ms: exact (the clock is read at its start and end). */
  tickMs = 0;
  /** Threads resumed in the last measured tick. */
  tickResumes = 0;
  /** Threads left over by the budget in the last tick, to run first thing in the next. */
  carriedOver = 0;
  /** Of `tickMs`, the time of runs that held a heavy resume or a pause, and of held slow resumes: charged to no thread. */
  unattributedMs = 0;
  /** Resumes per run now (1 to 1024): the sampling rate is one clock read per this many light resumes. */
  runLength = 1;
  /** The threads timed alone in the last tick, in the order they ran (filled while enabled). */
  readonly timed: Thread[] = [];
  /**
   * Called at the end of every measured tick (while enabled): `timed` and `threadMs(thread)` give what it timed.
   * A frame may run several ticks: this sees each. An error it throws is printed, never let out of `engine.step()`.
   */
  onTick: ((tick: number) => void) | null = null;
  private tick = 0;
  private warnedAt = -Infinity;
  private heldBack = 0;
  private msPerResume = -1;
  private untilSample = SAMPLE_EVERY;
  // Resumes to go until the next one timed alone, in the tick being run: Infinity if it does not sample.
  private countdown = Infinity;
  // The tick being run: whether it records (accounting was on as it began), and the clock at its start.
  private recording = false;
  private tickStart = 0;
  // The run being run: the clock at its start, its kind (the mark of its threads), whether it is a sample, and its
  // one thread if it is timed alone.
  private runStart = 0;
  private runMark = IN_RUN;
  private runSampled = false;
  private runThread: Thread | null = null;
  private wasEnabled = false;
  private readonly counts = new SlotCounts();
  private readonly slow = new SlowConfirmation();
  // Per slot: how the thread in it is to be timed at its next resume (IN_RUN, SPLIT or ALONE).
  private marks = new Uint8Array(0);
  // Slots marked other than IN_RUN: while none is, runs take the next threads without looking at their marks.
  private marked = 0;
  private readonly runSlots = new Int32Array(MAX_RUN);

  /** @internal */
  beginTick(tick: number): void {
    this.tick = tick;
    this.tickMs = 0;
    this.tickResumes = 0;
    this.carriedOver = 0;
    this.unattributedMs = 0;
    this.timed.length = 0;
    this.slow.forgetEnded();
    if (this.enabled && !this.wasEnabled) this.counts.clear();
    this.wasEnabled = this.enabled;
    if (this.sampleEvery > 0) this.untilSample = Math.min(this.untilSample, this.sampleEvery);
  }

  /** Resumes of a thread counted since accounting was last switched on (exact, every resume). */
  resumesOf(thread: Thread): number {
    return this.counts.of(thread);
  }

  /** @internal The script of the thread in `slot` is over: its resume count moves to its record. */
  scriptOver(slot: number): void {
    if (this.enabled) this.counts.ended(slot);
  }

  /** Script time of `thread` in the last tick, ms, if it was timed alone in it; else 0. */
  threadMs(thread: Thread): number {
    const extra = thread.extra;
    return extra !== null && extra.msTickOf === this.tick ? extra.msTick : 0;
  }

  /** The thread's script time per tick in the ticks it was timed alone, averaged with a decay of about a second. */
  threadAverageMs(thread: Thread): number {
    const extra = thread.extra;
    if (extra === null || extra.msTickOf < 0) return 0;
    return extra.msAverage * DECAY ** (this.tick - extra.msTickOf);
  }

  /**
   * @internal The thread columns were compacted to `size` slots between ticks: the marks and counts of each slot
   * move to `moved[slot]` (see ThreadColumns.compact); free slots' are dropped.
   */
  renumber(moved: Int32Array, size: number): void {
    this.counts.renumber(moved, size);
    if (this.marks.length === 0) return;
    const marks = new Uint8Array(size);
    this.marked = 0;
    for (let slot = 0; slot < Math.min(moved.length, this.marks.length); slot++) {
      if (moved[slot]! < 0 || this.marks[slot] === IN_RUN) continue;
      marks[moved[slot]!] = this.marks[slot]!;
      this.marked++;
    }
    this.marks = marks;
  }

  /** @internal Drains `ready` in runs timed as a whole, heavy threads alone, stopping at the budget. */
  runTimed(scheduler: Scheduler, ready: ReadyQueue, run: (scheduler: Scheduler, slot: number) => void): void {
    const length = this.resumeRuns(scheduler, ready, run, this.openTick(scheduler, ready));
    // The queue ran dry before the last run was full.
    if (length > 0) this.nextRun(scheduler, ready, length);
    this.closeTick(scheduler);
  }

  /**
   * The loop every resume goes through, as small as the engine's bare loop, the per-run work called out of it once a
   * run: so the compiler inlines the resume into it first, as it does into the bare loop. Runs from a run of `max`;
   * returns the length of the run left unfinished when `ready` ran dry. Nothing follows the loop: code that has not
   * run by the time the loop is compiled (in the first long tick) would be compiled to bail out, every tick.
   */
  private resumeRuns(scheduler: Scheduler, ready: ReadyQueue, run: (scheduler: Scheduler, slot: number) => void, max: number): number {
    const columns = scheduler.columns;
    const counts = this.recording ? this.counts : null;
    const slots = this.runSlots;
    let length = 0;
    for (let slot = ready.shift(); slot >= 0; slot = ready.shift()) {
      slots[length++] = slot;
      counts?.add(slot, columns);
      run(scheduler, slot);
      if (length === max) {
        max = this.nextRun(scheduler, ready, length);
        length = 0;
        if (max === 0) return 0;
      }
    }
    return length;
  }

  private openTick(scheduler: Scheduler, ready: ReadyQueue): number {
    this.recording = this.enabled;
    this.countdown = this.recording && this.sampleEvery > 0 ? this.untilSample : Infinity;
    this.tickStart = this.runStart = this.now();
    return this.openRun(scheduler, ready);
  }

  private closeTick(scheduler: Scheduler): void {
    if (this.countdown !== Infinity) this.untilSample = this.countdown;
    this.runThread = null; // a handle kept past the tick would keep an ended thread alive
    scheduler.resumes += this.tickResumes;
    this.tickMs = this.runStart - this.tickStart;
    if (this.recording && this.onTick !== null) this.guard('onTick', () => this.onTick?.(this.tick));
  }

  /**
   * Closes the run of `length` resumes just ended and opens the next: returns its length, or 0 once the budget is
   * spent (the rest of `ready` carried over).
   */
  private nextRun(scheduler: Scheduler, ready: ReadyQueue, length: number): number {
    const mark = this.runMark;
    if (this.runSampled) this.countdown = this.sampleEvery;
    else if (mark === IN_RUN) this.countdown -= length;
    this.tickResumes += length;
    const now = this.now();
    this.closeRun(length, now - this.runStart, this.runThread, mark, this.runSampled);
    this.runStart = now;
    if (this.budgetMs > 0 && now - this.tickStart >= this.budgetMs && ready.size > 0) {
      this.carriedOver = ready.size;
      return 0;
    }
    return this.openRun(scheduler, ready);
  }

  /**
   * Sets up the run starting at the head of `ready`: its kind (by the next thread's mark), and its length: up to the
   * kind's, and where threads are marked, no further than the threads queued now with the same mark. Returns the
   * length (0 if `ready` is empty).
   */
  private openRun(scheduler: Scheduler, ready: ReadyQueue): number {
    const next = ready.peek();
    if (next < 0) return 0;
    const marks = this.recording && this.marked > 0 ? this.marks : NO_MARKS;
    const mark = next < marks.length ? marks[next]! : IN_RUN;
    let max = mark === ALONE ? 1 : mark === SPLIT ? SPLIT_RUN : this.runLength;
    const sampled = mark === IN_RUN && this.countdown <= 1;
    if (sampled) max = 1;
    else if (mark === IN_RUN) max = Math.min(max, this.countdown - 1);
    if (marks.length > 0) max = ready.countLeading(max, (slot) => (slot < marks.length ? marks[slot]! : IN_RUN) === mark);
    this.runMark = mark;
    this.runSampled = sampled;
    // A thread timed alone may end in its resume, leaving its slot: it is taken first.
    this.runThread = this.recording && max === 1 ? scheduler.columns.threads[next]! : null;
    return max;
  }

  // A run of one resume is that thread's exact time (`thread`, known when the run ended right after it). Only runs
  // of light threads set the run length: a heavy thread or a pause must not make every run short. A heavy run is
  // charged to no thread and narrowed down at its threads' next resumes (split, or each alone); a light split run
  // goes back to ordinary runs. A heavy sample is treated as a heavy run of one.
  private closeRun(length: number, ms: number, thread: Thread | null, mark: number, sampled: boolean): void {
    const heavy = ms >= this.timeAloneMs;
    if (mark !== ALONE && !heavy) this.adaptRun(ms / length);
    if (!this.enabled) return;
    if (thread !== null && !(sampled && heavy)) {
      this.timedAlone(thread, ms);
      return;
    }
    if (!heavy) {
      if (mark === SPLIT) this.markRun(length, IN_RUN);
      return;
    }
    this.unattributedMs += ms;
    this.markRun(length, length > SPLIT_RUN ? SPLIT : ALONE);
  }

  private adaptRun(msPerResume: number): void {
    this.msPerResume = this.msPerResume < 0 ? msPerResume : this.msPerResume + (msPerResume - this.msPerResume) / 4;
    const target = this.budgetMs > 0 ? Math.min(this.runMs, this.budgetMs / 8) : this.runMs;
    const length = target <= 0 ? 1 : this.msPerResume > 0 ? Math.floor(target / this.msPerResume) : MAX_RUN;
    this.runLength = Math.max(1, Math.min(MAX_RUN, length));
  }

  private timedAlone(thread: Thread, ms: number): void {
    const slot = thread.slot;
    // A thread that ended in this resume has no slot any more; one that got light goes back into runs.
    if (slot >= 0) this.mark(slot, ms >= this.timeAloneMs / 2 ? ALONE : IN_RUN);
    const charged = this.slow.judge(thread, ms, this.slowResumeMs);
    if (charged.length === 0) this.unattributedMs += ms;
    for (const each of charged) this.charge(thread, each);
    if (this.slow.isConfirmed(thread)) for (const each of charged) this.guard('onSlowResume', () => this.onSlowResume(thread, each));
  }

  /** Marks every thread of the run just closed. */
  private markRun(length: number, mark: number): void {
    for (let i = 0; i < length; i++) this.mark(this.runSlots[i]!, mark);
  }

  private mark(slot: number, mark: number): void {
    if (slot >= this.marks.length) {
      if (mark === IN_RUN) return;
      const marks = new Uint8Array(Math.max(1024, 2 * this.marks.length, slot + 1));
      marks.set(this.marks);
      this.marks = marks;
    }
    this.marked += (mark !== IN_RUN ? 1 : 0) - (this.marks[slot] !== IN_RUN ? 1 : 0);
    this.marks[slot] = mark;
  }

  private charge(thread: Thread, ms: number): void {
    const extra = thread.ensureExtra();
    if (extra.msTickOf === this.tick) extra.msTick += ms;
    else {
      extra.msAverage = extra.msTickOf < 0 ? 0 : extra.msAverage * DECAY ** (this.tick - extra.msTickOf);
      extra.msTick = ms;
      extra.msTickOf = this.tick;
      this.timed.push(thread);
    }
    extra.msAverage += ms * (1 - DECAY);
  }

  // Hooks are the user's code: an error in one is printed, like an error hook's, and the tick goes on.
  private guard(hook: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      console.error(`[loom] accounting.${hook} threw:`, error);
    }
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
}

/** No thread marked: what a tick run for the budget alone (accounting off) goes by. */
const NO_MARKS = new Uint8Array(0);
