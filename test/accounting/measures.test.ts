import { describe, expect, it } from 'vitest';
import { wait, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { fakeClock } from './fake-clock.ts';

describe('accounting', () => {
  it('measures script time per thread this tick, its decaying average, and per-tick totals', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.enabled = true;
    const heavy = engine.spawn(function* heavy() {
      for (;;) {
        clock.spend(2);
        yield;
      }
    });
    const light = engine.spawn(function* light() {
      for (;;) {
        clock.spend(0.5);
        yield;
      }
    });
    steps(1);
    expect([engine.accounting.threadMs(heavy), engine.accounting.threadMs(light)]).toEqual([2, 0.5]);
    expect([engine.accounting.tickMs, engine.accounting.tickResumes]).toEqual([2.5, 2]);
    steps(599);
    expect(engine.accounting.threadAverageMs(heavy)).toBeCloseTo(2, 2);
    expect(engine.accounting.threadAverageMs(light)).toBeCloseTo(0.5, 2);
  });

  it('reports a slow resume only when the thread\'s next timed resume is slow too: a lone one is a pause', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    const slow: [string, number, number][] = [];
    engine.accounting.enabled = true;
    engine.accounting.slowResumeMs = 5;
    engine.accounting.onSlowResume = (thread, ms) => slow.push([thread.label, engine.tick, ms]);
    engine.spawn(function* pathfinder() {
      for (const ms of [4, 12, 1, 12, 13, 14, 2]) {
        clock.spend(ms);
        yield;
      }
    });
    steps(7);
    // 12 at tick 2 stood alone (held, then dropped); 12, 13, 14 from tick 4 on are confirmed at tick 5, then each.
    expect(slow).toEqual([['#1 pathfinder', 5, 12], ['#1 pathfinder', 5, 13], ['#1 pathfinder', 6, 14]]);
    expect(engine.accounting.threadAverageMs(engine.threads()[0]!)).toBeGreaterThan(0);
  });

  it('charges a held slow resume to no thread until it is confirmed', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.enabled = true;
    engine.accounting.onSlowResume = () => {};
    const stutter = engine.spawn(function* stutter() {
      for (const ms of [1, 10, 1, 10, 10]) {
        clock.spend(ms);
        yield;
      }
    });
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      steps(1);
      seen.push(`${engine.accounting.threadMs(stutter)}/${engine.accounting.unattributedMs}/${engine.accounting.tickMs}`);
    }
    expect(seen).toEqual(['1/0/1', '0/10/10', '1/0/1', '0/10/10', '20/0/10']);
  });

  it('carries the threads a budget cannot fit over to the start of the next tick, in order, never twice in a row', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.budgetMs = 3;
    const order: string[] = [];
    const threads: Thread[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      threads.push(engine.spawn({ name }, function* worker() {
        for (;;) {
          order.push(`${name}${engine.tick}`);
          clock.spend(1);
          yield;
        }
      }));
    }
    steps(1);
    expect(engine.accounting.carriedOver).toBe(2);
    steps(2);
    expect(order).toEqual(['a1', 'b1', 'c1', 'd2', 'e2', 'a2', 'b3', 'c3', 'd3']);
    expect(engine.accounting.carriedOver).toBe(2);
  });

  it('always runs at least one thread per tick, even over budget', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    engine.accounting.budgetMs = 1;
    const order: string[] = [];
    for (const name of ['a', 'b']) {
      engine.spawn(function* hog() {
        for (;;) {
          order.push(`${name}${engine.tick}`);
          clock.spend(10);
          yield;
        }
      });
    }
    steps(4);
    expect(order).toEqual(['a1', 'b2', 'a3', 'b4']);
  });

  it('costs nothing while off: no per-thread record is made', () => {
    const { engine, steps } = createTestEngine();
    const t = engine.spawn(function* idle() {
      for (;;) yield;
    });
    steps(3);
    expect(t.extra).toBeNull();
    expect(engine.accounting.tickResumes).toBe(0);
  });

  it('counts a thread\'s resumes while on; engine.resumes counts every resume, on or off', () => {
    const { engine, steps } = createTestEngine();
    fakeClock(engine);
    const threads = [0, 1].map(() =>
      engine.spawn(function* idle() {
        for (;;) yield;
      }),
    );
    steps(3);
    engine.accounting.enabled = true;
    steps(2);
    engine.accounting.enabled = false;
    steps(1);
    expect(threads.map((t) => engine.accounting.resumesOf(t))).toEqual([2, 2]);
    expect(threads.map((t) => t.resumes)).toEqual([2, 2]); // a live thread's handle reads the same count
    expect(engine.resumes).toBe(12);
  });

  it('counts from zero again once switched back on, and counts a thread first met far beyond the slots counted so far', () => {
    const { engine, steps } = createTestEngine();
    fakeClock(engine);
    const sleepers = Array.from({ length: 3000 }, () => engine.spawn(function* sleeper() { yield* wait(1000); }));
    const busy = engine.spawn(function* busy() {
      for (;;) yield;
    });
    steps(1); // every sleeper has run, and waits: from now on only the thread in slot 3000 runs
    engine.accounting.enabled = true;
    steps(3);
    expect([engine.accounting.resumesOf(busy), engine.accounting.resumesOf(sleepers[0]!)]).toEqual([3, 0]);
    engine.accounting.enabled = false;
    steps(2);
    engine.accounting.enabled = true;
    steps(1);
    expect(engine.accounting.resumesOf(busy)).toBe(1);
  });

  it('keeps the count of a thread that ended, when a new thread takes its slot', () => {
    const { engine, steps } = createTestEngine();
    engine.accounting.enabled = true;
    const short = engine.spawn(function* short() {
      yield;
      yield;
    });
    steps(3);
    const next = engine.spawn(function* next() {
      yield;
    });
    steps(1);
    expect([short.alive, engine.accounting.resumesOf(short), engine.accounting.resumesOf(next)]).toEqual([false, 3, 1]);
  });
});
