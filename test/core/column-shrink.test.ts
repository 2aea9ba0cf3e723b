import { describe, expect, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { createSignal, join, receive, spawn, wait, type Engine, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';
import { fakeClock } from '../accounting/fake-clock.ts';

// Once few threads live, the thread columns shrink between ticks, moving the live threads down to the lowest slots.
// Nothing a script or the host sees may change: these tests run the same threads with and without a shrink.

const capacity = (engine: Engine): number => schedulerOf(engine).columns.capacity;

/** `count` threads that run in the next tick and end in the one after; in a fresh engine, slots 0 to count-1. */
function crowd(engine: Engine, count: number): void {
  for (let i = 0; i < count; i++) {
    engine.spawn(function* brief() {
      yield;
    });
  }
}

/** `count` threads that wait for good (on a signal never emitted): with enough of them, the columns never shrink. */
function ballast(engine: Engine, count: number): void {
  const never = createSignal('never');
  for (let i = 0; i < count; i++) {
    engine.spawn(function* idle() {
      yield* wait(never);
    });
  }
}

interface Residents {
  log: string[];
  threads: Thread[];
}

/**
 * Threads that live through a crowd's end, each in a wait of its own kind, spawned after the crowd (so above its
 * slots): a receiver (lowest slot, woken last), three threads yielding every tick, a sleeper due in the tick
 * that follows the shrink, its joiner, and a long sleeper in the wheel's second level.
 */
function residents(engine: Engine): Residents {
  const log: string[] = [];
  const at = (text: string): void => void log.push(`${text}@${engine.tick}`);
  const receiver = engine.spawn({ name: 'receiver' }, function* receiver() {
    for (;;) at(`got ${String(yield* receive())}`);
  });
  const tickers = ['a', 'b', 'c'].map((name) =>
    engine.spawn({ name }, function* ticker() {
      for (;;) {
        if (engine.tick >= 60 && engine.tick <= 63) at(name);
        yield;
      }
    }));
  const sleeper = engine.spawn({ name: 'sleeper' }, function* sleeper() {
    yield* wait(61); // first run in tick 1: due in tick 62
    at('sleeper woke');
    yield* wait(10);
    return 'slept';
  });
  const joiner = engine.spawn({ name: 'joiner' }, function* joiner() {
    at(`joined ${String(yield* join(sleeper))}`);
    const child = yield* spawn({ name: 'late child' }, function* lateChild() {
      at('late child ran');
    });
    yield* join(child);
  });
  const late = engine.spawn({ name: 'late' }, function* late() {
    yield* wait(5000);
    at('late woke');
  });
  return { log, threads: [receiver, ...tickers, sleeper, joiner, late] };
}

const labels = (threads: readonly Thread[]): string[] => threads.map((thread) => `${thread.label} ${thread.stateName}`);

describe('shrinking the thread columns', () => {
  it('shrinks a second after a peak, between ticks, keeping run order, ids, states, queued wakes, sleepers, joins and mail', () => {
    const { engine, steps } = createTestEngine();
    crowd(engine, 3000);
    const { log, threads } = residents(engine);
    steps(61);
    // The crowd ended in tick 2; the columns were found sparse before ticks 3 to 61: 59 ticks, one short.
    expect([capacity(engine), threads.map((t) => t.slot)]).toEqual([4096, [3000, 3001, 3002, 3003, 3004, 3005, 3006]]);
    const before = labels(engine.threads());
    expect(before).toEqual([
      '#3001 receiver waiting', '#3002 a ready', '#3003 b ready', '#3004 c ready',
      '#3005 sleeper waiting', '#3006 joiner waiting', '#3007 late waiting',
    ]);
    threads[0]!.send('hello' as never); // queued for tick 62 after a, b and c, though its slot is below theirs
    threads[0]!.send('again' as never); // left in its mailbox
    steps(1);
    expect([capacity(engine), threads.map((t) => t.slot)]).toEqual([1024, [0, 1, 2, 3, 4, 5, 6]]);
    expect(labels(engine.threads())).toEqual([
      '#3001 receiver waiting', '#3002 a ready', '#3003 b ready', '#3004 c ready',
      '#3005 sleeper waiting', '#3006 joiner waiting', '#3007 late waiting',
    ]);
    steps(1);
    expect(log).toEqual([
      'a@60', 'b@60', 'c@60', 'a@61', 'b@61', 'c@61',
      'a@62', 'b@62', 'c@62', 'got hello@62', 'got again@62', 'sleeper woke@62',
      'a@63', 'b@63', 'c@63',
    ]);
    steps(9);
    expect(log.slice(15)).toEqual(['joined slept@72', 'late child ran@72']);
    expect(labels(engine.threads())).toEqual([
      '#3001 receiver waiting', '#3002 a ready', '#3003 b ready', '#3004 c ready', '#3006 joiner ready', '#3007 late waiting',
    ]);
    steps(4929);
    expect(log.slice(17)).toEqual(['late woke@5001']);
    expect(capacity(engine)).toBe(1024);
  });

  it('changes nothing the threads do: the same residents with ballast that keeps the columns from shrinking', () => {
    const shrunk = createTestEngine();
    const kept = createTestEngine();
    crowd(shrunk.engine, 3000);
    crowd(kept.engine, 3000);
    const a = residents(shrunk.engine);
    const b = residents(kept.engine);
    ballast(kept.engine, 600); // 607 live of 4096 slots: more than an eighth
    for (const run of [shrunk, kept]) {
      run.steps(61);
      run.engine.threads()[0]!.send('hello' as never);
    }
    for (const run of [shrunk, kept]) run.steps(5000);
    expect([capacity(shrunk.engine), capacity(kept.engine)]).toEqual([1024, 4096]);
    expect(a.log).toHaveLength(17);
    expect(a.log).toEqual(b.log);
    expect(a.threads.map((t) => `${t.label} ${t.stateName} ${String(t.result)}`))
      .toEqual(b.threads.map((t) => `${t.label} ${t.stateName} ${String(t.result)}`));
  });

  it('renumbers threads a budget carried over in the queue of this tick, and their resume counts', () => {
    const runs = [createTestEngine(), createTestEngine()].map(({ engine, steps }, i) => {
      const clock = fakeClock(engine);
      engine.accounting.enabled = true;
      engine.accounting.budgetMs = 3; // 3 of the 5 workers a tick, the other 2 carried over to the next
      crowd(engine, 3000);
      const order: string[] = [];
      const counted = [0, 0, 0, 0, 0];
      const workers = ['a', 'b', 'c', 'd', 'e'].map((name, w) =>
        engine.spawn({ name }, function* worker() {
          for (;;) {
            counted[w]!++;
            if (engine.tick >= 59) order.push(`${name}${engine.tick}`);
            clock.spend(1);
            yield;
          }
        }));
      if (i === 1) ballast(engine, 600);
      steps(61);
      const carried = engine.accounting.carriedOver;
      steps(3);
      return { engine, order, carried, counted, resumes: workers.map((w) => engine.accounting.resumesOf(w)) };
    });
    const [shrunk, kept] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect([capacity(shrunk.engine), capacity(kept.engine)]).toEqual([1024, 4096]);
    expect(shrunk.carried).toBe(2);
    expect(shrunk.order).toEqual(kept.order);
    expect(shrunk.order.slice(0, 9)).toEqual(['d59', 'e59', 'a59', 'b60', 'c60', 'd60', 'e61', 'a61', 'b61']);
    expect(shrunk.resumes).toEqual(shrunk.counted); // counted in slots that moved: every resume, exactly
    expect(kept.resumes).toEqual(kept.counted);
  });

  it('keeps timing a heavy thread alone across the shrink: its mark moves with its slot', () => {
    const runs = [createTestEngine(), createTestEngine()].map(({ engine, steps }, i) => {
      const clock = fakeClock(engine);
      engine.accounting.enabled = true;
      engine.accounting.sampleEvery = 0; // no samples of light threads: only marks time a thread alone
      crowd(engine, 3000);
      const spender = (name: string, ms: number): Thread =>
        engine.spawn({ name }, function* spender() {
          for (;;) {
            clock.spend(ms);
            yield;
          }
        });
      for (let n = 0; n < 20; n++) spender(`light${n}`, 1 / 1024);
      const heavy = spender('heavy', 0.5);
      if (i === 1) ballast(engine, 600);
      const seen: string[] = [];
      for (let tick = 1; tick <= 64; tick++) {
        steps(1);
        if (tick >= 60) seen.push(`${engine.accounting.timed.map((t) => t.name).join(',')} ${engine.accounting.threadMs(heavy)}`);
      }
      return { engine, seen };
    });
    expect(capacity(runs[0]!.engine)).toBe(1024);
    expect(runs[0]!.seen).toEqual(['heavy 0.5', 'heavy 0.5', 'heavy 0.5', 'heavy 0.5', 'heavy 0.5']);
    expect(runs[1]!.seen).toEqual(runs[0]!.seen);
  });

  it('moves where each thread was spawned and what restarting it takes with it, and a reload after restarts it', () => {
    const { engine, steps } = createTestEngine({ hotReload: true, callSites: 'frames' });
    const order: string[] = [];
    function* walker(name: string) {
      for (;;) { order.push(`v1 ${name}@${engine.tick}`); yield* wait(100); }
    }
    function* walkerEdited(name: string) {
      for (;;) { order.push(`v2 ${name}@${engine.tick}`); yield* wait(100); }
    }
    crowd(engine, 3000);
    const walkers = ['x', 'y'].map((name) => engine.spawn(walker, name));
    steps(61);
    const [spawnings, hots] = [walkers.map((w) => w.spawning), walkers.map((w) => w.hot)];
    expect(spawnings.map((s) => s?.id)).toEqual([3001, 3002]);
    steps(1);
    expect([capacity(engine), walkers.map((w) => w.slot)]).toEqual([1024, [0, 1]]);
    expect(hots.map((hot) => hot?.script)).toEqual([walker, walker]);
    expect(walkers.map((w, i) => w.spawning === spawnings[i] && w.hot === hots[i])).toEqual([true, true]);
    expect(engine.reload([{ from: walker, to: walkerEdited }])).toEqual(walkers);
    steps(2);
    expect(order).toEqual(['v1 x@1', 'v1 y@1', 'v2 x@64', 'v2 y@64']);
    expect(walkers.map((w) => `${w.label} ${w.stateName} ${w.reloads}`)).toEqual(['#3001 walkerEdited waiting 1', '#3002 walkerEdited waiting 1']);
  });

  it('moves threads to the lowest slots in slot order, into the smallest power of two twice their number', () => {
    const { engine, steps } = createTestEngine();
    const order: number[] = [];
    const stay: Thread[] = [];
    for (let i = 0; i < 20_000; i++) {
      const keep = i % 10 === 3;
      const thread = engine.spawn(function* member() {
        yield;
        while (keep) {
          if (engine.tick === 62) order.push(i);
          yield;
        }
      });
      if (keep) stay.push(thread);
    }
    steps(61);
    expect([capacity(engine), engine.threadCount]).toEqual([32_768, 2000]); // 2000 × 8 = 16,000: sparse
    steps(1);
    expect(capacity(engine)).toBe(4096);
    expect(stay.map((t) => t.slot)).toEqual(stay.map((_, i) => i));
    expect(order).toEqual(stay.map((_, i) => 10 * i + 3));
    expect(engine.threads()).toEqual(stay);
  });

  it('does not shrink while threads come and go in waves, and shrinks once a second after the last', () => {
    const { engine, steps } = createTestEngine();
    const columns = schedulerOf(engine).columns;
    const replaced: string[] = [];
    let flags = columns.flags;
    for (let tick = 0; tick < 300; tick++) {
      if (tick % 50 === 0) crowd(engine, 1500); // 1500 live for two ticks in fifty: sparse in 48 ticks in a row at most
      steps(1);
      if (columns.flags !== flags) replaced.push(`${columns.capacity} at ${engine.tick}`);
      flags = columns.flags;
    }
    expect(replaced).toEqual(['2048 at 1']);
    steps(100);
    if (columns.flags !== flags) replaced.push(`${columns.capacity} after`);
    expect(replaced).toEqual(['2048 at 1', '1024 after']);
  });

  it('does not shrink again while the threads left fill a quarter of the new columns or more', () => {
    const { engine, steps } = createTestEngine();
    const never = createSignal('never');
    const idlers: Thread[] = [];
    for (let i = 0; i < 8192; i++) {
      const thread = engine.spawn(function* idler() {
        yield* wait(never);
      });
      idlers.push(thread);
    }
    steps(1);
    for (const thread of idlers.slice(600)) thread.cancel(); // 600 left of 8192 slots: sparse
    steps(70);
    expect(capacity(engine)).toBe(2048); // the smallest power of two at least twice 600
    for (const thread of idlers.slice(300, 600)) thread.cancel(); // 300 left: more than 2048 / 8
    steps(200);
    expect(capacity(engine)).toBe(2048);
    for (const thread of idlers.slice(250, 300)) thread.cancel(); // 250 left: an eighth or fewer
    steps(70);
    expect([capacity(engine), engine.threadCount]).toEqual([1024, 250]);
  });
});
