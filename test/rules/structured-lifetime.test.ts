import { describe, expect, it } from 'vitest';
import { join, shield, sleep, spawn, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('structured lifetime', () => {
  it('cancels live children, youngest first, when a thread ends, and lets their cleanup wait', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const parent = engine.spawn(function* parent() {
      for (const name of ['first', 'second', 'third']) {
        yield* spawn({ name }, function* child() {
          try {
            yield* sleep(100);
          } finally {
            order.push(`${name} cleanup@${engine.tick}`);
            yield* sleep(1 / 60);
            order.push(`${name} gone@${engine.tick}`);
          }
        });
      }
      yield* sleep(1 / 60);
      order.push(`parent returns@${engine.tick}`);
      return 'ok';
    });
    steps(5);
    expect(parent.result).toBe('ok');
    expect(order).toEqual([
      'parent returns@2',
      // cancelled children have not run in tick 2 yet, so their cleanup starts in the same tick
      'third cleanup@2', 'second cleanup@2', 'first cleanup@2',
      'third gone@3', 'second gone@3', 'first gone@3',
    ]);
    expect(engine.threadCount).toBe(0);
  });

  it('lists live children oldest first as they come and go', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const lives = [3, 1, 4, 2];
    const seen: string[] = [];
    const parent = engine.spawn(function* brood() {
      for (const [i, life] of lives.entries()) {
        yield* spawn({ name: `c${i}` }, function* child() {
          yield* wait(life);
        });
      }
      // This thread is queued before the children's waits end in a tick, so a child ending in tick k is gone from k + 1.
      for (let t = 0; t < 6; t++) {
        seen.push(parent.children.map((c) => c.name).join(',') || '-');
        yield;
      }
    });
    steps(7);
    expect(takeErrors()).toEqual([]);
    expect(seen).toEqual(['c0,c1,c2,c3', 'c0,c1,c2,c3', 'c0,c2,c3', 'c0,c2', 'c2', '-']);
    expect(parent.children).toEqual([]);
  });

  it('ends a thread only once its children have ended, so a join of it returns after the whole tree is gone', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const parent = engine.spawn({ name: 'entity' }, function* entity() {
      yield* spawn({ name: 'anim' }, function* anim() {
        try {
          yield* sleep(100);
        } finally {
          yield* wait(3);
          order.push(`anim cleaned@${engine.tick}`);
        }
      });
      yield;
      return 'entity result';
    });
    engine.spawn(function* watcher() {
      const result = yield* join(parent);
      order.push(`joined ${result}@${engine.tick}`);
    });
    steps(2);
    expect(parent.stateName).toBe('waiting');
    expect(parent.waitingOn).toBe('children ending (1 left)');
    expect(parent.result).toBeUndefined();
    expect(parent.cancel()).toBe(false);
    steps(5);
    expect(order).toEqual(['anim cleaned@5', 'joined entity result@5']);
    expect(parent.stateName).toBe('done');
    expect(engine.threadCount).toBe(0);
  });

  it('ends a parent-to-child chain 100,000 deep without recursion, once its last child ends', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const depth = 100_000;
    const root = engine.spawn(function* link(level: number): Generator<unknown, number, unknown> {
      if (level < depth) {
        yield* spawn(link, level + 1);
        yield; // the child starts in this tick; in the next, this script ends, and its end cancels the child
      } else yield* shield(wait(2)); // the leaf ends last: every thread above it waits for its child to end
      return level;
    }, 1);
    steps(2);
    expect([engine.threadCount, root.waitingOn]).toEqual([depth, 'children ending (1 left)']);
    steps(1);
    expect([engine.threadCount, root.stateName, root.result]).toEqual([0, 'done', 1]);
    expect(takeErrors()).toEqual([]);
  });

  it('cancels a chain 100,000 deep of sleeping threads, and a join of its root sees the whole tree gone', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const depth = 100_000;
    const root = engine.spawn(function* link(level: number): Generator<unknown, void, unknown> {
      if (level < depth) yield* spawn(link, level + 1);
      yield* sleep(100);
    }, 1);
    const seen: string[] = [];
    engine.spawn(function* watcher() {
      try {
        yield* join(root);
      } catch (error) {
        seen.push(`${(error as Error).name}@${engine.tick}`);
      }
    });
    steps(2);
    root.cancel();
    steps(2);
    expect(seen).toEqual(['CancelledError@3']);
    expect(engine.threadCount).toBe(0);
    expect(takeErrors()).toEqual([]);
  });
});
