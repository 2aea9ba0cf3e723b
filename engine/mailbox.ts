import type { Thread } from './thread.ts';

/**
 * Whose mailbox `receive` reads in `thread`: its own, or, in a branch of a race, all or timeout, the mailbox of
 * the thread that started it, so `timeout(2, receive())` receives what is sent to the thread that wrote it.
 */
export function mailboxOwner(thread: Thread): Thread {
  let owner = thread;
  while (owner.extra?.group && owner.parent) owner = owner.parent;
  return owner;
}

/** A thread's FIFO of received messages: an array with a moving head, so taking from the front is O(1). */
export class Mailbox {
  private items: unknown[] = [];
  private head = 0;

  /** Messages queued and not yet received. */
  get size(): number {
    return this.items.length - this.head;
  }

  push(message: unknown): void {
    this.items.push(message);
  }

  /** Takes the oldest message; the caller checks `size` first. */
  shift(): unknown {
    const items = this.items;
    const message = items[this.head];
    items[this.head++] = undefined;
    if (this.head === items.length) {
      // Emptied: start over in place, allocating nothing (the usual case: one message in, one out).
      items.length = 0;
      this.head = 0;
    } else if (this.head * 2 >= items.length) {
      // Compact once the dead prefix is as long as the live part: amortised O(1), bounded memory.
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return message;
  }
}
