import { describe, expect, it } from 'vitest';
import { DeadlockError, all, join, shield, spawn, wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('deadlock', () => {
  it('throws a DeadlockError naming the threads when a join closes a cycle through a race or all branch', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    let caught: unknown = null;
    const a: Thread = engine.spawn(function* first() {
      const second = yield* spawn(function* second() {
        yield;
        yield* join(a); // first waits in all() on a branch that joins second
      });
      try {
        yield* all([join(second)]);
      } catch (error) {
        caught = error;
      }
    });
    steps(3);
    let cause = caught as Error;
    while (cause.cause) cause = cause.cause as Error;
    expect(cause).toBeInstanceOf(DeadlockError);
    expect(cause.message).toBe('join(#1 first) in #2 second would deadlock: #2 second → #1 first → #3 all:0 → #2 second');
    expect((cause as DeadlockError).cycle).toEqual(['#2 second', '#1 first', '#3 all:0', '#2 second']);
    expect([a.stateName, engine.threadCount]).toEqual(['done', 0]);
    expect(takeErrors()).toEqual([]);
  });

  it('throws a DeadlockError when a child joins its parent whose script is over and waits for its children', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    let top: Thread | null = null;
    top = engine.spawn(function* parent() {
      yield* spawn(function* child() {
        // Shielded, so the cancel the parent's end brings waits until this is over.
        yield* shield(
          (function* late() {
            yield* wait(2);
            const third = yield* spawn(function* third() {
              try {
                yield* join(top!);
              } catch (error) {
                message = (error as Error).message;
              }
            });
            yield* join(third);
          })(),
        );
      });
      yield; // the child starts, then the parent's script ends: it waits for the child
    });
    steps(5);
    expect(message).toBe('join(#1 parent) in #3 third would deadlock: #3 third → #1 parent → #2 child → #3 third');
  });
});
