import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { Random, wait, type Thread } from '../../engine/index.ts';
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
