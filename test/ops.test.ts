import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CancelledError, ThreadFailedError, all, createSignal, join, race, receive, script, send, sleep, spawn, timeout, wait,
  type Thread, type TimeoutResult,
} from '../engine/index.ts';
import { createTestEngine } from './helpers.ts';

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

describe('wait()', () => {
  it('waits a number of ticks', () => {
    const { engine, steps } = createTestEngine();
    const woke: number[] = [];
    engine.spawn(function* ticker() {
      yield* wait(3);
      woke.push(engine.tick);
      yield* wait(1);
      woke.push(engine.tick);
    });
    steps(6);
    expect(woke).toEqual([4, 5]);
  });

  it('returns at once when the predicate already holds, else resumes on the first tick it holds', () => {
    const { engine, steps } = createTestEngine();
    let hp = 10;
    const order: string[] = [];
    engine.spawn(function* watcher() {
      yield* wait(function alive() {
        return hp > 0;
      });
      order.push(`alive@${engine.tick}`);
      yield* wait(function dead() {
        return hp <= 0;
      });
      order.push(`dead@${engine.tick}`);
    });
    steps(3);
    hp = 0;
    steps(1);
    expect(order).toEqual(['alive@1', 'dead@4']);
  });

  it('throws a predicate error into the waiting thread', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    let armed = false;
    engine.spawn(function* fragile() {
      try {
        yield* wait(function explodes() {
          if (armed) throw new Error('predicate exploded');
          return false;
        });
      } catch (error) {
        message = `${(error as Error).message}@${engine.tick}`;
      }
    });
    steps(2);
    armed = true;
    steps(1);
    expect(message).toBe('predicate exploded@3');
  });

  it('resumes with the value emitted on a signal, typed', () => {
    const { engine, steps } = createTestEngine();
    const hit = createSignal<{ damage: number }>('player.hit');
    const got: number[] = [];
    engine.spawn(function* listener() {
      for (;;) {
        const event = yield* wait(hit);
        expectTypeOf(event).toEqualTypeOf<{ damage: number }>();
        got.push(event.damage);
      }
    });
    steps(1);
    expect(hit.waiting).toBe(1);
    expect(hit.emit({ damage: 3 })).toBe(1);
    steps(1);
    hit.emit({ damage: 5 });
    hit.emit({ damage: 99 }); // nobody waits between the two emits: missed
    steps(2);
    expect(got).toEqual([3, 5]);
  });
});

describe('join()', () => {
  it('resumes with the return value, typed, in the tick the thread ends', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* parent() {
      const child = yield* spawn(function* child() {
        yield* sleep(0.05);
        return { frames: 12 };
      });
      expectTypeOf(child).toEqualTypeOf<Thread<{ frames: number }>>();
      const result = yield* join(child);
      order.push(`${result.frames}@${engine.tick}`);
    });
    steps(6);
    expect(order).toEqual(['12@4']);
  });

  it('returns at once for a thread already finished', () => {
    const { engine, steps } = createTestEngine();
    const done = engine.spawn(function* quick() {
      return 'ready';
    });
    steps(3);
    const order: string[] = [];
    engine.spawn(function* late() {
      const r = yield* join(done);
      order.push(`${r}@${engine.tick}`);
      yield* join(done);
      order.push(`again@${engine.tick}`);
    });
    steps(1);
    expect(order).toEqual(['ready@4', 'again@4']);
  });

  it('wakes several joiners in the order they joined', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const target = engine.spawn(function* target() {
      yield* sleep(0.1);
      return 1;
    });
    for (const name of ['x', 'y', 'z']) {
      engine.spawn(function* joiner() {
        yield* join(target);
        order.push(name);
      });
    }
    steps(10);
    expect(order).toEqual(['x', 'y', 'z']);
  });

  it('wakes the parent first, then the other joiners in the order they joined', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    let target: Thread | null = null;
    for (const name of ['x', 'y']) {
      engine.spawn(function* joiner() {
        yield;
        yield* join(target!);
        order.push(`${name}@${engine.tick}`);
      });
    }
    engine.spawn(function* parent() {
      target = yield* spawn(function* child() {
        yield* sleep(0.1);
      });
      yield* join(target);
      order.push(`parent@${engine.tick}`);
    });
    steps(10);
    expect(order).toEqual(['parent@7', 'x@7', 'y@7']);
  });

  it('a parent joining its child leaves nothing on the child: the common spawn-then-join allocates no list', () => {
    const { engine, steps } = createTestEngine();
    let child: Thread | null = null;
    engine.spawn(function* parent() {
      child = yield* spawn(function* child() {
        yield* sleep(1);
      });
      yield* join(child);
    });
    steps(2);
    expect(child!.waitingOn).toBe('sleep until 1.02 s');
    expect(child!.extra).toBeNull();
    const oldestFirst = [...engine.threads()].sort((a, b) => a.id - b.id);
    expect(oldestFirst.map((t) => t.waitingOn)).toEqual(['join #2 child', 'sleep until 1.02 s']);
  });
});

