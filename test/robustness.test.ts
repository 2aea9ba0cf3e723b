import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DeadlockError, Engine, LoomError, all, cancel, join, race, receive, send, shield, sleep, spawn, timeout, wait,
  type Thread,
} from '../engine/index.ts';
import { TimingWheel } from '../engine/timing-wheel.ts';
import { createTestEngine } from './helpers.ts';

// engine.step() never throws and never hangs because of what a script did.

describe('step() survives what scripts do', () => {
  it('ends a parent-to-child chain 100,000 deep without recursion, once its last child ends', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const depth = 100_000;
    const root = engine.spawn(function* link(level: number): Generator<unknown, number, unknown> {
      if (level < depth) {
        yield* spawn(link, level + 1);
        yield; // the child starts in this tick; in the next, this script ends, and its end cancels the child
      } else yield* shield(wait(2)); // the leaf ends last: every thread above it waits for its child to end
      return level;
    }, 1);
    steps(2);
    expect([engine.threadCount, root.waitingOn]).toEqual([depth, 'children ending (1 left)']);
    steps(1);
    expect([engine.threadCount, root.stateName, root.result]).toEqual([0, 'done', 1]);
    expect(takeErrors()).toEqual([]);
  });

  it('cancels a chain 100,000 deep of sleeping threads, and a join of its root sees the whole tree gone', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const depth = 100_000;
    const root = engine.spawn(function* link(level: number): Generator<unknown, void, unknown> {
      if (level < depth) yield* spawn(link, level + 1);
      yield* sleep(100);
    }, 1);
    const seen: string[] = [];
    engine.spawn(function* watcher() {
      try {
        yield* join(root);
      } catch (error) {
        seen.push(`${(error as Error).name}@${engine.tick}`);
      }
    });
    steps(2);
    root.cancel();
    steps(2);
    expect(seen).toEqual(['CancelledError@3']);
    expect(engine.threadCount).toBe(0);
    expect(takeErrors()).toEqual([]);
  });

  it('keeps a wait of 2^40 ticks parked, with its due tick, and goes on ticking', () => {
    const { engine, steps } = createTestEngine();
    const t = engine.spawn(function* patient() {
      yield* wait(2 ** 40);
    });
    steps(3);
    expect(t.waitingOn).toBe(`wait until tick ${2 ** 40 + 1}`);
    expect(engine.timers.size).toBe(1);
  });

  it('refuses waits longer than 2^52 ticks, as sleep, wait, timeout and receive alike', () => {
    const { engine, steps } = createTestEngine();
    const messages: string[] = [];
    engine.spawn(function* greedy() {
      for (const op of [sleep(2 ** 60), wait(2 ** 53), timeout(1, sleep(2 ** 60)), receive(2 ** 60)]) {
        try {
          yield* op;
        } catch (error) {
          messages.push((error as Error).message.replace(/ in #\d+ [^ ]+?(?=: )/, ''));
        }
      }
    });
    steps(3);
    expect(messages).toEqual([
      `sleep(${2 ** 60}): longer than the longest wait (2^52 ticks)`,
      `wait(${2 ** 53} ticks): ticks must be a whole number from 1 to 2^52 (a bare \`yield\` waits one tick)`,
      `thread #2 timeout:op failed: sleep(${2 ** 60}): longer than the longest wait (2^52 ticks)`,
      `receive(${2 ** 60}): longer than the longest wait (2^52 ticks)`,
    ]);
  });

  it('lets a predicate cancel another predicate waiter, and its own thread, while the tick runs every thread', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: string[] = [];
    let victim: Thread | null = null;
    let self: Thread | null = null;
    engine.spawn(function* killer() {
      yield* wait(function cancelsTheNext() {
        if (engine.tick < 2) return false;
        cancel(victim!);
        return true;
      });
      order.push(`killer woke@${engine.tick}`);
    });
    victim = engine.spawn(function* victim() {
      yield* wait(() => false);
    });
    self = engine.spawn(function* suicidal() {
      try {
        yield* wait(function cancelsItself() {
          if (engine.tick >= 2) cancel(self!);
          return false;
        });
      } finally {
        order.push(`suicidal cleaned@${engine.tick}`);
      }
    });
    engine.spawn(function* bystander() {
      yield;
      order.push(`bystander@${engine.tick}`);
    });
    steps(3);
    expect(order).toEqual(['bystander@2', 'killer woke@2', 'suicidal cleaned@2']);
    expect([victim.stateName, self.stateName]).toEqual(['cancelled', 'cancelled']);
    expect(takeErrors()).toEqual([]);
  });

  it('frees the mailbox when a receive in a timeout branch times out, so the loop receives again', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const got: string[] = [];
    const listener = engine.spawn(function* listener() {
      for (;;) {
        const r = yield* timeout(1, receive<string>(0.1));
        got.push(`${r.timedOut ? 'timed out' : String(r.value)}@${engine.tick}`);
      }
    });
    steps(20);
    send(listener, 'hi');
    steps(1);
    expect(got).toEqual(['undefined@7', 'undefined@13', 'undefined@19', 'hi@21']);
    expect(takeErrors()).toEqual([]);
  });

  it('throws a DeadlockError naming the threads when a join closes a cycle through a race or all branch', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    let caught: unknown = null;
    const a: Thread = engine.spawn(function* first() {
      const second = yield* spawn(function* second() {
        yield;
        yield* join(a); // first waits in all() on a branch that joins second
      });
      try {
        yield* all([join(second)]);
      } catch (error) {
        caught = error;
      }
    });
    steps(3);
    let cause = caught as Error;
    while (cause.cause) cause = cause.cause as Error;
    expect(cause).toBeInstanceOf(DeadlockError);
    expect(cause.message).toBe('join(#1 first) in #2 second would deadlock: #2 second → #1 first → #3 all:0 → #2 second');
    expect((cause as DeadlockError).cycle).toEqual(['#2 second', '#1 first', '#3 all:0', '#2 second']);
    expect([a.stateName, engine.threadCount]).toEqual(['done', 0]);
    expect(takeErrors()).toEqual([]);
  });

  it('throws a DeadlockError when a child joins its parent whose script is over and waits for its children', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    let top: Thread | null = null;
    top = engine.spawn(function* parent() {
      yield* spawn(function* child() {
        // Shielded, so the cancel the parent's end brings waits until this is over.
        yield* shield(
          (function* late() {
            yield* wait(2);
            const third = yield* spawn(function* third() {
              try {
                yield* join(top!);
              } catch (error) {
                message = (error as Error).message;
              }
            });
            yield* join(third);
          })(),
        );
      });
      yield; // the child starts, then the parent's script ends: it waits for the child
    });
    steps(5);
    expect(message).toBe('join(#1 parent) in #3 third would deadlock: #3 third → #1 parent → #2 child → #3 third');
  });
});

