import { describe, expect, it } from 'vitest';
import { sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('sleep()', () => {
  it('wakes on the first tick whose simulated time reaches the deadline', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const woke: [number, number][] = [];
    for (const seconds of [0, 0.05, 0.1, 0.15, 1]) {
      engine.spawn(function* sleeper() {
        yield* sleep(seconds);
        woke.push([seconds, engine.tick]);
      });
    }
    steps(12);
    // spawned before tick 1, they sleep from tick 1 (t = 0.1 s)
    expect(woke).toEqual([[0, 2], [0.05, 2], [0.1, 2], [0.15, 3], [1, 11]]);
  });

  it('keeps an exact multiple of the tick exact despite float error', () => {
    const { engine, steps } = createTestEngine({ tickRate: 60 });
    const woke: number[] = [];
    engine.spawn(function* sleeper() {
      for (let i = 0; i < 3; i++) {
        yield* sleep(0.1);
        woke.push(engine.tick);
      }
    });
    steps(20);
    expect(woke).toEqual([7, 13, 19]);
  });
});
