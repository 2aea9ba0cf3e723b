import { describe, expect, it } from 'vitest';
import { join, sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('engines are independent', () => {
  it('refuses a join of another engine\'s thread, and both thread counts stay right', () => {
    const a = createTestEngine();
    const b = createTestEngine();
    const target = a.engine.spawn(function* sleeper() {
      yield* sleep(1);
    });
    let message = '';
    b.engine.spawn(function* joiner() {
      try {
        yield* join(target);
      } catch (error) {
        message = (error as Error).message;
      }
    });
    b.steps(1);
    expect(message).toBe(`join(${target.label}) in #1 joiner: ${target.label} belongs to another engine`);
    expect([a.engine.threadCount, b.engine.threadCount]).toEqual([1, 0]);
    a.steps(61);
    expect([a.engine.threadCount, b.engine.threadCount]).toEqual([0, 0]);
  });

  it('refuses a step of one engine inside a script of another, and the calling thread goes on', () => {
    const a = createTestEngine();
    const b = createTestEngine();
    const order: string[] = [];
    a.engine.spawn(function* nester() {
      try {
        b.engine.step();
      } catch (error) {
        order.push((error as Error).message);
      }
      yield;
      order.push(`nester goes on@${a.engine.tick}`);
    });
    a.steps(2);
    expect(order).toEqual([
      "engine.step() was called during another engine's tick (from #1 nester): ticks do not nest; step engines from the host loop",
      'nester goes on@2',
    ]);
    expect([a.engine.threadCount, b.engine.tick]).toEqual([0, 0]);
  });

});

describe('an op outside any tick', () => {
  it('a script driven by hand, with no engine, is handed each op and returns what it is resumed with', () => {
    function* byHand(): Generator<unknown, number, unknown> {
      return (yield* sleep(2)) as unknown as number;
    }
    const gen = byHand();
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(String(first.value)).toBe('sleep(2)');
    expect(gen.next(7)).toEqual({ value: 7, done: true });
  });
});
