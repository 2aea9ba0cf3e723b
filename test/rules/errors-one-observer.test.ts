import { describe, expect, it } from 'vitest';
import {
  ChildFailedError, all, isCancellation, join, race, receive, shield, sleep, spawn, timeout, wait, type Thread,
} from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// Every failure reaches exactly one observer: a joiner, the parent, a race/all/timeout, or the error hook.

function* failAfter(ticks: number, message: string) {
  yield* wait(ticks);
  throw new Error(message);
}

/** The messages of the causes of what a catch saw, innermost cause first: `broke` for a ChildFailedError of it. */
function causeOf(error: unknown): string {
  let e = error as Error;
  while (e.cause) e = e.cause as Error;
  return e.message;
}

describe('every failure reaches exactly one observer', () => {
  it('throws the failure from a timeout whose joined thread fails in the tick the timeout fires', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    engine.spawn(function* boss() {
      const w = yield* spawn(failAfter, 6, 'late failure'); // wakes in tick 7, as the timeout's sleep
      try {
        const r = yield* timeout(0.1, join(w));
        seen.push(`returned ${JSON.stringify(r)}`);
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
    });
    steps(10);
    expect(seen).toEqual(['ThreadFailedError: late failure@7']);
    expect(takeErrors()).toEqual([]);
  });

  it('throws both of two children that fail in one tick into the parent, one per wait, in order', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    engine.spawn(function* parent() {
      yield* spawn(failAfter, 2, 'first');
      yield* spawn(failAfter, 2, 'second');
      for (let i = 0; i < 3; i++) {
        try {
          yield* sleep(1);
        } catch (error) {
          seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
        }
      }
    });
    steps(200);
    expect(seen).toEqual(['ChildFailedError: first@3', 'ChildFailedError: second@3']); // the next wait, at once
    expect(takeErrors()).toEqual([]);
  });

  it('hands the error hook the child failures a parent could not take before its script ended', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const parent = engine.spawn(function* parent() {
      yield* spawn(failAfter, 1, 'first');
      yield* spawn(failAfter, 1, 'second');
      try {
        yield* sleep(1);
      } catch {
        return 'stopped at the first';
      }
    });
    steps(5);
    expect(parent.result).toBe('stopped at the first');
    expect(takeErrors().map((e) => [e.error instanceof ChildFailedError, causeOf(e.error), e.thread])).toEqual([[true, 'second', parent]]);
  });

  it('keeps a message handed to a ready thread, and throws a child failure at its next wait instead', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    const receiver = engine.spawn(function* receiver() {
      yield* spawn(function* child() {
        yield; // queued for tick 2 ahead of the receiver, which the send wakes between ticks
        throw new Error('child broke');
      });
      try {
        seen.push(`got ${String(yield* receive<string>())}@${engine.tick}`);
        yield* sleep(1);
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
    });
    steps(1);
    receiver.send('hello'); // the receiver is ready with it when the child fails in tick 2, just before it runs
    steps(3);
    expect(seen).toEqual(['got hello@2', 'ChildFailedError: child broke@2']);
    expect(takeErrors()).toEqual([]);
  });

  it('throws a pending error into a ready thread that is cancelled, then its cancel at the next wait', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    let joiner = null as unknown as Thread;
    engine.spawn(function* boss() {
      const failing = yield* spawn(failAfter, 1, 'broke');
      joiner = yield* spawn(function* joiner() {
        try {
          yield* join(failing);
        } catch (error) {
          seen.push(`${(error as Error).name}: ${causeOf(error)}`);
        }
        try {
          yield;
        } catch (error) {
          seen.push(`cancelled at the next wait: ${isCancellation(error)}`);
          throw error;
        }
      });
      yield* sleep(1);
    });
    steps(2); // the failing thread ended in tick 2, after the joiner ran: the joiner is ready with the failure
    expect(joiner.stateName).toBe('ready');
    joiner.cancel();
    steps(1);
    expect(seen).toEqual(['ThreadFailedError: broke', 'cancelled at the next wait: true']);
    expect(joiner.stateName).toBe('cancelled');
    expect(takeErrors()).toEqual([]);
  });

  it('sends a race branch failure that comes in after its owner was cancelled to the error hook', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const racer = engine.spawn(function* racer() {
      yield* race({
        held: shield(failAfter(3, 'failed while its owner cleaned up')), // the cancel waits; the failure does not
        idle: sleep(10),
      });
    });
    steps(1);
    racer.cancel();
    steps(10);
    expect(takeErrors().map((e) => [e.error instanceof ChildFailedError, causeOf(e.error), e.thread])).toEqual([
      [true, 'failed while its owner cleaned up', racer],
    ]);
    expect(racer.stateName).toBe('cancelled');
  });

  it('gives the owner a race branch failure the race had taken when another child\'s failure woke it first', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    engine.spawn(function* owner() {
      yield* spawn(failAfter, 3, 'other child'); // fails while the race waits for b's cleanup
      try {
        yield* race({
          a: failAfter(2, 'branch a'), // the race takes this failure, and cancels b
          b: (function* b() {
            try {
              yield* sleep(10);
            } finally {
              yield* wait(5);
            }
          })(),
        });
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
      try {
        yield* sleep(1);
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
      yield* sleep(1);
    });
    steps(100);
    expect(seen).toEqual(['ChildFailedError: other child@4', 'ChildFailedError: branch a@4']);
    expect(takeErrors()).toEqual([]);
  });

  it('throws the first branch failure from all() and gives the owner any later one', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    engine.spawn(function* owner() {
      try {
        // The second is shielded, so the cancel the first's failure brings does not stop it from failing too.
        yield* all([failAfter(1, 'first'), shield(failAfter(1, 'second'))]);
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
      try {
        yield;
      } catch (error) {
        seen.push(`${(error as Error).name}: ${causeOf(error)}@${engine.tick}`);
      }
    });
    steps(5);
    expect(seen).toEqual(['ThreadFailedError: first@2', 'ChildFailedError: second@2']);
    expect(takeErrors()).toEqual([]);
  });

  it('reports a child failure to the hook when its parent is cancelling, rather than cutting the cleanup', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    const parent = engine.spawn(function* parent() {
      try {
        yield* spawn(function* child() {
          yield* wait(3);
          throw new Error('child broke during cleanup');
        });
        yield* sleep(10);
      } finally {
        yield* wait(5);
        order.push(`cleanup done@${engine.tick}`);
      }
    });
    steps(1);
    parent.cancel();
    steps(10);
    expect(order).toEqual(['cleanup done@7']);
    expect(takeErrors().map((e) => [causeOf(e.error), e.thread])).toEqual([['child broke during cleanup', parent]]);
  });
});

