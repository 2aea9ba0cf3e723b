import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { Random, sleep, wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { TimingWheel } from '../../engine/core/timing-wheel.ts';

describe('timing wheel', () => {
  it('wakes every thread on exactly its tick across all levels of the wheel', () => {
    const { engine, steps } = createTestEngine();
    const rng = new Random(3);
    const delays = [1, 2, 255, 256, 4095, 4096, 4097, 8191, 8192, 8193, 65536, 70000];
    for (let i = 0; i < 300; i++) delays.push(rng.int(1, 80000));
    const expected: number[] = [];
    const woke: number[] = [];
    delays.forEach((ticks) => {
      expected.push(ticks + 1);
      engine.spawn(function* waiter() {
        yield* wait(ticks);
        woke.push(engine.tick);
      });
    });
    const sortedDue = [...expected].sort((a, b) => a - b);
    steps(sortedDue.at(-1)!);
    expect(woke).toEqual(sortedDue);
    expect(schedulerOf(engine).timers.size).toBe(0);
  });

  it('keeps timers right when they are set from a tick deep into the run', () => {
    const { engine, steps } = createTestEngine();
    steps(4090);
    const woke: number[] = [];
    for (const ticks of [3, 6, 7, 300]) {
      engine.spawn(function* waiter() {
        yield* wait(ticks);
        woke.push(engine.tick - 4091);
      });
    }
    steps(400);
    expect(woke).toEqual([3, 6, 7, 300]);
  });
});

describe('waits of any length', () => {
  it('keeps a wait of 2^40 ticks parked, with its due tick, and goes on ticking', () => {
    const { engine, steps } = createTestEngine();
    const t = engine.spawn(function* patient() {
      yield* wait(2 ** 40);
    });
    steps(3);
    expect(t.waitingOn).toBe(`wait until tick ${2 ** 40 + 1}`);
    expect(schedulerOf(engine).timers.size).toBe(1);
  });

  it('wakes a thread due 2^40 ticks ahead on its tick, cascading it without draining a slot into itself', () => {
    const wheel = new TimingWheel();
    const due = 2 ** 40 + 7;
    const thread = { prev: null, next: null, waitOn: due } as unknown as Thread;
    wheel.insert(thread, due);
    const woke: number[] = [];
    // One thread only, so only the ticks where its level is cascaded or its slot read matter.
    const ticks = new Set<number>();
    for (let t = 2 ** 24; t <= due; t += 2 ** 24) ticks.add(t);
    for (let t = due - (due % 2 ** 24); t <= due; t += 4096) ticks.add(t);
    for (let t = due - (due % 4096); t <= due + 1; t++) ticks.add(t);
    for (const t of [...ticks].sort((x, y) => x - y)) wheel.advance(t, () => woke.push(t));
    expect(woke).toEqual([due]);
    expect(wheel.size).toBe(0);
  });
});

describe('threads parked in the wheel', () => {
  it('wake in the order they parked when due on the same tick, whichever tick each parked in', () => {
    const { engine, steps } = createTestEngine();
    const woke: string[] = [];
    // All three are due at tick 4: a parks in tick 1, then b and c in tick 2, b first.
    const sleeper = (name: string, ticks: number) =>
      function* named() {
        yield* wait(ticks);
        woke.push(`${name}@${engine.tick}`);
      };
    engine.spawn(sleeper('a', 3)); // runs in tick 1: due at 4
    engine.spawn(function* later() {
      yield; // tick 1
      engine.spawn(sleeper('c', 2)); // spawned in tick 2, runs in it: due at 4
      yield* wait(2); // parks in tick 2 before c: due at 4
      woke.push(`b@${engine.tick}`);
    });
    steps(4);
    expect(woke).toEqual(['a@4', 'b@4', 'c@4']);
  });

  it('leave the wheel when cancelled in the tick they parked, and are not woken at their tick', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const timers = schedulerOf(engine).timers;
    const log: string[] = [];
    const sleepers = [0, 1, 2].map((i) =>
      engine.spawn(function* sleeper() {
        try {
          yield* sleep(0.05);
          log.push(`${i} woke at ${engine.tick}`);
        } finally {
          log.push(`${i} unwound at ${engine.tick}`);
        }
      }),
    );
    let sizeBefore = 0;
    engine.spawn(function* canceller() {
      sizeBefore = timers.size;
      sleepers[1]!.cancel();
    });
    steps(1);
    expect([sizeBefore, timers.size]).toEqual([3, 2]);
    steps(5);
    expect(log).toEqual(['1 unwound at 2', '0 woke at 4', '0 unwound at 4', '2 woke at 4', '2 unwound at 4']);
    expect(timers.size).toBe(0);
    expect(takeErrors()).toEqual([]);
  });
});
