import type { Thread } from '../core/thread.ts';
import type { ThreadColumns } from '../core/thread-columns.ts';

/**
 * Exact resume counts per thread, kept in a column indexed by thread slot: counting a resume is one increment in a
 * dense array, touching no thread record nor even the column of threads, so it stays cheap at a million threads.
 * A slot's count belongs to the thread counted first in it (`owners`, set on its first count), until that thread's
 * script is over: its count then moves to its own record (`ended`), and the slot starts from zero for the next.
 * Counts made while accounting was off are missed, and a slot may have changed hands then: `clear` starts afresh.
 */
export class SlotCounts {
  private owners: (Thread | null)[] = [];
  private counts = new Uint32Array(0);

  /** Counts one resume of the thread in `slot` of `columns`. */
  add(slot: number, columns: ThreadColumns): void {
    if (slot >= this.counts.length) this.grow(slot);
    if (this.counts[slot]!++ === 0) this.owners[slot] = columns.threads[slot]!;
  }

  /**
   * The script of the thread counted in `slot` is over (it ended, or waits for its children, never to resume):
   * its count moves to its record. Returns that thread.
   */
  ended(slot: number): Thread | null {
    const thread = slot < this.owners.length ? this.owners[slot]! : null;
    if (thread === null) return null;
    thread.ensureExtra().resumes = this.counts[slot]!;
    this.owners[slot] = null;
    this.counts[slot] = 0;
    return thread;
  }

  /** The resumes counted for a thread since the last `clear`. */
  of(thread: Thread): number {
    const slot = thread.slot;
    if (slot >= 0 && slot < this.counts.length && this.owners[slot] === thread) return this.counts[slot]!;
    return thread.extra?.resumes ?? 0;
  }

  /** Forgets the counts of live threads (a thread whose script is over keeps its count). */
  clear(): void {
    this.counts.fill(0);
    this.owners.fill(null);
  }

  /**
   * The thread columns were compacted to `size` slots: each slot's count and owner move to `moved[slot]`, and free
   * slots' are dropped.
   */
  renumber(moved: Int32Array, size: number): void {
    if (this.counts.length === 0) return;
    const counts = new Uint32Array(size);
    const owners = new Array<Thread | null>(size).fill(null);
    for (let slot = 0; slot < Math.min(moved.length, this.counts.length); slot++) {
      if (moved[slot]! < 0) continue;
      counts[moved[slot]!] = this.counts[slot]!;
      owners[moved[slot]!] = this.owners[slot]!;
    }
    this.counts = counts;
    this.owners = owners;
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
