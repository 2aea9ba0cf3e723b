import { describe, expect, expectTypeOf, it } from 'vitest';
import { cancel, createSignal, wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('wait()', () => {
  it('waits a number of ticks', () => {
    const { engine, steps } = createTestEngine();
    const woke: number[] = [];
    engine.spawn(function* ticker() {
      yield* wait(3);
      woke.push(engine.tick);
      yield* wait(1);
      woke.push(engine.tick);
    });
    steps(6);
    expect(woke).toEqual([4, 5]);
  });

  it('returns at once when the predicate already holds, else resumes on the first tick it holds', () => {
    const { engine, steps } = createTestEngine();
    let hp = 10;
    const order: string[] = [];
    engine.spawn(function* watcher() {
      yield* wait(function alive() {
        return hp > 0;
      });
      order.push(`alive@${engine.tick}`);
      yield* wait(function dead() {
        return hp <= 0;
      });
      order.push(`dead@${engine.tick}`);
    });
    steps(3);
    hp = 0;
    steps(1);
    expect(order).toEqual(['alive@1', 'dead@4']);
  });

  it('throws a predicate error into the waiting thread', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    let armed = false;
    engine.spawn(function* fragile() {
      try {
        yield* wait(function explodes() {
          if (armed) throw new Error('predicate exploded');
          return false;
        });
      } catch (error) {
        message = `${(error as Error).message}@${engine.tick}`;
      }
    });
    steps(2);
    armed = true;
    steps(1);
    expect(message).toBe('predicate exploded@3');
  });

  it('resumes with the value emitted on a signal, typed', () => {
    const { engine, steps } = createTestEngine();
    const hit = createSignal<{ damage: number }>('player.hit');
    const got: number[] = [];
    engine.spawn(function* listener() {
      for (;;) {
        const event = yield* wait(hit);
        expectTypeOf(event).toEqualTypeOf<{ damage: number }>();
        got.push(event.damage);
      }
    });
    steps(1);
    expect(hit.waiting).toBe(1);
    expect(hit.emit({ damage: 3 })).toBe(1);
    steps(1);
    hit.emit({ damage: 5 });
    hit.emit({ damage: 99 }); // nobody waits between the two emits: missed
    steps(2);
    expect(got).toEqual([3, 5]);
  });

  it('lets a predicate cancel another predicate waiter, and its own thread, while the tick runs every thread', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    let victim: Thread | null = null;
    let self: Thread | null = null;
    engine.spawn(function* killer() {
      yield* wait(function cancelsTheNext() {
        if (engine.tick < 2) return false;
        cancel(victim!);
        return true;
      });
      order.push(`killer woke@${engine.tick}`);
    });
    victim = engine.spawn(function* victim() {
      yield* wait(() => false);
    });
    self = engine.spawn(function* suicidal() {
      try {
        yield* wait(function cancelsItself() {
          if (engine.tick >= 2) cancel(self!);
          return false;
        });
      } finally {
        order.push(`suicidal cleaned@${engine.tick}`);
      }
    });
    engine.spawn(function* bystander() {
      yield;
      order.push(`bystander@${engine.tick}`);
    });
    steps(3);
    expect(order).toEqual(['bystander@2', 'killer woke@2', 'suicidal cleaned@2']);
    expect([victim.stateName, self.stateName]).toEqual(['cancelled', 'cancelled']);
    expect(takeErrors()).toEqual([]);
  });
});
