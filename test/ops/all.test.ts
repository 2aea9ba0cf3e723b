import { describe, expect, expectTypeOf, it } from 'vitest';
import { CancelledError, all, script, sleep, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('all()', () => {
  it('returns every result in order, typed', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const double = script(function* double(n: number) {
      yield* wait(n);
      return n * 2;
    });
    engine.spawn(function* gather() {
      const [a, b, c] = yield* all([double(3), double(1), sleep(0)]);
      expectTypeOf(a).toEqualTypeOf<number>();
      expectTypeOf(c).toEqualTypeOf<void>();
      order.push(`${a},${b},${String(c)}@${engine.tick}`);
    });
    steps(6);
    expect(order).toEqual(['6,2,undefined@4']);
  });

  it('cancels the rest on the first failure and throws it once their cleanup is done', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* gather() {
      try {
        yield* all([
          (function* patient() {
            try {
              yield* sleep(10);
            } finally {
              yield;
              order.push(`patient cleaned@${engine.tick}`);
            }
          })(),
          (function* doomed() {
            yield* wait(2);
            throw new Error('doomed');
          })(),
        ]);
      } catch (error) {
        order.push(`${(error as Error).message}@${engine.tick}`);
      }
    });
    steps(6);
    expect(order).toEqual(['patient cleaned@4', 'thread #3 all:1 failed: doomed@4']);
  });

  it('throws CancelledError when a branch is cancelled from outside', () => {
    const { engine, steps } = createTestEngine();
    let caught: unknown;
    const gatherer = engine.spawn(function* gather() {
      try {
        yield* all([sleep(1), sleep(2)]);
      } catch (error) {
        caught = error;
      }
    });
    steps(1);
    gatherer.children[0]!.cancel();
    steps(1);
    expect(caught).toBeInstanceOf(CancelledError);
  });
});