describe('receive() and send()', () => {
  it('receives messages in FIFO order, waiting when the mailbox is empty', () => {
    const { engine, steps } = createTestEngine();
    const got: string[] = [];
    const actor = engine.spawn(function* actor() {
      for (;;) got.push(`${yield* receive<string>()}@${engine.tick}`);
    });
    actor.send('a');
    actor.send('b');
    steps(1);
    expect(actor.waitingOn).toBe('receive (0 queued)');
    send(actor, 'c');
    steps(2);
    expect(got).toEqual(['a@1', 'b@1', 'c@2']);
  });

  it('gives up after the timeout with undefined, and a message before it wins', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const got: string[] = [];
    const actor = engine.spawn(function* actor() {
      const first = yield* receive<string>(0.3);
      expectTypeOf(first).toEqualTypeOf<string | undefined>();
      got.push(`${first}@${engine.tick}`);
      const second = yield* receive<string>(0.3);
      got.push(`${second}@${engine.tick}`);
    });
    steps(5);
    actor.send('late but in time');
    steps(2);
    expect(got).toEqual(['undefined@4', 'late but in time@6']);
    expect(engine.timers.size).toBe(0);
  });
});

describe('receive(0)', () => {
  it('polls: takes what is queued, or returns undefined at once without waiting', () => {
    const { engine, steps } = createTestEngine();
    const got: string[] = [];
    const actor = engine.spawn(function* actor() {
      for (let m = yield* receive<string>(0); m !== undefined; m = yield* receive<string>(0)) got.push(`${m}@${engine.tick}`);
      got.push(`drained@${engine.tick}`);
    });
    actor.send('a');
    actor.send('b');
    steps(1);
    expect(got).toEqual(['a@1', 'b@1', 'drained@1']);
  });
});

describe('receive() in a race, all or timeout branch', () => {
  it('reads the mailbox of the thread that started the race', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const got: string[] = [];
    const actor = engine.spawn(function* actor() {
      const first = yield* timeout(1, receive<string>());
      got.push(`${JSON.stringify(first)}@${engine.tick}`);
      const second = yield* race({ mail: receive<string>(), nap: sleep(5) });
      got.push(`${second.winner}:${String(second.value)}@${engine.tick}`);
      got.push(`left in mailbox: ${yield* receive<string>(0.1)}`);
    });
    actor.send('queued before');
    steps(2);
    actor.send('sent while racing');
    steps(1);
    expect(actor.waitingOn).toBe('receive (0 queued), timeout at 0.40 s');
    steps(2);
    expect(got).toEqual([
      // the losing sleep branch already ran in tick 1, so its cancellation completes in tick 2
      '{"timedOut":false,"value":"queued before"}@2',
      'mail:sent while racing@3',
      'left in mailbox: undefined',
    ]);
  });

  it('refuses a second concurrent receive on the same mailbox', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    engine.spawn({ name: 'greedy' }, function* greedy() {
      try {
        yield* all([receive(), receive()]);
      } catch (error) {
        message = ((error as Error).cause as Error).message;
      }
    });
    steps(2);
    expect(message).toBe('receive() in #3 all:1: #2 all:0 is already receiving from #1 greedy\'s mailbox');
  });
});

describe('race()', () => {
  it('returns the first to end with its key, cancels the others and waits for their cleanup', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const order: string[] = [];
    engine.spawn(function* chooser() {
      const r = yield* race({
        slow: (function* slow() {
          try {
            yield* sleep(5);
            return 'slow';
          } finally {
            order.push(`slow cleanup@${engine.tick}`);
            yield* sleep(0.3);
            order.push(`slow gone@${engine.tick}`);
          }
        })(),
        quick: sleep(0.2),
      });
      expectTypeOf(r.winner).toEqualTypeOf<'slow' | 'quick'>();
      order.push(`${String(r.winner)}@${engine.tick}`);
    });
    steps(10);
    expect(order).toEqual(['slow cleanup@3', 'slow gone@6', 'quick@6']);
    expect(engine.threadCount).toBe(0);
  });

  it('throws when the first to end failed', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    let caught: unknown;
    engine.spawn(function* chooser() {
      try {
        yield* race({
          bad: (function* bad() {
            yield;
            throw new Error('lost footing');
          })(),
          idle: sleep(10),
        });
      } catch (error) {
        caught = error;
      }
    });
    steps(3);
    expect(caught).toBeInstanceOf(ThreadFailedError);
    expect(((caught as Error).cause as Error).message).toBe('lost footing');
    expect(takeErrors()).toEqual([]);
  });

  it('cancels its branches when the racing thread is cancelled', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const racer = engine.spawn(function* racer() {
      try {
        yield* race({ a: sleep(10), b: sleep(20) });
      } finally {
        order.push(`racer finally@${engine.tick}`);
      }
    });
    steps(2);
    expect(engine.threadCount).toBe(3);
    racer.cancel();
    steps(1);
    expect(order).toEqual(['racer finally@3']);
    expect(engine.threadCount).toBe(0);
  });
});

