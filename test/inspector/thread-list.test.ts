import { describe, expect, it } from 'vitest';
import { join, sleep } from '../../engine/index.ts';
import { ListSource } from '../../inspector/list-source.ts';
import { rowWindow } from '../../inspector/row-window.ts';
import { withReloads } from '../../inspector/thread-list-view.ts';
import { exactNameFor, matcherFor, ThreadSearch } from '../../inspector/thread-search.ts';
import { createTestEngine } from '../helpers.ts';
import { populated } from './populated.ts';

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
    expect(source.status).toBe('2 picked threads');
    source.clearPick();
    expect(source.rows).toBe(engine.threads());
    source.pick(picked);
    source.setQuery('walker');
    expect(source.isPicked).toBe(false);
  });
});

describe('withReloads: the marker of a hot-reloaded thread in the list', () => {
  it('shows nothing for a thread never reloaded, and the count for one that was', () => {
    expect([withReloads('grunt', 0), withReloads('grunt', 2)]).toEqual(['grunt', 'grunt ↻2']);
  });
});
