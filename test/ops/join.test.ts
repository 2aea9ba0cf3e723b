import { describe, expect, expectTypeOf, it } from 'vitest';
import { join, sleep, spawn, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('join()', () => {
  it('resumes with the return value, typed, in the tick the thread ends', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* parent() {
      const child = yield* spawn(function* child() {
        yield* sleep(0.05);
        return { frames: 12 };
      });
      expectTypeOf(child).toEqualTypeOf<Thread<{ frames: number }>>();
      const result = yield* join(child);
      order.push(`${result.frames}@${engine.tick}`);
    });
    steps(6);
    expect(order).toEqual(['12@4']);
  });

  it('returns at once for a thread already finished', () => {
    const { engine, steps } = createTestEngine();
    const done = engine.spawn(function* quick() {
      return 'ready';
    });
    steps(3);
    const order: string[] = [];
    engine.spawn(function* late() {
      const r = yield* join(done);
      order.push(`${r}@${engine.tick}`);
      yield* join(done);
      order.push(`again@${engine.tick}`);
    });
    steps(1);
    expect(order).toEqual(['ready@4', 'again@4']);
  });

  it('wakes several joiners in the order they joined', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const target = engine.spawn(function* target() {
      yield* sleep(0.1);
      return 1;
    });
    for (const name of ['x', 'y', 'z']) {
      engine.spawn(function* joiner() {
        yield* join(target);
        order.push(name);
      });
    }
    steps(10);
    expect(order).toEqual(['x', 'y', 'z']);
  });

  it('wakes the parent first, then the other joiners in the order they joined', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    let target: Thread | null = null;
    for (const name of ['x', 'y']) {
      engine.spawn(function* joiner() {
        yield;
        yield* join(target!);
        order.push(`${name}@${engine.tick}`);
      });
    }
    engine.spawn(function* parent() {
      target = yield* spawn(function* child() {
        yield* sleep(0.1);
      });
      yield* join(target);
      order.push(`parent@${engine.tick}`);
    });
    steps(10);
    expect(order).toEqual(['parent@7', 'x@7', 'y@7']);
  });

  it('a parent joining its child leaves nothing on the child: the common spawn-then-join allocates no list', () => {
    const { engine, steps } = createTestEngine();
    let child: Thread | null = null;
    engine.spawn(function* parent() {
      child = yield* spawn(function* child() {
        yield* sleep(1);
      });
      yield* join(child);
    });
    steps(2);
    expect(child!.waitingOn).toBe('sleep until 1.02 s');
    expect(child!.extra).toBeNull();
    const oldestFirst = [...engine.threads()].sort((a, b) => a.id - b.id);
    expect(oldestFirst.map((t) => t.waitingOn)).toEqual(['join #2 child', 'sleep until 1.02 s']);
  });
});
