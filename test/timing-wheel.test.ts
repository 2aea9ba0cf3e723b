import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../engine/core/engine.ts';
import { Random, wait } from '../engine/index.ts';
import { createTestEngine } from './helpers.ts';

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
