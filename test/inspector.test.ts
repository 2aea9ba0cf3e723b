import { describe, expect, it } from 'vitest';
import { countStates, createSignal, join, script, sleep, useThread, wait, type Engine, type Thread } from '../engine/index.ts';
import { Census } from '../game/inspector/census.ts';
import { age, ms } from '../game/inspector/format.ts';
import { ListSource } from '../game/inspector/list-source.ts';
import { ScriptTimeWindow } from '../game/inspector/script-time-window.ts';
import { rowWindow } from '../game/inspector/row-window.ts';
import { withReloads } from '../game/inspector/thread-list-view.ts';
import { exactness, topTitle } from '../game/inspector/summary-view.ts';
import { clampWidth, DEFAULT_LAYOUT, dockInsets, loadLayout, MIN_WIDTH, saveLayout } from '../game/inspector/dock.ts';
import { exactNameFor, matcherFor, ThreadSearch } from '../game/inspector/thread-search.ts';
import { createTestEngine } from './helpers.ts';

/** An engine with `count` threads in three kinds: sleepers, signal waiters and per-tick walkers (inside a sub-script). */
function populated(count: number): Engine {
  const { engine } = createTestEngine();
  const door = createSignal('door.opened');
  const stroll = script(function* stroll() {
    while (true) yield;
  });
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) engine.spawn({ name: 'sleeper' }, function* sleeper() { yield* sleep(100); });
    else if (i % 3 === 1) engine.spawn({ name: 'doorman' }, function* doorman() { yield* wait(door); });
    else engine.spawn({ name: 'walker' }, function* walker() { yield* stroll(); });
  }
  engine.step();
  return engine;
}

