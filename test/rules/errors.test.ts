import { describe, expect, it, vi } from 'vitest';
import { ChildFailedError, Engine, ThreadFailedError, cancel, join, sleep, spawn, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('errors', () => {
  it('fails only the throwing thread; the loop and the other threads go on', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* steady() {
      for (let i = 0; i < 3; i++) {
        order.push(`steady@${engine.tick}`);
        yield;
      }
    });
    const broken = engine.spawn(function* broken() {
      yield;
      throw new Error('boom');
    });
    steps(3);
    expect(order).toEqual(['steady@1', 'steady@2', 'steady@3']);
    expect(broken.stateName).toBe('failed');
    expect((broken.error as Error).message).toBe('boom');
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread.label])).toEqual([['boom', broken.label]]);
  });

  it('throws from join an error that names the failed thread and carries the original as cause', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const original = new Error('fell off the map');
    let caught: unknown;
    engine.spawn(function* parent() {
      const child = yield* spawn({ name: 'walker' }, function* walker() {
        yield* sleep(0.1);
        throw original;
      });
      try {
        yield* join(child);
      } catch (error) {
        caught = error;
      }
    });
    steps(10);
    expect(caught).toBeInstanceOf(ThreadFailedError);
    expect((caught as ThreadFailedError).message).toBe('thread #2 walker failed: fell off the map');
    expect((caught as ThreadFailedError).thread).toBe('#2 walker');
    expect((caught as ThreadFailedError).cause).toBe(original);
    expect(takeErrors()).toEqual([]);
  });

  it('join of an already failed thread throws at once; the failure is not reported twice', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const failed = engine.spawn(function* early() {
      throw new Error('early');
    });
    steps(1);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['early', failed]]);
    const order: string[] = [];
    engine.spawn(function* late() {
      try {
        yield* join(failed);
      } catch (error) {
        order.push(`${(error as Error).message}@${engine.tick}`);
      }
    });
    steps(1);
    expect(order).toEqual([`thread ${failed.label} failed: early@2`]);
    expect(takeErrors()).toEqual([]);
  });

  it('throws an unjoined child failure into the parent at its current wait, where it can be caught', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* parent() {
      yield* spawn({ name: 'fragile' }, function* fragile() {
        yield;
        throw new Error('snapped');
      });
      try {
        yield* sleep(10);
        order.push('slept: never');
      } catch (error) {
        order.push(`${(error as Error).name}: ${(error as Error).message}@${engine.tick}`);
        order.push(`cause: ${((error as ChildFailedError).cause as Error).message}`);
      }
      order.push('parent goes on');
    });
    steps(3);
    expect(order).toEqual(['ChildFailedError: thread #2 fragile failed: snapped@2', 'cause: snapped', 'parent goes on']);
    expect(takeErrors()).toEqual([]);
  });

  it('fails the parent in turn when it does not catch, up to a root failure reported to the hook', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const root = engine.spawn({ name: 'root' }, function* root() {
      yield* spawn({ name: 'middle' }, function* middle() {
        yield* spawn({ name: 'leaf' }, function* leaf() {
          throw new Error('leaf broke');
        });
        yield* sleep(10);
      });
      yield* sleep(10);
    });
    steps(2);
    expect(root.stateName).toBe('failed');
    const errors = takeErrors();
    expect(errors).toHaveLength(1);
    const reported = errors[0]!;
    expect(reported.thread).toBe(root);
    expect((reported.error as Error).message).toBe('thread #2 middle failed: thread #3 leaf failed: leaf broke');
  });

  it('reports a detached thread failure to the hook, not to the spawner', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* spawner() {
      yield* spawn({ detached: true, name: 'fx' }, function* fx() {
        throw new Error('fx failed');
      });
      yield* sleep(2 / 60);
      order.push('spawner unaffected');
    });
    steps(3);
    expect(order).toEqual(['spawner unaffected']);
    expect(takeErrors().map((e) => e.thread.label)).toEqual(['#2 fx']);
  });

  it('prints unobserved failures with the thread name, id and stack by default', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = new Engine();
    engine.spawn({ name: 'grunt' }, function* grunt() {
      throw new Error('no path');
    });
    engine.step();
    expect(spy).toHaveBeenCalledTimes(1);
    const printed = String(spy.mock.calls[0]![0]);
    expect(printed).toContain('#1 grunt');
    expect(printed).toContain('Error: no path');
    expect(printed).toContain('errors.test.ts');
    spy.mockRestore();
  });
});

describe('the error hook', () => {
  it('cannot stop the loop by throwing: its error is printed and the other threads go on', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const engine = new Engine({
      onError: () => {
        throw new Error('hook broke');
      },
    });
    const order: number[] = [];
    engine.spawn(function* failing() {
      throw new Error('script broke');
    });
    engine.spawn(function* steady() {
      for (;;) {
        order.push(engine.tick);
        yield;
      }
    });
    engine.step();
    engine.step();
    expect(order).toEqual([1, 2]);
    expect(String(printed.mock.calls[0]![0])).toBe('[loom] the error hook threw while reporting #1 failing:');
    expect((printed.mock.calls[0]![1] as Error).message).toBe('hook broke');
    expect((printed.mock.calls[0]![3] as Error).message).toBe('script broke');
    printed.mockRestore();
  });
});

describe('predicates that throw', () => {
  it('reports the error of a predicate that cancelled its own thread and then threw', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const t = engine.spawn(function* doomed() {
      yield* wait(function cancelsThenThrows() {
        if (engine.tick < 2) return false;
        cancel(t);
        throw new Error('after the cancel');
      });
    });
    steps(2);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['after the cancel', t]]);
    expect(t.stateName).toBe('cancelled');
  });
});
