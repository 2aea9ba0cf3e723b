import type { Thread } from './thread.ts';

/**
 * The live threads, densely packed: add and remove are O(1) (a removed thread's place is taken by the last one),
 * and walking them touches no ended thread. Each thread keeps its index in `thread.slot`.
 */
export class ThreadTable {
  private readonly dense: Thread[] = [];

  /** Number of live threads. */
  get size(): number {
    return this.dense.length;
  }

  add(thread: Thread): void {
    thread.slot = this.dense.length;
    this.dense.push(thread);
  }

  remove(thread: Thread): void {
    const last = this.dense.pop()!;
    if (last !== thread) {
      this.dense[thread.slot] = last;
      last.slot = thread.slot;
    }
    thread.slot = -1;
  }

  /** The live thread at `index` (0 ≤ index < size); the order changes as threads end. */
  at(index: number): Thread | undefined {
    return this.dense[index];
  }

  /** A read-only view of the live threads; it changes as threads start and end. */
  view(): readonly Thread[] {
    return this.dense;
  }
}
