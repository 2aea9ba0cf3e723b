import { describe, expect, it } from 'vitest';
import { createSignal, sleep, spawn, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('order', () => {
  it('runs threads made ready in the same tick in the order they became ready (FIFO)', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      engine.spawn({ name }, function* worker() {
        for (let i = 0; i < 3; i++) {
          order.push(`${name}${engine.tick}`);
          yield;
        }
      });
    }
    steps(3);
    expect(order).toEqual(['a1', 'b1', 'c1', 'd1', 'a2', 'b2', 'c2', 'd2', 'a3', 'b3', 'c3', 'd3']);
  });

  it('wakes signal waiters in the order they started waiting', () => {
    const { engine, steps } = createTestEngine();
    const opened = createSignal<number>('door.opened');
    const order: string[] = [];
    for (const name of ['c', 'a', 'b']) {
      engine.spawn({ name }, function* waiter() {
        const v = yield* wait(opened);
        order.push(`${name}:${v}@${engine.tick}`);
      });
    }
    steps(1);
    opened.emit(7);
    steps(1);
    expect(order).toEqual(['c:7@2', 'a:7@2', 'b:7@2']);
  });

  it('runs a thread spawned during tick N later in tick N, after the threads already queued', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* parent() {
      order.push(`parent@${engine.tick}`);
      yield* spawn(function* child() {
        order.push(`child@${engine.tick}`);
      });
      order.push(`parent-after-spawn@${engine.tick}`);
      yield;
      order.push(`parent@${engine.tick}`);
    });
    engine.spawn(function* sibling() {
      order.push(`sibling@${engine.tick}`);
    });
    steps(2);
    expect(order).toEqual(['parent@1', 'parent-after-spawn@1', 'sibling@1', 'child@1', 'parent@2']);
  });

  it('runs a thread spawned between ticks in the next tick', () => {
    const { engine, steps } = createTestEngine();
    steps(5);
    const order: number[] = [];
    engine.spawn(function* late() {
      order.push(engine.tick);
    });
    expect(order).toEqual([]);
    steps(1);
    expect(order).toEqual([6]);
  });

  it('runs a thread at most once per tick: woken again after it ran, it runs in the next tick', () => {
    const { engine, steps } = createTestEngine();
    const ping = createSignal('ping');
    const pong = createSignal('pong');
    const order: string[] = [];
    engine.spawn(function* b() {
      for (let i = 0; i < 3; i++) {
        yield* wait(ping);
        order.push(`b@${engine.tick}`);
        pong.emit();
      }
    });
    engine.spawn(function* a() {
      for (let i = 0; i < 3; i++) {
        order.push(`a@${engine.tick}`);
        ping.emit();
        yield* wait(pong);
      }
    });
    steps(5);
    // b's pong wakes a in the same tick (a has not run yet); a's ping wakes b, which already ran: next tick.
    expect(order).toEqual(['a@1', 'b@2', 'a@2', 'b@3', 'a@3', 'b@4']);
    expect(engine.threadCount).toBe(0);
  });

  it('orders a tick: the threads queued since the last tick, then due sleepers, then true predicates', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    let flag = false;
    engine.spawn(function* predicate() {
      yield* wait(function flagSet() {
        return flag;
      });
      order.push(`predicate@${engine.tick}`);
    });
    engine.spawn(function* sleeper() {
      yield* sleep(2 / 60);
      order.push(`sleeper@${engine.tick}`);
    });
    engine.spawn(function* ticker() {
      yield;
      yield;
      order.push(`ticker@${engine.tick}`);
      flag = true;
    });
    steps(1);
    flag = true;
    steps(2);
    expect(order).toEqual(['predicate@2', 'ticker@3', 'sleeper@3']);
  });
});
