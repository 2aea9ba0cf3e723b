import { describe, expect, it } from 'vitest';
import { ReadyQueue } from '../../engine/core/ready-queue.ts';

const capacity = (queue: ReadyQueue): number => (queue as unknown as { items: Int32Array }).items.length;

function drain(queue: ReadyQueue): number[] {
  const out: number[] = [];
  for (let slot = queue.shift(); slot >= 0; slot = queue.shift()) out.push(slot);
  return out;
}

describe('ReadyQueue', () => {
  it('keeps FIFO order while it grows, moving taken room to the front or doubling', () => {
    const queue = new ReadyQueue();
    const order: number[] = [];
    let next = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 900; i++) queue.push(next++);
      for (let i = 0; i < 600; i++) order.push(queue.shift());
    }
    order.push(...drain(queue));
    expect(order).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(capacity(queue)).toBe(4096); // taken room reused: doubled only when less than half the array was taken
    for (let i = 0; i < 600; i++) queue.push(i);
    for (let i = 0; i < 100_000; i++) {
      queue.push(i);
      queue.shift();
    }
    expect(capacity(queue)).toBe(4096); // 600 to 601 queued all along: the array never grows
  });

  it('gives back an array four times too big once drained, and still grows again', () => {
    const queue = new ReadyQueue();
    for (let i = 0; i < 100_000; i++) queue.push(i);
    expect(drain(queue)).toHaveLength(100_000);
    expect(capacity(queue)).toBe(131_072); // drained after holding 100k: kept
    expect([queue.shift(), queue.peek()]).toEqual([-1, -1]);
    expect(capacity(queue)).toBe(131_072); // asked again while empty, it has no filling to judge by: kept
    queue.push(7);
    queue.push(8);
    expect(drain(queue)).toEqual([7, 8]);
    expect(capacity(queue)).toBe(1024); // drained after holding 2: given back
    for (let i = 0; i < 5000; i++) queue.push(i);
    expect(drain(queue)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    for (let i = 0; i < 100_000; i++) queue.push(i);
    drain(queue);
    for (let i = 0; i < 3000; i++) queue.push(i);
    drain(queue);
    expect(capacity(queue)).toBe(6000); // given back down to twice what the last filling needed
  });

  it('takes all of another queue in order, by swapping arrays when it is empty itself', () => {
    const into = new ReadyQueue();
    const from = new ReadyQueue();
    for (const slot of [1, 2, 3]) from.push(slot);
    const fromItems = (from as unknown as { items: Int32Array }).items;
    into.takeAll(from);
    expect((into as unknown as { items: Int32Array }).items).toBe(fromItems);
    from.push(9);
    into.push(4);
    into.takeAll(from); // not empty: appended one by one
    expect([drain(into), from.size]).toEqual([[1, 2, 3, 4, 9], 0]);
  });

  it('counts the oldest slots passing a test, up to the first that fails, at most max, taking none', () => {
    const queue = new ReadyQueue();
    for (const slot of [2, 4, 6, 7, 8]) queue.push(slot);
    queue.shift(); // the count starts at the oldest slot still queued
    const even = (slot: number): boolean => slot % 2 === 0;
    expect([queue.countLeading(10, even), queue.countLeading(1, even), queue.countLeading(0, even)]).toEqual([2, 1, 0]);
    expect(queue.countLeading(10, () => true)).toBe(4); // no further than the last slot queued
    expect(drain(queue)).toEqual([4, 6, 7, 8]);
    expect(queue.countLeading(10, () => true)).toBe(0);
  });
});