describe('all()', () => {
  it('returns every result in order, typed', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    const double = script(function* double(n: number) {
      yield* wait(n);
      return n * 2;
    });
    engine.spawn(function* gather() {
      const [a, b, c] = yield* all([double(3), double(1), sleep(0)]);
      expectTypeOf(a).toEqualTypeOf<number>();
      expectTypeOf(c).toEqualTypeOf<void>();
      order.push(`${a},${b},${String(c)}@${engine.tick}`);
    });
    steps(6);
    expect(order).toEqual(['6,2,undefined@4']);
  });

  it('cancels the rest on the first failure and throws it once their cleanup is done', () => {
    const { engine, steps } = createTestEngine();
    const order: string[] = [];
    engine.spawn(function* gather() {
      try {
        yield* all([
          (function* patient() {
            try {
              yield* sleep(10);
            } finally {
              yield;
              order.push(`patient cleaned@${engine.tick}`);
            }
          })(),
          (function* doomed() {
            yield* wait(2);
            throw new Error('doomed');
          })(),
        ]);
      } catch (error) {
        order.push(`${(error as Error).message}@${engine.tick}`);
      }
    });
    steps(6);
    expect(order).toEqual(['patient cleaned@4', 'thread #3 all:1 failed: doomed@4']);
  });

  it('throws CancelledError when a branch is cancelled from outside', () => {
    const { engine, steps } = createTestEngine();
    let caught: unknown;
    const gatherer = engine.spawn(function* gather() {
      try {
        yield* all([sleep(1), sleep(2)]);
      } catch (error) {
        caught = error;
      }
    });
    steps(1);
    gatherer.children[0]!.cancel();
    steps(1);
    expect(caught).toBeInstanceOf(CancelledError);
  });
});

describe('timeout()', () => {
  it('returns the value when the operation ends in time, and timedOut when it does not', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const results: TimeoutResult<string>[] = [];
    const door = createSignal<string>('door.opened');
    engine.spawn(function* guard() {
      results.push(yield* timeout(0.5, wait(door)));
      results.push(yield* timeout(0.5, wait(door)));
    });
    steps(2);
    door.emit('player');
    steps(10);
    expect(results).toEqual([{ timedOut: false, value: 'player' }, { timedOut: true }]);
  });
});

describe('script() sub-scripts', () => {
  it('returns typed values through frames the engine pushes and pops', () => {
    const { engine, steps } = createTestEngine();
    const depths: number[] = [];
    // Inside a named function expression its own name is the raw generator function, so a recursive
    // sub-script calls the wrapper through another name.
    const dive = script(function* descend(n: number): Generator<unknown, string, unknown> {
      depths.push(engine.threads()[0]!.depth);
      if (n === 0) {
        yield;
        return 'bottom';
      }
      return `${n}/${yield* dive(n - 1)}`;
    });
    let result = '';
    const diver = engine.spawn(function* diver() {
      result = yield* dive(3);
    });
    steps(1);
    expect(diver.frames).toEqual(['diver', 'descend', 'descend', 'descend', 'descend']);
    steps(1);
    expect(result).toBe('3/2/1/bottom');
    expect(depths).toEqual([2, 3, 4, 5]);
  });

  it('propagates an error from a sub-script to the caller frame, which can catch it', () => {
    const { engine, steps } = createTestEngine();
    const failing = script(function* failing() {
      yield;
      throw new Error('inner');
    });
    let caught = '';
    engine.spawn(function* caller() {
      try {
        yield* failing();
      } catch (error) {
        caught = (error as Error).message;
      }
    });
    steps(2);
    expect(caught).toBe('inner');
  });

  it('can be spawned directly', () => {
    const { engine, steps } = createTestEngine();
    const count = script(function* count(n: number) {
      yield* wait(n);
      return n;
    });
    const thread = engine.spawn(count, 2);
    expectTypeOf(thread).toEqualTypeOf<Thread<number>>();
    steps(3);
    expect(thread.result).toBe(2);
    expect(thread.name).toBe('count');
  });
});

describe('yielding an op without the star', () => {
  it('runs the op the same way; its result arrives untyped', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const door = createSignal<string>('door');
    const order: string[] = [];
    engine.spawn(function* unity() {
      yield sleep(0.2);
      order.push(`slept@${engine.tick}`);
      const who: unknown = yield wait(door);
      order.push(`${String(who)}@${engine.tick}`);
    });
    steps(4);
    door.emit('player');
    steps(1);
    expect(order).toEqual(['slept@3', 'player@5']);
  });
});
