import { describe, expect, it } from 'vitest';
import { Engine, LoomError, all, cancel, join, race, receive, send, sleep, timeout, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

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
});
