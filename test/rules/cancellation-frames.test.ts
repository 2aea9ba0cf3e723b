import { describe, expect, it } from 'vitest';
import { Cancellation, LoomError, isCancellation, script, sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// Cancellation is thrown at the wait, so every shape of frame unwinds alike and nothing after the cancelled point
// runs: plain `yield*` helpers, script() frames, mixes of the two, and cleanup that waits at any depth.

describe('cancellation through every shape of frame', () => {
  it('unwinds a plain yield* helper whose finally waits: the cleanup plays in full and the caller stops there', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const at = (what: string): void => void order.push(`${what}@${engine.tick}`);
    function* helper() {
      try {
        yield* sleep(100);
        at('after helper sleep');
      } finally {
        at('helper cleanup');
        yield* sleep(0.5);
        at('helper cleanup done');
      }
    }
    const thread = engine.spawn(function* caller() {
      yield* helper();
      at('after helper: never');
      yield* sleep(1);
      at('later: never');
    });
    steps(5);
    thread.cancel();
    steps(60);
    expect(order).toEqual(['helper cleanup@6', 'helper cleanup done@36']);
    expect(thread.stateName).toBe('cancelled');
  });

  it('unwinds mixes of plain helpers and script() frames, cleanup waiting at every depth, innermost first', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const at = (what: string): void => void order.push(`${what}@${engine.tick}`);
    function* plainInner() {
      try {
        yield* sleep(100);
      } finally {
        yield* sleep(1 / 60);
        at('plain inner cleaned');
      }
    }
    const scripted = script(function* scripted() {
      try {
        yield* plainInner();
        at('after plainInner: never');
      } finally {
        yield* sleep(1 / 60);
        at('scripted cleaned');
      }
    });
    function* plainOuter() {
      try {
        yield* scripted();
        at('after scripted: never');
      } finally {
        yield;
        at('plain outer cleaned');
      }
    }
    const thread = engine.spawn(function* top() {
      try {
        yield* plainOuter();
        at('after plainOuter: never');
      } finally {
        at('top cleaned');
      }
    });
    steps(2);
    expect(thread.frames).toEqual(['top', 'scripted']);
    thread.cancel();
    steps(10);
    expect(order).toEqual(['plain inner cleaned@4', 'scripted cleaned@5', 'plain outer cleaned@6', 'top cleaned@6']);
    expect(thread.stateName).toBe('cancelled');
  });

  it('reports a catch that swallows the Cancellation, naming the thread, and unwinds the frames below it anyway', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    const swallower = script(function* swallower() {
      try {
        yield* sleep(100);
      } catch {
        order.push('swallowed');
      }
      return 'went on';
    });
    const thread = engine.spawn(function* top() {
      const r = yield* swallower();
      order.push(`after swallower: never (${r})`);
    });
    steps(1);
    thread.cancel();
    steps(2);
    expect(order).toEqual(['swallowed']);
    const errors = takeErrors();
    expect(errors.map((e) => [e.error instanceof LoomError, e.thread])).toEqual([[true, thread]]);
    expect((errors[0]!.error as Error).message).toBe(
      `${thread.label} was cancelled, but swallower returned instead of letting its Cancellation through: a catch ` +
        'swallowed it, or a finally returned (rethrow it: `if (isCancellation(e)) throw e`). Unwinding goes on below it.',
    );
    expect(thread.stateName).toBe('cancelled');
  });

  it('ends a thread whose bottom frame swallowed its Cancellation as cancelled, with the swallow reported', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const thread = engine.spawn(function* stubborn() {
      try {
        yield* sleep(100);
      } finally {
        // eslint-disable-next-line no-unsafe-finally -- the hazard under test: a return in a finally defeats the cancel
        return 'kept going';
      }
    });
    steps(1);
    thread.cancel();
    steps(1);
    expect([thread.stateName, thread.result]).toEqual(['cancelled', undefined]);
    const errors = takeErrors();
    expect(errors).toHaveLength(1);
    expect((errors[0]!.error as Error).message).toContain(`${thread.label} was cancelled, but stubborn returned`);
  });

  it('lets a catch that rethrows cancellations handle other errors: isCancellation tells them apart', () => {
    const { engine, steps } = createTestEngine();
    const seen: string[] = [];
    const thread = engine.spawn(function* careful() {
      for (;;) {
        try {
          yield* sleep(1 / 60);
          throw new Error('flaky');
        } catch (error) {
          if (isCancellation(error)) throw error;
          seen.push((error as Error).message);
        }
      }
    });
    steps(3);
    thread.cancel();
    steps(2);
    expect(seen).toEqual(['flaky', 'flaky']);
    expect(thread.stateName).toBe('cancelled');
  });

  it('throws the thread its own Cancellation, which is not an Error, naming the thread', () => {
    const { engine, steps } = createTestEngine();
    let thrown: unknown;
    const thread = engine.spawn(function* probe() {
      try {
        yield* sleep(1);
      } catch (error) {
        thrown = error;
        throw error;
      }
    });
    steps(1);
    thread.cancel();
    steps(1);
    expect(thrown).toBeInstanceOf(Cancellation);
    expect(thrown).not.toBeInstanceOf(Error);
    expect(String(thrown)).toBe(`Cancellation: thread ${thread.label} was cancelled`);
  });
});