describe('rowWindow: the rows a virtual list draws', () => {
  it('draws the rows in view, plus one for the partly visible row, at whole row heights while the list is short', () => {
    expect(rowWindow({ total: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 0 })).toEqual({
      spacerHeight: 2000, first: 0, count: 11, offset: 0,
    });
    expect(rowWindow({ total: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 450 })).toEqual({
      spacerHeight: 2000, first: 22, count: 11, offset: -10,
    });
  });

  it('draws nothing for no rows, and never draws past the last row', () => {
    expect(rowWindow({ total: 0, rowHeight: 20, viewportHeight: 200, scrollTop: 0 })).toEqual({
      spacerHeight: 0, first: 0, count: 0, offset: 0,
    });
    expect(rowWindow({ total: 3, rowHeight: 20, viewportHeight: 200, scrollTop: 0 })).toMatchObject({ first: 0, count: 3 });
    expect(rowWindow({ total: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 99_999 })).toMatchObject({
      first: 90, count: 10, offset: 0,
    });
  });

  it('caps the spacer for a million rows and still reaches the first and the last row', () => {
    const base = { total: 1_000_000, rowHeight: 20, viewportHeight: 400, maxSpacerHeight: 1_000_000 };
    const top = rowWindow({ ...base, scrollTop: 0 });
    expect(top).toEqual({ spacerHeight: 1_000_000, first: 0, count: 21, offset: 0 });
    const bottom = rowWindow({ ...base, scrollTop: 1_000_000 - 400 });
    expect(bottom.first + bottom.count).toBe(1_000_000);
    // The last row's bottom edge is the viewport's bottom edge.
    expect(bottom.offset + bottom.count * 20).toBeCloseTo(400, 6);
  });

  it('moves through a capped list monotonically as the scroll position grows', () => {
    const base = { total: 1_000_000, rowHeight: 20, viewportHeight: 400, maxSpacerHeight: 1_000_000 };
    const firsts = [0, 1, 2, 250_000, 500_000, 999_599].map((scrollTop) => rowWindow({ ...base, scrollTop }).first);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});

describe('matcherFor: the search query', () => {
  const engine = populated(9);
  const names = (query: string): string[] => engine.threads().filter(matcherFor(query)!).map((t) => t.label);

  it('has no matcher for an empty query', () => {
    expect(matcherFor('   ')).toBeNull();
  });

  it('matches an exact id with #, and a state, a part of the name or of the wait, case-insensitively', () => {
    expect(names('#4')).toEqual(['#4 sleeper']);
    expect(names('READY')).toEqual(['#3 walker', '#6 walker', '#9 walker']);
    expect(names('door')).toEqual(['#2 doorman', '#5 doorman', '#8 doorman']);
    expect(names('signal')).toEqual(['#2 doorman', '#5 doorman', '#8 doorman']);
    expect(names('until 100')).toEqual(['#1 sleeper', '#4 sleeper', '#7 sleeper']);
  });

  it('needs every term to match; a phrase in double quotes is one term', () => {
    expect(names('waiting man')).toEqual(['#2 doorman', '#5 doorman', '#8 doorman']);
    expect(names('waiting walker')).toEqual([]);
    expect(names('sleep 4')).toEqual(['#4 sleeper']);
    expect(names('"sleep until 100.02"')).toEqual(['#1 sleeper', '#4 sleeper', '#7 sleeper']);
    expect(names('"until sleep"')).toEqual([]);
    expect(names('"door')).toEqual(['#2 doorman', '#5 doorman', '#8 doorman']);
  });
});

describe('ThreadSearch: filtering a live list a slice at a time', () => {
  it('finds, in slices, exactly what one pass over 150k threads finds', () => {
    const engine = populated(150_000);
    const matcher = matcherFor('doorman')!;
    const search = new ThreadSearch(() => engine.threads(), matcher);
    let slices = 0;
    while (!search.done) {
      expect(search.step(8192)).toBeLessThanOrEqual(8192);
      slices++;
    }
    expect(slices).toBe(Math.ceil(150_000 / 8192));
    expect(search.scanned).toBe(150_000);
    expect(search.matches).toEqual(engine.threads().filter(matcher));
    expect(search.matches).toHaveLength(50_000);
  });

  it('lists the threads named exactly as a term first: `boss` finds the boss before the director waiting on it', () => {
    const { engine, steps } = createTestEngine();
    const boss = engine.spawn({ name: 'boss' }, function* boss() {
      yield* sleep(100);
    });
    const director = engine.spawn({ name: 'director' }, function* director() {
      yield* join(boss);
    });
    const bossling = engine.spawn({ name: 'bossling' }, function* bossling() {
      yield* sleep(100);
    });
    steps(1);
    const order = engine.threads(); // boss, director, bossling
    expect(order).toEqual([boss, director, bossling]);
    const search = new ThreadSearch(() => order, matcherFor('boss')!, exactNameFor('boss'));
    search.step(1);
    expect(search.matches).toEqual([boss]);
    search.step(2);
    expect(search.matches.map((t) => t.name)).toEqual(['boss', 'director', 'bossling']);
    const swapped = [director, bossling, boss];
    const later = new ThreadSearch(() => swapped, matcherFor('BOSS')!, exactNameFor('BOSS'));
    later.step(3);
    expect(later.matches.map((t) => t.name)).toEqual(['boss', 'director', 'bossling']);
  });
});

describe('ListSource: the rows of the thread list', () => {
  it('is the live thread list when there is no query', () => {
    const engine = populated(6);
    const source = new ListSource(engine);
    expect(source.rows).toBe(engine.threads());
    expect(source.status).toBe('6 live threads');
  });

  it('searches within a time budget per step, showing partial results, then all of them', () => {
    const engine = populated(30_000);
    let clock = 0;
    // Each look at the clock costs 1 ms: with a 2 ms budget, a step scans one slice of 4096 threads.
    const now = (): number => clock++;
    const source = new ListSource(engine);
    source.setQuery('sleeper');
    source.step(2, now);
    expect(source.rows).toHaveLength(1366); // every third thread of the first slice of 4096
    expect(source.status).toBe('1,366 matches of 30,000 · searching 13%');
    let steps = 1;
    while (source.status.includes('searching')) {
      source.step(2, now);
      steps++;
    }
    expect(steps).toBe(Math.ceil(30_000 / 4096));
    expect(source.rows).toEqual(engine.threads().filter((t) => t.name === 'sleeper'));
    expect(source.status).toBe('10,000 matches of 30,000');
  });

  it('repeats a finished search after the refresh time, keeping the old results until the repeat ends', () => {
    const { engine, steps } = createTestEngine();
    engine.spawn({ name: 'scout' }, function* scout() { yield* sleep(100); });
    steps(1);
    let clock = 0;
    const now = (): number => clock;
    const source = new ListSource(engine, 1000);
    source.setQuery('scout');
    source.step(4, now);
    expect(source.rows.map((t) => t.label)).toEqual(['#1 scout']);
    engine.spawn({ name: 'scout' }, function* scout() { yield* sleep(100); });
    steps(1);
    clock = 999;
    source.step(4, now);
    expect(source.rows.map((t) => t.label)).toEqual(['#1 scout']);
    clock = 1000;
    source.step(4, now);
    expect(source.rows.map((t) => t.label)).toEqual(['#1 scout', '#2 scout']);
  });

  it('lists exactly the picked threads until the pick is cleared or a new query is typed', () => {
    const engine = populated(9);
    const source = new ListSource(engine);
    const picked = [engine.threads()[4]!, engine.threads()[1]!];
    source.pick(picked);
    expect(source.rows).toEqual(picked);
    expect(source.isPicked).toBe(true);
    expect(source.status).toBe('2 threads of the picked entity');
    source.clearPick();
    expect(source.rows).toBe(engine.threads());
    source.pick(picked);
    source.setQuery('walker');
    expect(source.isPicked).toBe(false);
  });
});

describe('Census: state counts', () => {
  it('counts the threads per state like countStates, cancelling ones apart, over a sweep split into slices', () => {
    const engine = populated(10_000);
    const sleepers = engine.threads().filter((thread) => thread.name === 'sleeper').slice(0, 5);
    for (const thread of sleepers) thread.cancel();
    const census = new Census(engine);
    census.step(4000);
    census.step(4000);
    expect(census.latest).toBeNull();
    census.step(4000);
    expect(census.latest!.states).toEqual(countStates(engine));
    expect(census.latest!.total).toBe(10_000);
    expect(census.latest!.states.cancelling).toBe(5);
  });

  it('starts a new sweep at most every everyMs, finishing the one under way regardless', () => {
    const engine = populated(10_000);
    const census = new Census(engine, 250);
    const published: string[] = [];
    let last = census.latest;
    for (const nowMs of [0, 10, 20, 30, 100, 249, 250, 260, 270, 300]) {
      census.step(4000, nowMs);
      if (census.latest !== last) published.push(`${nowMs}`);
      last = census.latest;
    }
    // Sweeps of 3 slices: from 0 (published at 20), and from 250 (published at 270).
    expect(published).toEqual(['20', '270']);
  });
});

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

describe('format: the inspector numbers', () => {
  it('shows ages in seconds, then minutes, then hours', () => {
    expect([30, 60 * 125, 60 * (2 * 3600 + 3 * 60 + 59)].map((ticks) => age(ticks, 1 / 60))).toEqual(['0.5 s', '2 m 05 s', '2 h 03 m']);
  });

  it('shows milliseconds with two decimals and a dot for none', () => {
    expect([0, 0.004, 1.5].map(ms)).toEqual(['·', '0.00', '1.50']);
  });
});

describe('SummaryView: what the top list says of itself', () => {
  it('says no tick was measured yet while paused, never "the last 0.00 s"', () => {
    expect(topTitle(0, 60, 1 / 60, true)).toBe('top threads · no tick measured yet: paused');
    expect(topTitle(0, 60, 1 / 60, false)).toBe('top threads · no tick measured yet');
    expect(topTitle(30, 60, 1 / 60, true)).toBe('top threads · script time over the last 0.50 s, ms');
    expect(topTitle(60, 60, 1 / 60, false)).toBe('top threads · script time over the last second, ms');
  });

  it('says how exact the times are: who is timed alone, the run length, and what went to no thread', () => {
    const { engine, steps } = createTestEngine();
    let clock = 0;
    engine.accounting.now = () => clock;
    engine.accounting.enabled = true;
    engine.spawn(function* heavy() {
      for (;;) {
        clock += 1;
        yield;
      }
    });
    steps(2);
    expect(exactness(engine.accounting)).toBe(
      'sampled: threads over 0.1 ms a resume are timed at every resume; others at 1 resume in 4,096, the rest timed ' +
        'in runs of 1 (one clock read a run) · 1 threads timed last tick · 0.00 ms charged to none (pauses, slow ' +
        'resumes not yet confirmed)',
    );
  });
});

describe('dock: where the panel sits, remembered', () => {
  /** A Storage stand-in holding one map. */
  const memory = (): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
  };

  it('defaults to docked right, and reads back what was saved; an unreadable entry is the default', () => {
    const storage = memory();
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    saveLayout(storage, { side: 'left', width: 400 });
    expect(loadLayout(storage)).toEqual({ side: 'left', width: 400 });
    storage.items.set([...storage.items.keys()][0]!, '{"side":"top","width":400}');
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    storage.items.set([...storage.items.keys()][0]!, 'not json');
    expect(loadLayout(storage)).toEqual(DEFAULT_LAYOUT);
    expect(loadLayout(null)).toEqual(DEFAULT_LAYOUT);
  });

  it('keeps the width between the minimum and 60% of the window', () => {
    expect([clampWidth(100, 1280), clampWidth(2000, 1280), clampWidth(500.4, 1280), clampWidth(500, 300)]).toEqual([MIN_WIDTH, 768, 500, 300]);
  });

  it('asks the page for room on the docked side while open only', () => {
    expect(dockInsets({ side: 'right', width: 480 }, true)).toEqual({ left: 0, right: 480 });
    expect(dockInsets({ side: 'left', width: 400 }, true)).toEqual({ left: 400, right: 0 });
    expect(dockInsets({ side: 'float', width: 400 }, true)).toEqual({ left: 0, right: 0 });
    expect(dockInsets({ side: 'left', width: 400 }, false)).toEqual({ left: 0, right: 0 });
  });
});

describe('withReloads: the marker of a hot-reloaded thread in the list', () => {
  it('shows nothing for a thread never reloaded, and the count for one that was', () => {
    expect([withReloads('grunt', 0), withReloads('grunt', 2)]).toEqual(['grunt', 'grunt ↻2']);
  });
});
