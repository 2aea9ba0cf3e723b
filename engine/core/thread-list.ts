import type { Thread } from './thread.ts';

/** A link in a {@link ThreadList}: a thread, or the list's own sentinel. */
export interface ListNode {
  prev: ListNode | null;
  next: ListNode | null;
}

/**
 * An intrusive FIFO of threads: the links live in the threads themselves, so parking and waking allocate nothing,
 * and any thread can be unlinked in O(1) without knowing which list holds it. A thread is in at most one list;
 * `thread.next !== null` means it is linked.
 */
export class ThreadList implements ListNode {
  prev: ListNode = this;
  next: ListNode = this;

  /** Links `thread` at the tail. */
  push(thread: Thread): void {
    if (thread.next !== null) throw new Error(`internal: ${thread.label} is already in a list`);
    const tail = this.prev;
    thread.prev = tail;
    thread.next = this;
    tail.next = thread;
    this.prev = thread;
  }

  /** Unlinks and returns the head, or null when empty. */
  shift(): Thread | null {
    const head = this.next;
    if (head === this) return null;
    unlink(head as Thread);
    return head as Thread;
  }

  /** Moves every thread of `other`, in order, to the end of this list, in O(1). */
  takeAll(other: ThreadList): void {
    if (other.next === other) return;
    const first = other.next;
    const last = other.prev;
    const tail = this.prev;
    tail.next = first;
    first.prev = tail;
    last.next = this;
    this.prev = last;
    other.next = other.prev = other;
  }

  /** Counts the linked threads (walks the list). */
  count(): number {
    let n = 0;
    for (let node = this.next; node !== this; node = node.next!) n++;
    return n;
  }
}

/** Unlinks a thread from whatever list holds it; does nothing if it is in none. */
export function unlink(thread: ListNode): void {
  if (thread.next === null) return;
  thread.prev!.next = thread.next;
  thread.next.prev = thread.prev;
  thread.prev = null;
  thread.next = null;
}
