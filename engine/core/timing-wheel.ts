import { ThreadList } from './thread-list.ts';
import type { Thread } from './thread.ts';

// Level 0 spans 4096 ticks (68 s at 60 Hz), so the sleeps of game scripts land there directly and never
// cascade; level 1 spans 2^24 ticks (77 hours) and level 2 2^36 (36 years); a thread due later still cycles
// through level 2 once per 2^36 ticks until its time comes.
const BITS = 12;
const SLOTS = 1 << BITS;
const MASK = SLOTS - 1;
const LEVELS = 3;
const SPAN = [1, SLOTS, SLOTS ** 2];

/**
 * A hierarchical timing wheel of threads keyed by the tick they wake on (`thread.waitOn`).
 * Level L holds threads due within 4096^(L+1) ticks; a level's slot is cascaded into the levels below when the
 * wheel reaches it, so a tick costs work for the threads that wake (plus a long sleeper's one or two
 * cascades), never for the threads still parked.
 */
export class TimingWheel {
  private readonly slots: ThreadList[][] = [];
  private now = 0;
  private readonly moving = new ThreadList();
  /** Threads parked in the wheel. */
  size = 0;

  constructor() {
    for (let level = 0; level < LEVELS; level++) {
      this.slots.push(Array.from({ length: SLOTS }, () => new ThreadList()));
    }
  }

  /** Parks `thread` until tick `due` (> the last advanced tick), which its `waitOn` holds (read back to cascade). */
  insert(thread: Thread, due: number): void {
    this.place(thread, due);
    this.size++;
  }

  /** Takes `thread` out before its tick (cancelled, or woken by something else). */
  remove(thread: Thread): void {
    thread.unlink();
    this.size--;
  }

  /** Advances to tick `now` (one more than the last) and hands every thread due at `now`, taken out, to `wake`. */
  advance(now: number, wake: (thread: Thread) => void): void {
    this.now = now;
    // Higher levels cascade first, so a thread falls through every level it must before level 0 is read.
    for (let level = LEVELS - 1; level > 0; level--) {
      if (now % SPAN[level]! === 0) this.cascade(this.slots[level]![slotOf(now, level)]!);
    }
    const due = this.slots[0]![now & MASK]!;
    for (let thread = due.shift(); thread !== null; thread = due.shift()) {
      this.size--;
      wake(thread);
    }
  }

  // The slot is emptied first: a thread due beyond the top level's span (a wait of years) lands in the same slot
  // again, to cascade once more a span later, and must not be drained again now.
  private cascade(list: ThreadList): void {
    const moving = this.moving;
    moving.takeAll(list);
    for (let thread = moving.shift(); thread !== null; thread = moving.shift()) this.place(thread, thread.waitOn as number);
  }

  private place(thread: Thread, due: number): void {
    const delta = due - this.now;
    let level = 0;
    while (level < LEVELS - 1 && delta >= SPAN[level + 1]!) level++;
    this.slots[level]![slotOf(due, level)]!.push(thread);
  }
}

function slotOf(tick: number, level: number): number {
  return Math.floor(tick / SPAN[level]!) & MASK;
}
