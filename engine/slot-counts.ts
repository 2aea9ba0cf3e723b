import type { Thread } from './thread.ts';

/**
 * Exact resume counts per thread, kept in a column indexed by thread slot: counting a resume reads two dense arrays
 * and touches no thread record, so it stays cheap at a million threads. A slot remembers the thread it counts for,
 * so a new thread reusing the slot of an ended one starts from zero. A thread that ends keeps its count in its own
 * record (its slot goes to others): `ended` moves it there.
 */
export class SlotCounts {
  private owners: (Thread | null)[] = [];
  private counts = new Uint32Array(0);

  /** Counts one resume of `thread`, which holds `slot`. */
  add(slot: number, thread: Thread): void {
    if (slot >= this.counts.length) this.grow(slot);
    const owner = this.owners[slot];
    if (owner === thread) this.counts[slot]!++;
    else {
      if (owner != null) this.ended(slot, owner); // it ended out of its own resumes (ending with its children)
      this.owners[slot] = thread;
      this.counts[slot] = 1;
    }
  }

  /** `thread`, counted in `slot`, has ended: its count moves to its record. */
  ended(slot: number, thread: Thread): void {
    if (this.owners[slot] === thread) thread.more().resumes = this.counts[slot]!;
  }

  /** The resumes counted for a thread. */
  of(thread: Thread): number {
    const slot = thread.slot;
    if (slot >= 0 && slot < this.counts.length && this.owners[slot] === thread) return this.counts[slot]!;
    return thread.extra?.resumes ?? 0;
  }

  private grow(slot: number): void {
    const size = Math.max(1024, 2 * this.counts.length, slot + 1);
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    this.counts = counts;
    const owners = new Array<Thread | null>(size).fill(null);
    for (let i = 0; i < this.owners.length; i++) owners[i] = this.owners[i]!;
    this.owners = owners;
  }
}
