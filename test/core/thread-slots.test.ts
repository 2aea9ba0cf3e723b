import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { join, spawn, ThreadFailedError, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

// A live thread's hot state lives in a slot of the thread columns, which the next thread reuses once it ends.

describe('thread slots', () => {
  it('an ended thread keeps its state and result when its slot goes to a new thread', () => {
    const { engine, steps } = createTestEngine();
    const first = engine.spawn(function* first() {
      return 'first';
    });
    const slot = first.slot;
    steps(1);
    const second = engine.spawn(function* second() {
      yield;
      return 'second';
    });
    expect(second.slot).toBe(slot); // the test means something only if the slot was reused
    expect([first.stateName, first.result, second.stateName, second.flags]).toEqual(['done', 'first', 'ready', 0]);
    steps(2);
    expect([first.result, second.result]).toEqual(['first', 'second']);
  });

  it('marking an ended thread\'s failure observed leaves the new thread in its slot untouched', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const failed = engine.spawn(function* failed() {
      throw new Error('boom');
    });
    const slot = failed.slot;
    steps(1);
    expect(takeErrors().map((e) => e.thread)).toEqual([failed]);
    const reuser = engine.spawn(function* reuser() {
      for (;;) yield;
    });
    expect(reuser.slot).toBe(slot);
    const order: string[] = [];
    engine.spawn(function* joiner() {
      try {
        yield* join(failed);
      } catch (error) {
        order.push(error instanceof ThreadFailedError ? 'caught the failure' : 'wrong error');
      }
    });
    steps(1);
    expect(order).toEqual(['caught the failure']);
    expect([failed.stateName, (failed.error as Error).message]).toEqual(['failed', 'boom']);
    expect([reuser.stateName, reuser.flags]).toEqual(['ready', 0]);
  });

  it('lists each engine\'s own live threads, the engines sharing the slots', () => {
    const a = createTestEngine();
    const b = createTestEngine();
    const names = (threads: readonly Thread[]): string[] => threads.map((t) => t.name).sort();
    const forever = function* forever() {
      for (;;) yield;
    };
    a.engine.spawn({ name: 'a1' }, forever);
    const b1 = b.engine.spawn({ name: 'b1' }, forever);
    a.engine.spawn({ name: 'a2' }, function* a2() {
      yield* spawn({ name: 'a2.child' }, forever);
      for (;;) yield;
    });
    a.steps(1);
    b.steps(1);
    b1.cancel();
    b.steps(1);
    expect([names(a.engine.threads()), names(b.engine.threads())]).toEqual([['a1', 'a2', 'a2.child'], []]);
    expect([a.engine.threadCount, b.engine.threadCount]).toEqual([3, 0]);
  });

  it('grows the columns while a script spawns, and the spawner resumes and parks as before', () => {
    const { engine, steps } = createTestEngine();
    const count = schedulerOf(engine).columns.flags.length + 10; // more than the columns hold: they grow during the resume
    const order: string[] = [];
    let ran = 0;
    engine.spawn(function* spawner() {
      for (let i = 0; i < count; i++) {
        yield* spawn(function* child() {
          ran++;
        });
      }
      order.push(`spawned ${count} at tick ${engine.tick}`);
      yield;
      order.push(`after, at tick ${engine.tick}, ${ran} ran`);
    });
    steps(2);
    expect(schedulerOf(engine).columns.flags.length).toBeGreaterThanOrEqual(count);
    expect(order).toEqual([`spawned ${count} at tick 1`, `after, at tick 2, ${count} ran`]);
    expect(engine.threadCount).toBe(0);
  });

  it('holds a thread as runnable only in its own slot and while it has a frame', () => {
    const { engine, steps } = createTestEngine();
    const columns = schedulerOf(engine).columns;
    const other = engine.spawn(function* other() {
      for (;;) yield;
    });
    const thread = engine.spawn(function* parked() {
      yield;
    });
    expect(columns.holdsRunnable(thread.slot, thread)).toBe(true);
    expect(columns.holdsRunnable(other.slot, thread)).toBe(false);
    steps(2); // its script has returned: its slot is free
    expect(columns.holdsRunnable(thread.slot, thread)).toBe(false);
    const gen = other.gen;
    other.gen = null;
    expect(columns.holdsRunnable(other.slot, other)).toBe(false);
    other.gen = gen;
  });
});
