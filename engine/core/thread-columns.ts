import type { HotThread } from '../hot-reload/hot-reload.ts';
import type { SpawnEntry } from '../diagnostics/spawnings.ts';
import type { ScriptGenerator, Thread } from './thread.ts';

/**
 * The hot state of every live thread, one column per field, indexed by the thread's slot: its flags, its top frame
 * and the thread itself. A plain resume (flags 0: ready, nothing pending) reads the first two and never the
 * thread's record, so a tick of a million threads walks two dense arrays instead of a million scattered records.
 * The price: a thread woken at random touches its record and three columns rather than one record, and a thread
 * that starts or ends moves in and out of the columns (BENCHMARKS.md has what each costs). A slot is reused after
 * its thread ends. Each engine owns its columns, so they go with it. They grow by doubling, and shrink between
 * ticks once few threads live (`dueToShrink`, `compact`), which moves the live threads to the lowest slots: a slot
 * number is good until the next tick starts. The arrays are replaced when the columns grow or shrink: read them
 * afresh after anything that can spawn.
 */
export class ThreadColumns {
  /** `Thread.flags` of the thread in each slot. */
  flags = new Int32Array(INITIAL);
  /** Its top frame; null once its script is over, and in free slots. */
  gens: (ScriptGenerator | null)[] = filled(INITIAL, null);
  /** The thread in each slot; null in free slots. */
  threads: (Thread | null)[] = filled(INITIAL, null);
  /**
   * Where and by whom the thread in each slot was spawned; made on the first spawn with call sites on, so an
   * engine that never captures them has no such column (a record in the thread's extra would cost its extra).
   */
  spawnings: SpawnEntry[] | null = null;
  /** What a hot reload needs to restart the thread in each slot; made on the first spawn with `hotReload` on. */
  hots: (HotThread | null)[] | null = null;
  /**
   * The slot of the thread whose script is executing now, or -1. While a thread runs, its flags still say READY:
   * its state reads as RUNNING because its slot is this one, so a bare `yield` writes no state at all.
   */
  running = -1;
  // Freed slots, reused last-freed first; `used` slots have been handed out since the columns were made or compacted.
  private free: number[] = [];
  private used = 0;
  // Ticks in a row the columns were found sparse before (see `dueToShrink`).
  private sparseTicks = 0;

  /** Slots handed out so far, free ones included: a walk of `threads` up to here sees every live thread. */
  get extent(): number {
    return this.used;
  }

  /** Slots the columns hold, free and never used ones included. */
  get capacity(): number {
    return this.flags.length;
  }

  /**
   * Asked once before each tick: whether to `compact` now, because at the start of each of the last SETTLE_TICKS
   * ticks an eighth of the slots or fewer were live. Right after a compaction a quarter to a half of them are, so
   * between two compactions an eighth of the slots' threads at least have ended: its cost is paid by them. The
   * ticks in a row keep an engine whose threads come and go in waves from shrinking and growing with each wave.
   */
  dueToShrink(): boolean {
    if (this.flags.length === INITIAL || 8 * (this.used - this.free.length) > this.flags.length) this.sparseTicks = 0;
    else this.sparseTicks++;
    return this.sparseTicks >= SETTLE_TICKS;
  }

  /**
   * Moves the live threads down to the lowest slots, in the order of their slots, into columns of the smallest
   * power of two at least twice their number (INITIAL at least), and sets each thread's `slot`. Returns the new slot
   * of each old one (-1 for a free one), for whatever else holds slot numbers. Only between ticks: no thread runs.
   */
  compact(): Int32Array {
    const moved = new Int32Array(this.used).fill(-1);
    let live = 0;
    for (let slot = 0; slot < this.used; slot++) if (this.threads[slot] !== null) moved[slot] = live++;
    let size = INITIAL;
    while (size < 2 * live) size *= 2;
    const flags = new Int32Array(size);
    for (let slot = 0; slot < this.used; slot++) if (moved[slot]! >= 0) flags[moved[slot]!] = this.flags[slot]!;
    this.flags = flags;
    this.gens = copiedTo(this.gens, moved, size);
    this.threads = copiedTo(this.threads, moved, size);
    if (this.spawnings !== null) this.spawnings = copiedTo(this.spawnings, moved, size);
    if (this.hots !== null) this.hots = copiedTo(this.hots, moved, size);
    for (let slot = 0; slot < live; slot++) this.threads[slot]!.slot = slot;
    this.free = [];
    this.used = live;
    this.sparseTicks = 0;
    return moved;
  }

  /** Gives `thread` a slot holding `gen` and flags 0 (see PLAIN_FLAGS); returns the slot. */
  attach(thread: Thread, gen: ScriptGenerator): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.used++;
    if (slot >= this.flags.length) this.grow();
    this.flags[slot] = 0;
    this.gens[slot] = gen;
    this.threads[slot] = thread;
    return slot;
  }

  /** Whether `slot` holds `thread`, with a frame to resume. */
  holdsRunnable(slot: number, thread: Thread): boolean {
    return this.threads[slot] === thread && this.gens[slot] !== null;
  }

  /** Frees `slot` (its thread has ended and keeps its flags and result itself). */
  detach(slot: number): void {
    this.gens[slot] = null;
    this.threads[slot] = null;
    if (this.spawnings !== null) this.spawnings[slot] = null;
    if (this.hots !== null) this.hots[slot] = null;
    this.free.push(slot);
  }

  // Doubling into new arrays of exactly twice the size: arrays grown in place by pushes keep up to half their
  // capacity spare (8 bytes a thread at a million), and stretched ones have holes, each read of which is looked up
  // on the prototype chain.
  private grow(): void {
    const size = this.flags.length * 2;
    const flags = new Int32Array(size);
    flags.set(this.flags);
    this.flags = flags;
    this.gens = copied(this.gens, size);
    this.threads = copied(this.threads, size);
    if (this.spawnings !== null) this.spawnings = copied(this.spawnings, size);
    if (this.hots !== null) this.hots = copied(this.hots, size);
  }

  /** Records how the thread in `slot` was spawned. */
  recordSpawning(slot: number, spawning: SpawnEntry): void {
    (this.spawnings ??= filled(this.flags.length, null))[slot] = spawning;
  }

  /** Records what restarting the thread in `slot` takes. */
  recordHot(slot: number, hot: HotThread): void {
    (this.hots ??= filled(this.flags.length, null))[slot] = hot;
  }
}

const INITIAL = 1024;
// A second at the default 60 ticks a second.
const SETTLE_TICKS = 60;

function filled<T>(size: number, value: T): T[] {
  return new Array<T>(size).fill(value);
}

function copied<T>(from: (T | null)[], size: number): (T | null)[] {
  const to = filled<T | null>(size, null);
  for (let i = 0; i < from.length; i++) to[i] = from[i]!;
  return to;
}

function copiedTo<T>(from: (T | null)[], moved: Int32Array, size: number): (T | null)[] {
  const to = filled<T | null>(size, null);
  for (let slot = 0; slot < moved.length; slot++) if (moved[slot]! >= 0) to[moved[slot]!] = from[slot]!;
  return to;
}
