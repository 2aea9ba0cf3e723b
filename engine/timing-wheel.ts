import { ThreadList } from './thread-list.ts';
import type { Thread } from './thread.ts';

const BITS = 8;
const SLOTS = 1 << BITS;
const MASK = SLOTS - 1;
const LEVELS = 4;
const SPAN = [1, SLOTS, SLOTS ** 2, SLOTS ** 3];

/**
 * A hierarchical timing wheel of threads keyed by the tick they wake on (`thread.waitOn`).
 * Level L holds threads due within 256^(L+1) ticks; a level's slot is cascaded into the levels below when the
 * wheel reaches it, so a tick costs work for the threads that wake (plus each thread's few cascades),
 * never for the threads still parked.
 */
export class TimingWheel {
  private readonly slots: ThreadList[][] = [];
  private now = 0;
  /** Threads parked in the wheel. */
  size = 0;

  constructor() {
    for (let level = 0; level < LEVELS; level++) {
      this.slots.push(Array.from({ length: SLOTS }, () => new ThreadList()));
    }
  }

  /** Parks `thread` until tick `due` (> the last advanced tick), read back from `thread.waitOn`. */
  insert(thread: Thread, due: number): void {
    thread.waitOn = due;
    this.place(thread, due);
    this.size++;
  }

  /** Takes `thread` out before its tick (cancelled, or woken by something else). */
  remove(thread: Thread): void {
    thread.unlink();
    this.size--;
  }

  /**
   * Advances to tick `now` (one more than the last) and hands every thread due at `now` to `wake`, already
   * unlinked but still counted: waking it detaches it from its wait, which calls `remove`.
   */
  advance(now: number, wake: (thread: Thread) => void): void {
    this.now = now;
    // Higher levels cascade first, so a thread falls through every level it must before level 0 is read.
    for (let level = LEVELS - 1; level > 0; level--) {
      if (now % SPAN[level]! === 0) this.cascade(this.slots[level]![slotOf(now, level)]!);
    }
    const due = this.slots[0]![now & MASK]!;
    for (let thread = due.shift(); thread !== null; thread = due.shift()) wake(thread);
  }

  private cascade(list: ThreadList): void {
    for (let thread = list.shift(); thread !== null; thread = list.shift()) this.place(thread, thread.waitOn as number);
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
