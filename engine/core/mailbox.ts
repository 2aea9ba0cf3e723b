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

/** What {@link Mailbox.takeFirst} returns when no message matches (undefined is a message like any other). */
export const NO_MESSAGE: unique symbol = Symbol('no message');

/**
 * A thread's FIFO of received messages: a ring buffer that doubles when full, so a steady trickle of messages
 * allocates nothing (an array sliced as it drains allocates one per message, garbage that outlives a tick).
 */
export class Mailbox {
  private items: unknown[] = new Array<unknown>(4).fill(undefined);
  private head = 0;
  private count = 0;

  /** Messages queued and not yet received. */
  get size(): number {
    return this.count;
  }

  push(message: unknown): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = message;
    this.count++;
  }

  /** Takes the oldest message; the caller checks `size` first. */
  shift(): unknown {
    const message = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return message;
  }

  /**
   * Takes the oldest message `match` accepts, leaving the others queued in their order; {@link NO_MESSAGE} if none
   * does. What `match` throws goes to the caller, the queue as it was.
   */
  takeFirst(match: (message: unknown) => boolean): unknown {
    const mask = this.items.length - 1;
    for (let i = 0; i < this.count; i++) {
      const message = this.items[(this.head + i) & mask];
      if (match(message)) {
        this.removeAt(i);
        return message;
      }
    }
    return NO_MESSAGE;
  }

  /** The newest message, left queued; the caller checks `size` first. */
  peekNewest(): unknown {
    return this.items[(this.head + this.count - 1) & (this.items.length - 1)];
  }

  /** Takes the newest message; the caller checks `size` first. */
  pop(): unknown {
    const at = (this.head + this.count - 1) & (this.items.length - 1);
    const message = this.items[at];
    this.items[at] = undefined;
    this.count--;
    return message;
  }

  // Closes the gap at position `at` from the nearer end, so taking the oldest (or newest) message costs nothing.
  private removeAt(at: number): void {
    const items = this.items;
    const mask = items.length - 1;
    if (at < this.count - 1 - at) {
      for (let j = at; j > 0; j--) items[(this.head + j) & mask] = items[(this.head + j - 1) & mask];
      items[this.head] = undefined;
      this.head = (this.head + 1) & mask;
    } else {
      for (let j = at; j < this.count - 1; j++) items[(this.head + j) & mask] = items[(this.head + j + 1) & mask];
      items[(this.head + this.count - 1) & mask] = undefined;
    }
    this.count--;
  }

  private grow(): void {
    const old = this.items;
    const items = new Array<unknown>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++) items[i] = old[(this.head + i) & (old.length - 1)];
    this.items = items;
    this.head = 0;
  }
}
