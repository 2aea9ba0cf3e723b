import type { Thread } from '../core/thread.ts';

/**
 * Tells a thread's own slow code from a pause that merely landed in its resume (a GC, the tab being preempted):
 * a resume timed over the limit is believed only when the thread's next timed resume is over it too. A pause lands
 * on whichever resume happens to run, so twice in a row on the same thread is rare; code that is slow is slow again.
 * The first slow resume is held until then: it is either confirmed (and both count) or dropped (it counted as no
 * thread's in its own tick).
 */
export class SlowConfirmation {
  /** Threads whose last timed resume was slow and unconfirmed, with its time. */
  private readonly held = new Map<Thread, number>();
  /** Threads whose last timed resume was slow and confirmed. */
  private readonly confirmed = new Set<Thread>();

  /**
   * Judges a timed resume of `ms` against `limitMs`. Returns the times to charge to the thread now, oldest first:
   * `[ms]` for a resume under the limit, `[]` for a first slow one (held), `[held, ms]` or `[ms]` for a confirmed one.
   */
  judge(thread: Thread, ms: number, limitMs: number): number[] {
    if (ms < limitMs && this.held.size === 0 && this.confirmed.size === 0) return [ms];
    const held = this.held.get(thread);
    if (ms < limitMs) {
      this.held.delete(thread);
      this.confirmed.delete(thread);
      return [ms];
    }
    if (held !== undefined) {
      this.held.delete(thread);
      this.confirmed.add(thread);
      return [held, ms];
    }
    if (this.confirmed.has(thread)) return [ms];
    this.held.set(thread, ms);
    return [];
  }

  /** Whether `thread`'s last timed resume was slow and is now confirmed (its times in `judge`'s answer are slow). */
  isConfirmed(thread: Thread): boolean {
    return this.confirmed.has(thread);
  }

  /** Forgets ended threads (both sets hold only a few threads: those slow right now). */
  forgetEnded(): void {
    for (const thread of this.held.keys()) if (!thread.alive) this.held.delete(thread);
    for (const thread of this.confirmed) if (!thread.alive) this.confirmed.delete(thread);
  }
}
