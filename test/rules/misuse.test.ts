import { describe, expect, it } from 'vitest';
import { DeadlockError, LoomError, join, receive, script, sleep, spawn, wait, type Script, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** Runs `body` in a thread named 'probe' and returns the message of what it threw, or 'no error'. */
function errorOf(body: () => Generator<unknown, unknown, unknown>): string {
  const { engine, steps } = createTestEngine();
  let message = 'no error';
  engine.spawn({ name: 'probe' }, function* probe() {
    try {
      yield* body();
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
  });
  steps(3);
  return message;
}

describe('misuse gets a clear error naming the thread and the op', () => {
  it.each([
    [-1, 'LoomError: sleep(-1) in #1 probe: seconds must be a finite number ≥ 0'],
    [NaN, 'LoomError: sleep(NaN) in #1 probe: seconds must be a finite number ≥ 0'],
    [Infinity, 'LoomError: sleep(Infinity) in #1 probe: seconds must be a finite number ≥ 0'],
    [1e14, 'LoomError: sleep(100000000000000) in #1 probe: longer than the longest wait (2^52 ticks)'],
  ])('rejects sleep(%s)', (seconds, message) => {
    expect(errorOf(function* () {
      yield* sleep(seconds);
    })).toBe(message);
  });

  it.each([
    [0, 'LoomError: wait(0 ticks) in #1 probe: ticks must be a whole number from 1 to 2^52 (a bare `yield` waits one tick)'],
    [1.5, 'LoomError: wait(1.5 ticks) in #1 probe: ticks must be a whole number from 1 to 2^52 (a bare `yield` waits one tick)'],
  ])('rejects wait(%s ticks)', (ticks, message) => {
    expect(errorOf(function* () {
      yield* wait(ticks);
    })).toBe(message);
  });

  it('rejects a thread joining itself', () => {
    const { engine, steps } = createTestEngine();
    let message = '';
    const self: { thread?: Thread } = {};
    self.thread = engine.spawn({ name: 'narcissus' }, function* narcissus() {
      try {
        yield* join(self.thread!);
      } catch (error) {
        message = (error as Error).message;
      }
    });
    steps(1);
    expect(message).toBe('join(#1 narcissus) in #1 narcissus: a thread cannot join itself');
  });

  it('reports a cycle of joins as a deadlock naming every thread in it, and the engine goes on', () => {
    const { engine, steps } = createTestEngine();
    const threads: Thread[] = [];
    let caught: unknown;
    for (const [name, next] of [['a', 1], ['b', 2], ['c', 0]] as const) {
      threads.push(engine.spawn({ name }, function* joiner() {
        yield;
        try {
          yield* join(threads[next]!);
        } catch (error) {
          caught = error;
        }
        return name;
      }));
    }
    steps(3);
    expect(caught).toBeInstanceOf(DeadlockError);
    expect((caught as DeadlockError).message).toBe('join(#1 a) in #3 c would deadlock: #3 c → #1 a → #2 b → #3 c');
    expect((caught as DeadlockError).cycle).toEqual(['#3 c', '#1 a', '#2 b', '#3 c']);
    // c caught the error and returned; that released b, then a.
    expect(threads.map((t) => t.result)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a yielded value that is not an op, with a hint', () => {
    expect(errorOf(function* () {
      yield 42;
    })).toBe('LoomError: #1 probe yielded 42, which is not an op (use `yield` alone to wait one tick, or `yield*` an op such as `sleep(1)`)');
    expect(errorOf(function* () {
      yield [1, 2];
    })).toBe('LoomError: #1 probe yielded 1,2, which is not an op (to run a sub-script or an op, use `yield*`, not `yield`)');
  });

  it('rejects spawning something that is not a generator function, from outside and from a script', () => {
    const { engine } = createTestEngine();
    const plain = (() => 1) as unknown as Script<[], number>;
    expect(() => engine.spawn(plain)).toThrow(new LoomError('engine.spawn: plain is not a generator function; write it as `function* plain(...) {...}`'));
    expect(() => engine.spawn(42 as unknown as Script<[], number>)).toThrow('engine.spawn: expected a generator function (function* name() {...}), got 42');
    expect(errorOf(function* () {
      yield* spawn(async function* notSync() {} as unknown as Script<[], void>);
    })).toBe('LoomError: spawn(notSync) in #1 probe: notSync is not a generator function; write it as `function* notSync(...) {...}`');
    expect(engine.threadCount).toBe(0);
  });

  it('rejects reusing a sub-script call', () => {
    const step = script(function* step() {
      yield;
      return 1;
    });
    expect(errorOf(function* () {
      const once = step();
      yield* once;
      yield* once;
    })).toBe('LoomError: step() in #1 probe: this call already ran; call step(...) again to run it again');
  });

  it('rejects sending to a finished thread, naming it', () => {
    const { engine, steps } = createTestEngine();
    const done = engine.spawn({ name: 'courier' }, function* courier() {
      return yield* receive<string>();
    });
    steps(1);
    done.send('parcel');
    steps(1);
    expect(done.result).toBe('parcel');
    expect(() => done.send('late')).toThrow('send to #1 courier: the thread has ended (done); nothing can receive it');
  });

  it('keeps the engine consistent after misuse: the misbehaving thread fails alone', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const order: number[] = [];
    engine.spawn(function* counter() {
      for (let i = 0; i < 4; i++) {
        order.push(engine.tick);
        yield;
      }
    });
    const bad = engine.spawn(function* bad() {
      yield* sleep(-5);
    });
    steps(5);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(bad.stateName).toBe('failed');
    expect(takeErrors().map((e) => [(e.error as Error).message, e.thread])).toEqual([
      [`sleep(-5) in ${bad.label}: seconds must be a finite number ≥ 0`, bad],
    ]);
    expect(engine.threadCount).toBe(0);
  });
});
