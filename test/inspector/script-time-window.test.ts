import { describe, expect, it } from 'vitest';
import { createSignal, useThread, wait, type Thread } from '../../engine/index.ts';
import { ScriptTimeWindow } from '../../inspector/script-time-window.ts';
import { createTestEngine } from '../helpers.ts';

describe('ScriptTimeWindow: script time per thread over the last second', () => {
  /** What a thread cost, by the accounting clock, in one tick. */
  interface Cost {
    tick: number;
    thread: Thread;
    ms: number;
  }

  /**
   * An engine whose accounting clock only moves when a script calls `work(ms)`: each resume measures exactly the
   * work done in it, and `log` records it.
   */
  function timed() {
    const { engine, steps } = createTestEngine();
    let clock = 0;
    engine.accounting.now = () => clock;
    engine.accounting.slowResumeMs = Infinity;
    engine.accounting.enabled = true;
    const log: Cost[] = [];
    const work = (ms: number): void => {
      clock += ms;
      log.push({ tick: engine.tick, thread: useThread(), ms });
    };
    /** The top `count` live threads by their logged time in the `ticks` ticks up to the last, worked out from the log. */
    const expectedTop = (count: number, ticks = 60) => {
      const sums = new Map<Thread, number>();
      for (const { tick, thread, ms } of log) {
        if (tick > engine.tick - ticks && thread.alive) sums.set(thread, (sums.get(thread) ?? 0) + ms);
      }
      return [...sums].map(([thread, ms]) => ({ thread, ms })).sort((a, b) => b.ms - a.ms).slice(0, count);
    };
    return { engine, steps, work, expectedTop };
  }

  // Costs are multiples of 1/8 ms: sums and differences of them are exact in floating point.
  it('ranks the threads by their exact script time over the last 60 ticks, however many ticks ran between samples', () => {
    const { engine, steps, work, expectedTop } = timed();
    const door = createSignal('door');
    const scripts = [
      function* burst() {
        while (engine.tick <= 40) {
          work(1.5);
          yield;
        }
        yield* wait(door); // alive, but no longer running
      },
      function* steady() {
        for (;;) {
          work(0.5);
          yield;
        }
      },
      function* everyOther() {
        for (;;) {
          work(engine.tick % 2 === 0 ? 2 : 0.125);
          yield;
        }
      },
      function* sawtooth() {
        for (;;) {
          work(0.25 * (engine.tick % 4));
          yield;
        }
      },
      function* lateRiser() {
        for (;;) {
          work(engine.tick > 100 ? 3 : 0.125);
          yield;
        }
      },
      function* shortLived() {
        while (engine.tick < 50) {
          work(4);
          yield;
        }
      },
    ];
    const [, steady] = scripts.map((fn) => engine.spawn(fn));
    const recent = new ScriptTimeWindow(engine);
    recent.start();
    const seen: string[][] = [];
    for (let frame = 1; frame <= 60; frame++) {
      steps(3); // three ticks a frame: the window must still see every tick
      const top = recent.top(4);
      expect(top).toEqual(expectedTop(4));
      expect(recent.msOf(steady!)).toBe(0.5 * Math.min(60, engine.tick));
      seen.push(top.map((entry) => entry.thread.name));
    }
    // The ranking moved: at tick 33 the short-lived thread led; at tick 63 it had ended, and the burst (done at
    // tick 40) was second; by tick 180 the burst had dropped out and the late riser led.
    expect(seen[10]).toEqual(['shortLived', 'burst', 'everyOther', 'steady']);
    expect(seen[20]).toEqual(['everyOther', 'burst', 'steady', 'sawtooth']);
    expect(seen.at(-1)).toEqual(['lateRiser', 'everyOther', 'steady', 'sawtooth']);
    expect(recent.ticks).toBe(60);
  });

  it('drops a thread that stopped running exactly one second after its last tick, and never lists an ended one', () => {
    const { engine, steps, work } = timed();
    const door = createSignal('door');
    const resting = engine.spawn({ name: 'resting' }, function* resting() {
      for (let i = 0; i < 10; i++) {
        work(1);
        yield;
      }
      yield* wait(door);
    });
    const ending = engine.spawn({ name: 'ending' }, function* ending() {
      work(2);
    });
    const recent = new ScriptTimeWindow(engine);
    recent.start();
    steps(1);
    expect(recent.msOf(ending)).toBe(2);
    expect(recent.top(8).map((entry) => entry.thread)).toEqual([resting]); // `ending` ran, then ended
    steps(9);
    const lastRun = engine.tick;
    steps(59);
    expect(recent.top(8)).toEqual([{ thread: resting, ms: 1 }]); // its last tick is still in the window
    steps(1);
    expect(recent.top(8)).toEqual([]);
    expect(recent.msOf(resting)).toBe(0);
    expect(engine.tick).toBe(lastRun + 60);
  });

  it('reads every tick exactly when the budget carries threads over to the next tick', () => {
    const { engine, steps, work } = timed();
    engine.accounting.budgetMs = 1;
    const door = createSignal('door');
    const heavy = engine.spawn(function* heavy() {
      work(2); // over the budget: `light`, due after it in tick 1, runs first thing in tick 2
      yield* wait(door);
    });
    const light = engine.spawn(function* light() {
      for (;;) {
        work(0.5);
        yield;
      }
    });
    const recent = new ScriptTimeWindow(engine);
    recent.start();
    steps(3);
    expect(engine.accounting.carriedOver).toBe(0);
    expect([recent.msOf(heavy), recent.msOf(light)]).toEqual([2, 1]);
  });

  it('leaves out the tick before start, fills up over a second, and reads no more ticks after stop', () => {
    const { engine, steps, work } = timed();
    engine.spawn({ name: 'steady' }, function* steady() {
      for (;;) {
        work(1);
        yield;
      }
    });
    steps(5);
    const threads = engine.threadCount;
    const recent = new ScriptTimeWindow(engine);
    recent.start();
    expect(recent.ticks).toBe(0);
    expect(recent.top(1)).toEqual([]);
    steps(10);
    expect(recent.ticks).toBe(10);
    expect(recent.top(1)[0]!.ms).toBe(10);
    expect(engine.threadCount).toBe(threads); // it reads the engine's per-tick hook: no thread of its own
    recent.stop();
    steps(100);
    expect(recent.top(1)[0]!.ms).toBe(10); // stopped: it keeps what it held, and reads no more ticks
    expect(engine.threadCount).toBe(threads);
    recent.start();
    steps(2);
    expect([recent.ticks, recent.top(1)[0]!.ms]).toEqual([2, 2]);
  });
});
