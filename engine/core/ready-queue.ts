/**
 * The FIFO of READY threads for a tick, by slot (see ThreadColumns). A ready thread is never taken out early
 * (cancelling one only changes how it resumes), and it keeps its slot while queued, so a plain array of slot
 * numbers suffices: queueing touches no thread's record, which matters when a million threads each run every tick.
 * The array grows by doubling, and shrinks once it is four times too big.
 */
export class ReadyQueue {
  private items = new Int32Array(MIN_SIZE);
  private head = 0;
  private tail = 0;

  /** Threads queued and not yet taken. */
  get size(): number {
    return this.tail - this.head;
  }

  push(slot: number): void {
    if (this.tail === this.items.length) this.grow();
    this.items[this.tail++] = slot;
  }

  /** Takes the oldest slot, or -1 when empty. */
  shift(): number {
    if (this.head === this.tail) {
      // Drained. An array over four times what this filling needed is given back: a million threads queued once
      // (spawned in one tick, say) and then asleep would otherwise keep 4 MB. Asked again, empty since, it keeps it.
      if (this.tail > 0 && this.items.length > MIN_SIZE && this.items.length > 4 * this.tail) {
        this.items = new Int32Array(Math.max(MIN_SIZE, 2 * this.tail));
      }
      this.head = this.tail = 0;
      return -1;
    }
    return this.items[this.head++]!;
  }

  /** The oldest slot without taking it, or -1 when empty (then like `shift`). */
  peek(): number {
    return this.head === this.tail ? this.shift() : this.items[this.head]!;
  }

  /** How many of the oldest slots, `max` at most, pass `test`, counting up to the first that does not. */
  countLeading(max: number, test: (slot: number) => boolean): number {
    let count = 0;
    while (count < max && this.head + count < this.tail && test(this.items[this.head + count]!)) count++;
    return count;
  }

  /** Moves every slot of `other` to the end of this queue, in order: O(1) when this one is empty. */
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
    for (let slot = other.shift(); slot >= 0; slot = other.shift()) this.push(slot);
  }

  /**
   * The columns were compacted: each queued slot becomes `moved[slot]` (see ThreadColumns.compact), in the same
   * order, in an array sized afresh to the queue, since the columns shrank with it.
   */
  renumber(moved: Int32Array): void {
    const items = new Int32Array(Math.max(MIN_SIZE, 2 * this.size));
    for (let i = this.head; i < this.tail; i++) items[i - this.head] = moved[this.items[i]!]!;
    this.items = items;
    this.tail -= this.head;
    this.head = 0;
  }

  // Slots before `head` are taken: when they are half the array, the queued ones move to the front instead.
  private grow(): void {
    const count = this.tail - this.head;
    if (this.head >= this.items.length / 2) this.items.copyWithin(0, this.head, this.tail);
    else {
      const items = new Int32Array(this.items.length * 2);
      items.set(this.items.subarray(this.head, this.tail));
      this.items = items;
    }
    this.head = 0;
    this.tail = count;
  }
}

const MIN_SIZE = 1024;