describe('a cancel after queued child failures', () => {
  it('interrupts the wait the thread completed, and hands the failures it can no longer throw to the error hook', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    const parent = engine.spawn(function* parent() {
      yield* spawn(function* first() {
        yield;
        throw new Error('first');
      });
      yield* spawn(function* second() {
        yield;
        throw new Error('second');
      });
      try {
        for (;;) {
          try {
            yield;
            seen.push(`went on@${engine.tick}`);
          } catch (error) {
            if (isCancellation(error)) throw error;
            seen.push(`${causeOf(error)}@${engine.tick}`);
          }
        }
      } finally {
        yield* wait(2);
        seen.push(`cleanup done@${engine.tick}`);
      }
    });
    steps(1);
    // In tick 2 the parent runs first, then both children fail: it is ready with two failures queued.
    steps(1);
    parent.cancel();
    steps(5);
    expect(seen).toEqual(['went on@2', 'cleanup done@5']);
    expect(parent.stateName).toBe('cancelled');
    expect(takeErrors().map((e) => [causeOf(e.error), e.thread])).toEqual([['first', parent], ['second', parent]]);
  });
});

describe('child failures queued for a ready parent', () => {
  it('throws each of two failures queued while the parent was ready at its next waits, in order', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const seen: string[] = [];
    engine.spawn(function* parent() {
      for (const name of ['first', 'second']) {
        yield* spawn({ name }, function* child() {
          yield;
          throw new Error(name);
        });
      }
      for (let i = 0; i < 4; i++) {
        try {
          yield; // in tick 2 the parent runs first, then both children fail while it is ready: two are queued
          seen.push(`yield returned@${engine.tick}`);
        } catch (error) {
          if (isCancellation(error)) throw error;
          seen.push(`${causeOf(error)}@${engine.tick}`);
        }
      }
    });
    steps(5);
    expect(seen).toEqual(['yield returned@2', 'yield returned@3', 'first@3', 'second@3']);
    expect(takeErrors()).toEqual([]);
  });
});
