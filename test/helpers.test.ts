import { describe, expect, it } from 'vitest';
import { createTestEngine } from './helpers.ts';

describe('the test engine', () => {
  // Nothing in this body can fail but the helper's end-of-test check: it.fails passes only if that check fails.
  it.fails('fails a test whose script throws an error the test did not take', () => {
    const { engine, steps } = createTestEngine();
    engine.spawn(function* grunt() {
      throw new Error('failed for the wrong reason');
    });
    steps(1);
  });

  it('hands a test the errors it expects, in order, each once', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const first = engine.spawn(function* first() {
      throw new Error('one');
    });
    const second = engine.spawn(function* second() {
      yield;
      throw new Error('two');
    });
    steps(2);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['one', first], ['two', second]]);
    expect(takeErrors()).toEqual([]);
  });
});
