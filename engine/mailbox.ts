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
    const message = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the dead prefix is as long as the live part: amortised O(1), bounded memory.
    if (this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return message;
  }
}
