import { describe, expect, expectTypeOf, it } from 'vitest';
import { ThreadFailedError, race, sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('race()', () => {
  it('returns the first to end with its key, cancels the others and waits for their cleanup', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const order: string[] = [];
    engine.spawn(function* chooser() {
      const r = yield* race({
        slow: (function* slow() {
          try {
            yield* sleep(5);
            return 'slow';
          } finally {
            order.push(`slow cleanup@${engine.tick}`);
            yield* sleep(0.3);
            order.push(`slow gone@${engine.tick}`);
          }
        })(),
        quick: sleep(0.2),
      });
      expectTypeOf(r.winner).toEqualTypeOf<'slow' | 'quick'>();
      order.push(`${String(r.winner)}@${engine.tick}`);
    });
    steps(10);
    expect(order).toEqual(['slow cleanup@3', 'slow gone@6', 'quick@6']);
    expect(engine.threadCount).toBe(0);
  });

  it('throws when the first to end failed', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    let caught: unknown;
    engine.spawn(function* chooser() {
      try {
        yield* race({
          bad: (function* bad() {
            yield;
            throw new Error('lost footing');
          })(),
          idle: sleep(10),
        });
      } catch (error) {
        caught = error;
      }
    });
    steps(3);
    expect(caught).toBeInstanceOf(ThreadFailedError);
    expect(((caught as Error).cause as Error).message).toBe('lost footing');
    expect(takeErrors()).toEqual([]);
  });

  it('cancels its branches when the racing thread is cancelled', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const racer = engine.spawn(function* racer() {
      try {
        yield* race({ a: sleep(10), b: sleep(20) });
      } finally {
        order.push(`racer finally@${engine.tick}`);
      }
    });
    steps(2);
    expect(engine.threadCount).toBe(3);
    racer.cancel();
    steps(1);
    expect(order).toEqual(['racer finally@3']);
    expect(engine.threadCount).toBe(0);
  });
});
