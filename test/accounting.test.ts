import { describe, expect, it, vi } from 'vitest';
import { wait, type Engine, type Thread } from '../engine/index.ts';
import { createTestEngine } from './helpers.ts';

/** Makes the accounting clock advance by the cost each script declares, so time is exact. */
function fakeClock(engine: Engine): { spend(ms: number): void } {
  let now = 0;
  engine.accounting.now = () => now;
  return {
    spend(ms) {
      now += ms;
    },
  };
}

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

  it('reports a slow resume with the thread', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    const slow: [string, number][] = [];
    engine.accounting.enabled = true;
    engine.accounting.slowResumeMs = 5;
    engine.accounting.onSlowResume = (thread, ms) => slow.push([thread.label, ms]);
    engine.spawn(function* pathfinder() {
      clock.spend(4);
      yield;
      clock.spend(12);
    });
    steps(2);
    expect(slow).toEqual([['#1 pathfinder', 12]]);
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

  it('counts a thread\'s resumes while on; engine.switches counts every resume, on or off', () => {
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
    expect(threads.map((t) => t.resumes)).toEqual([2, 2]);
    expect(engine.switches).toBe(12);
  });
});

describe('accounting: what the inspector reads', () => {
  it('lists the threads measured in the last tick, in the order they ran', () => {
    const { engine, steps } = createTestEngine();
    engine.accounting.enabled = true;
    const a = engine.spawn(function* a() {
      for (;;) yield;
    });
    const b = engine.spawn(function* b() {
      yield* wait(2);
    });
    steps(1);
    expect(engine.accounting.resumed).toEqual([a, b]);
    steps(1);
    expect(engine.accounting.resumed).toEqual([a]);
  });

  it('warns of slow resumes at most once per 60 ticks by default, counting the ones held back', () => {
    const { engine, steps } = createTestEngine();
    const clock = fakeClock(engine);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    engine.accounting.enabled = true;
    engine.spawn(function* stutter() {
      for (;;) {
        clock.spend(10);
        yield;
      }
    });
    steps(61);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[loom] slow resume: #1 stutter (script stutter) ran 10.00 ms',
      '[loom] slow resume: #1 stutter (script stutter) ran 10.00 ms (and 59 more since the last warning)',
    ]);
    warn.mockRestore();
  });

  it('calls onTick at the end of every measured tick, even when one advance runs several', () => {
    const { engine } = createTestEngine();
    engine.accounting.enabled = true;
    const seen: string[] = [];
    engine.accounting.onTick = (tick, resumed) => seen.push(`${tick}:${resumed.map((t) => t.name).join(',')}`);
    engine.spawn(function* a() {
      for (;;) yield;
    });
    engine.spawn(function* b() {
      yield;
    });
    engine.advance(3 / 60);
    expect(seen).toEqual(['1:a,b', '2:a,b', '3:a']);
  });
});
