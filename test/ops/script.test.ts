import { describe, expect, expectTypeOf, it } from 'vitest';
import { script, wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('script() sub-scripts', () => {
  it('returns typed values through frames the engine pushes and pops', () => {
    const { engine, steps } = createTestEngine();
    const depths: number[] = [];
    // Inside a named function expression its own name is the raw generator function, so a recursive
    // sub-script calls the wrapper through another name.
    const dive = script(function* descend(n: number): Generator<unknown, string, unknown> {
      depths.push(engine.threads()[0]!.depth);
      if (n === 0) {
        yield;
        return 'bottom';
      }
      return `${n}/${yield* dive(n - 1)}`;
    });
    let result = '';
    const diver = engine.spawn(function* diver() {
      result = yield* dive(3);
    });
    steps(1);
    expect(diver.frames).toEqual(['diver', 'descend', 'descend', 'descend', 'descend']);
    steps(1);
    expect(result).toBe('3/2/1/bottom');
    expect(depths).toEqual([2, 3, 4, 5]);
  });

  it('propagates an error from a sub-script to the caller frame, which can catch it', () => {
    const { engine, steps } = createTestEngine();
    const failing = script(function* failing() {
      yield;
      throw new Error('inner');
    });
    let caught = '';
    engine.spawn(function* caller() {
      try {
        yield* failing();
      } catch (error) {
        caught = (error as Error).message;
      }
    });
    steps(2);
    expect(caught).toBe('inner');
  });

  it('can be spawned directly', () => {
    const { engine, steps } = createTestEngine();
    const count = script(function* count(n: number) {
      yield* wait(n);
      return n;
    });
    const thread = engine.spawn(count, 2);
    expectTypeOf(thread).toEqualTypeOf<Thread<number>>();
    steps(3);
    expect(thread.result).toBe(2);
    expect(thread.name).toBe('count');
  });
});