describe('bad arguments get a LoomError naming the op and the thread', () => {
  function errorIn(body: () => Generator<unknown, unknown, unknown>): string {
    const { engine, steps } = createTestEngine();
    let message = 'no error';
    engine.spawn(function* probe() {
      try {
        yield* body();
      } catch (error) {
        message = `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    steps(1);
    return message;
  }

  it.each([
    ['join(undefined)', function* () { yield* join(undefined as never); }, 'join in #1 probe: expected a thread (a handle from spawn), got undefined'],
    ['cancel(undefined)', function* () { cancel(undefined as never); }, 'cancel in #1 probe: expected a thread (a handle from spawn), got undefined'],
    ['send(undefined, m)', function* () { send(undefined as never, 1); }, 'send in #1 probe: expected a thread (a handle from spawn), got undefined'],
    ['race({})', function* () { yield* race({}); }, 'race in #1 probe: expected an object of one or more operations ({ name: op }), got Object'],
    ['race({ a: 1 })', function* () { yield* race({ a: 1 as never }); }, 'race in #1 probe: expected an operation (an op, a sub-script call or a generator), got 1'],
    ['all(5)', function* () { yield* all(5 as never); }, 'all in #1 probe: expected an array of operations, got 5'],
    ['timeout(1, null)', function* () { yield* timeout(1, null as never); }, 'timeout in #1 probe: expected an operation (an op, a sub-script call or a generator), got null'],
  ])('%s', (_name, body, message) => {
    expect(errorIn(body)).toBe(`LoomError: ${message}`);
  });

  it('names the op from outside a script too, and a thread passed where a script belongs', () => {
    const a = new Engine();
    const b = new Engine();
    const threadOfA = a.spawn(function* idle() {});
    expect(() => b.cancel(undefined as never)).toThrow(new LoomError('engine.cancel: expected a thread (a handle from spawn), got undefined'));
    expect(() => b.send(null as never, 1)).toThrow(new LoomError('engine.send: expected a thread (a handle from spawn), got null'));
    expect(() => b.spawn(threadOfA as never)).toThrow(
      new LoomError('engine.spawn: expected a generator function (function* name() {...}), got thread #1 idle'),
    );
  });
});

describe('engines are independent', () => {
  it('refuses a join of another engine\'s thread, and both thread counts stay right', () => {
    const a = createTestEngine();
    const b = createTestEngine();
    const target = a.engine.spawn(function* sleeper() {
      yield* sleep(1);
    });
    let message = '';
    b.engine.spawn(function* joiner() {
      try {
        yield* join(target);
      } catch (error) {
        message = (error as Error).message;
      }
    });
    b.steps(1);
    expect(message).toBe(`join(${target.label}) in #1 joiner: ${target.label} belongs to another engine`);
    expect([a.engine.threadCount, b.engine.threadCount]).toEqual([1, 0]);
    a.steps(61);
    expect([a.engine.threadCount, b.engine.threadCount]).toEqual([0, 0]);
  });

  it('refuses a step of one engine inside a script of another, and the calling thread goes on', () => {
    const a = createTestEngine();
    const b = createTestEngine();
    const order: string[] = [];
    a.engine.spawn(function* nester() {
      try {
        b.engine.step();
      } catch (error) {
        order.push((error as Error).message);
      }
      yield;
      order.push(`nester goes on@${a.engine.tick}`);
    });
    a.steps(2);
    expect(order).toEqual([
      "engine.step() was called during another engine's tick (from #1 nester): ticks do not nest; step engines from the host loop",
      'nester goes on@2',
    ]);
    expect([a.engine.threadCount, b.engine.tick]).toEqual([0, 0]);
  });

  it('gives the heap back once every thread has ended and the engine is dropped', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'test/fixtures/engine-heap.ts'],
      { cwd: process.cwd(), timeout: 60_000 },
    );
    const { before, after } = JSON.parse(stdout) as { before: number; after: number };
    expect(after / before).toBeLessThan(1.05);
  });
});

describe('timing wheel: waits of any length', () => {
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

describe('predicates that throw', () => {
  it('reports the error of a predicate that cancelled its own thread and then threw', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const t = engine.spawn(function* doomed() {
      yield* wait(function cancelsThenThrows() {
        if (engine.tick < 2) return false;
        cancel(t);
        throw new Error('after the cancel');
      });
    });
    steps(2);
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([['after the cancel', t]]);
    expect(t.stateName).toBe('cancelled');
  });
});
