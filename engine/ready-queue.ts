import type { Thread } from './thread.ts';

/**
 * The FIFO of READY threads for a tick. A ready thread is never taken out early (cancelling one only changes how
 * it resumes), so a plain array suffices: unlike an intrusive list, queueing touches no other thread's record,
 * which matters when a million threads each run every tick. The array keeps its size; taken slots are cleared so
 * it holds no ended thread.
 */
export class ReadyQueue {
  private items: (Thread | undefined)[] = [];
  private head = 0;
  private tail = 0;

  /** Threads queued and not yet taken. */
  get size(): number {
    return this.tail - this.head;
  }

  push(thread: Thread): void {
    this.items[this.tail++] = thread;
  }

  /** Takes the oldest thread, or null when empty. */
  shift(): Thread | null {
    if (this.head === this.tail) {
      this.head = this.tail = 0;
      return null;
    }
    const thread = this.items[this.head]!;
    this.items[this.head++] = undefined;
    return thread;
  }

  /** Moves every thread of `other` to the end of this queue, in order: O(1) when this one is empty. */
  takeAll(other: ReadyQueue): void {
    if (this.size === 0) {
      const items = this.items;
      this.items = other.items;
      this.head = other.head;
      this.tail = other.tail;
      other.items = items;
      other.head = other.tail = 0;
      return;
    }
    for (let thread = other.shift(); thread !== null; thread = other.shift()) this.push(thread);
  }
}
