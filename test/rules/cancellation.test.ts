import { describe, expect, it } from 'vitest';
import { CancelledError, cancel, isCancellation, join, script, sleep, useThread, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('cancellation', () => {
  it('runs every finally of every frame, innermost first, honouring waits in them; nothing after a cancelled point runs', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const at = (what: string): void => void order.push(`${what}@${engine.tick}`);
    const level3 = script(function* level3() {
      try {
        yield* sleep(100);
        at('after level3 sleep');
      } finally {
        at('cleanup3 start');
        yield* sleep(0.5);
        at('cleanup3 end');
      }
    });
    const level2 = script(function* level2() {
      try {
        yield* level3();
        at('after level3');
      } finally {
        at('cleanup2 start');
        yield* sleep(0.5);
        at('cleanup2 end');
      }
    });
    const level1 = script(function* level1() {
      try {
        yield* level2();
        at('after level2');
      } finally {
        at('cleanup1 start');
        yield* sleep(0.5);
        at('cleanup1 end');
      }
    });
    const thread = engine.spawn(function* top() {
      yield* level1();
      at('after level1');
    });
    steps(10);
    expect(thread.frames).toEqual(['top', 'level1', 'level2', 'level3']);
    expect(cancel(thread)).toBe(true);
    expect(thread.cancelling).toBe(true);
    steps(200);
    expect(order).toEqual([
      'cleanup3 start@11', 'cleanup3 end@41',
      'cleanup2 start@41', 'cleanup2 end@71',
      'cleanup1 start@71', 'cleanup1 end@101',
    ]);
    expect(thread.stateName).toBe('cancelled');
    expect(engine.threadCount).toBe(0);
  });

  it('honours a bare yield in a finally: the cleanup goes on next tick instead of being cut short', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const thread = engine.spawn(function* fader() {
      try {
        yield* sleep(10);
      } finally {
        for (let alpha = 2; alpha >= 0; alpha--) {
          order.push(`alpha ${alpha}@${engine.tick}`);
          yield;
        }
        order.push(`removed@${engine.tick}`);
      }
    });
    steps(1);
    thread.cancel();
    steps(5);
    expect(order).toEqual(['alpha 2@2', 'alpha 1@3', 'alpha 0@4', 'removed@5']);
  });

  it('runs sub-scripts called from a finally normally while the thread unwinds', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const fadeOut = script(function* fadeOut(ticks: number) {
      for (let i = 0; i < ticks; i++) {
        order.push(`fade${i}@${engine.tick}`);
        yield;
      }
      return 'faded';
    });
    const thread = engine.spawn(function* actor() {
      try {
        yield* sleep(10);
      } finally {
        const r = yield* fadeOut(3);
        order.push(`${r}@${engine.tick}`);
      }
    });
    steps(1);
    thread.cancel();
    steps(5);
    expect(order).toEqual(['fade0@2', 'fade1@3', 'fade2@4', 'faded@5']);
    expect(thread.stateName).toBe('cancelled');
  });

  it('a thread cancelling itself stops at its next yield', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const thread = engine.spawn(function* selfish() {
      try {
        order.push('before');
        cancel(useThread());
        order.push('same resume');
        yield* sleep(1);
        order.push('never');
      } finally {
        order.push('finally');
      }
    });
    steps(3);
    expect(order).toEqual(['before', 'same resume', 'finally']);
    expect(thread.stateName).toBe('cancelled');
  });

  it('cancelling a thread that never ran runs none of its code', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const thread = engine.spawn(function* never() {
      try {
        order.push('body');
        yield;
      } finally {
        order.push('finally');
      }
    });
    thread.cancel();
    steps(2);
    expect(order).toEqual([]);
    expect(thread.stateName).toBe('cancelled');
  });

  it('a joiner of a cancelled thread gets a CancelledError once its cleanup has finished', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const victim = engine.spawn({ name: 'victim' }, function* victim() {
      try {
        yield* sleep(100);
      } finally {
        yield* sleep(0.5);
        order.push(`victim cleaned@${engine.tick}`);
      }
    });
    engine.spawn(function* watcher() {
      try {
        yield* join(victim);
      } catch (error) {
        order.push(`${error instanceof CancelledError ? 'CancelledError' : 'other'}: ${(error as Error).message}@${engine.tick}`);
      }
    });
    steps(1);
    victim.cancel();
    steps(40);
    expect(order).toEqual(['victim cleaned@32', `CancelledError: thread ${victim.label} was cancelled@32`]);
  });

  it('reports an error thrown by cleanup code to the error hook and still unwinds the frames below', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    const inner = script(function* inner() {
      try {
        yield* sleep(10);
      } finally {
        // eslint-disable-next-line no-unsafe-finally -- the point of the test: cleanup code that throws
        throw new Error('cleanup broke');
      }
    });
    const thread = engine.spawn(function* outer() {
      try {
        yield* inner();
        order.push('after inner');
      } catch (error) {
        if (isCancellation(error)) throw error; // a catch around a wait lets the Cancellation through
        order.push('caught: never, the cleanup error went to the error hook');
      } finally {
        order.push('outer finally');
      }
    });
    steps(1);
    thread.cancel();
    steps(1);
    expect(order).toEqual(['outer finally']);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['cleanup broke', thread]]);
    expect(thread.stateName).toBe('cancelled');
  });

  it('cancel is idempotent and returns false for ended threads; a second cancel does not cut cleanup short', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const thread = engine.spawn(function* slowCleanup() {
      try {
        yield* wait(function never() {
          return false;
        });
      } finally {
        yield* sleep(0.5);
        order.push(`cleaned@${engine.tick}`);
      }
    });
    steps(1);
    expect(thread.cancel()).toBe(true);
    steps(5);
    expect(thread.cancel()).toBe(false);
    steps(40);
    expect(order).toEqual(['cleaned@32']);
    expect(thread.cancel()).toBe(false);
  });
});
