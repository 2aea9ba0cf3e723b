import { describe, expect, it } from 'vitest';
import { countStates, createSignal, script, sleep, wait, type Engine, type Thread } from '../engine/index.ts';
import { Census } from '../game/inspector/census.ts';
import { age, ms } from '../game/inspector/format.ts';
import { ListSource } from '../game/inspector/list-source.ts';
import { rowWindow } from '../game/inspector/row-window.ts';
import { matcherFor, ThreadSearch } from '../game/inspector/thread-search.ts';
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

describe('Census: state counts and the top threads by script time', () => {
  /** An engine whose accounting clock is advanced by the scripts themselves: thread i "costs" costs[i] ms a tick. */
  function timed(costs: number[]): { engine: Engine; threads: Thread[]; steps: (n: number) => void } {
    const { engine, steps } = createTestEngine();
    let clock = 0;
    engine.accounting.now = () => clock;
    engine.accounting.slowResumeMs = Infinity;
    engine.accounting.enabled = true;
    const threads = costs.map((cost, i) =>
      engine.spawn({ name: `worker${i}` }, function* worker() {
        while (true) {
          clock += cost;
          yield;
        }
      }),
    );
    return { engine, threads, steps };
  }

  it('counts the threads per state like countStates, over a sweep split into slices', () => {
    const engine = populated(10_000);
    const census = new Census(engine, 3);
    census.step(4000);
    census.step(4000);
    expect(census.latest).toBeNull();
    census.step(4000);
    expect(census.latest!.states).toEqual(countStates(engine));
    expect(census.latest!.total).toBe(10_000);
    expect(census.latest!.cancelling).toBe(0);
  });

  it('ranks the threads by their average script time per tick, most first, keeping the top N', () => {
    const { engine, threads, steps } = timed([1, 5, 0, 3, 2, 4]);
    steps(30);
    const census = new Census(engine, 3);
    census.step(2);
    census.step(2);
    census.step(2);
    const top = census.latest!.top;
    expect(top.map((entry) => entry.thread)).toEqual([threads[1], threads[5], threads[3]]);
    expect(top[0]!.msPerTick).toBeCloseTo(engine.accounting.threadAverageMs(threads[1]!), 12);
    expect(top[0]!.msPerTick / top[2]!.msPerTick).toBeCloseTo(5 / 3, 6);
  });

  it('reads the top threads again when asked, dropping those that ended and re-sorting the rest', () => {
    const { engine, threads, steps } = timed([1, 5, 3]);
    steps(10);
    const census = new Census(engine, 3);
    census.step(100);
    threads[1]!.cancel();
    steps(1);
    expect(census.freshTop().map((entry) => entry.thread)).toEqual([threads[2], threads[0]]);
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
