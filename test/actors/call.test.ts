import { describe, expect, expectTypeOf, it } from 'vitest';
import { call, DeadlockError, join, receive, register, Request, sleep, spawn, type Thread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

type Ask = Request<string, number>;
const isAsk = (m: unknown): m is Ask => m instanceof Request;

function* director(): Generator<unknown, void, unknown> {
  yield* register('director');
  let slot = 0;
  for (;;) {
    const ask = yield* receive(isAsk);
    ask.reply(slot++);
  }
}

describe('call', () => {
  it('asks, and resumes in the tick the reply is sent; orders arriving meanwhile stay queued in their order', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* slowDirector() {
      yield* register('director');
      const ask = yield* receive(isAsk);
      yield* sleep(0.2);
      ask.reply(7);
    });
    const grunt = engine.spawn(function* grunt() {
      yield* sleep(0.1);
      const slot = yield* call<string, number>('director', 'flank?', 0.5);
      expectTypeOf(slot).toEqualTypeOf<{ timedOut: false; value: number } | { timedOut: true }>();
      log.push(`${engine.tick} ${JSON.stringify(slot)}`);
      for (let m = yield* receive<string>(0); m !== undefined; m = yield* receive<string>(0)) log.push(`${engine.tick} ${m}`);
    });
    steps(2);
    expect(grunt.waitingOn).toBe('call #1 slowDirector, timeout at 0.70 s');
    grunt.send('order 1' as never);
    grunt.send('order 2' as never);
    steps(1);
    expect(log).toEqual([]);
    steps(2);
    expect(log).toEqual(['4 {"timedOut":false,"value":7}', '4 order 1', '4 order 2']);
  });

  it('times out on the tick the time is reached; the late reply goes nowhere (reply returns false)', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* slowpoke() {
      yield* register('slowpoke');
      const ask = yield* receive(isAsk);
      yield* sleep(1);
      log.push(`${engine.tick} reply delivered: ${ask.reply(1)}`);
    });
    engine.spawn(function* caller() {
      const r = yield* call<string, number>('slowpoke', '?', 0.3);
      log.push(`${engine.tick} ${JSON.stringify(r)}`);
      const late = yield* receive(1.5);
      log.push(`${engine.tick} mailbox: ${String(late)}`);
    });
    steps(20);
    expect(log).toEqual(['4 {"timedOut":true}', '12 reply delivered: false', '19 mailbox: undefined']);
  });

  it('the callee ending before it replies is a LoomError in the caller naming it, with its failure as cause', () => {
    const { engine, steps, takeErrors } = createTestEngine();
    const log: string[] = [];
    const callee = engine.spawn(function* callee() {
      yield* receive();
      throw new Error('crashed');
    });
    engine.spawn(function* caller() {
      try {
        yield* call(callee as Thread<unknown, Request<string, number>>, 'hi', 1);
      } catch (error) {
        log.push(`${engine.tick} ${(error as Error).message} / cause ${((error as Error).cause as Error).message}`);
      }
    });
    steps(3);
    expect(log).toEqual(['2 call(#1 callee, 1) in #2 caller: #1 callee ended (failed) before it replied: crashed / cause crashed']);
    // The call did not observe the failure: it still reached the error hook.
    expect(takeErrors().map((e) => (e.error as Error).message)).toEqual(['crashed']);
  });

  it('a call cycle is a DeadlockError listing it, as a join cycle is; so is calling yourself', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const a: Thread = engine.spawn(function* a() {
      yield* register('a');
      yield* sleep(0);
      yield* call('b', 'ping', 5);
    });
    engine.spawn(function* b() {
      yield* register('b');
      yield* sleep(0);
      try {
        yield* call('a', 'pong', 5);
      } catch (error) {
        log.push(`${error instanceof DeadlockError} ${(error as DeadlockError).message} [${(error as DeadlockError).cycle.join(', ')}]`);
      }
      try {
        yield* call('b', 'me', 5);
      } catch (error) {
        log.push(`${error instanceof DeadlockError} ${(error as Error).message}`);
      }
      try {
        yield* join(a);
      } catch (error) {
        log.push(`${error instanceof DeadlockError} ${(error as Error).message}`);
      }
      yield* sleep(10);
    });
    steps(2);
    expect(log).toEqual([
      'true call("a", 5) in #2 b would deadlock: #2 b → #1 a → #2 b [#2 b, #1 a, #2 b]',
      'true call("b", 5) in #2 b would deadlock: #2 b → #2 b',
      'true join(#1 a) in #2 b would deadlock: #2 b → #1 a → #2 b',
    ]);
    expect(a.waitingOn).toBe('call #2 b, timeout at 5.03 s'); // called in tick 2: due in tick 302
    a.cancel();
    steps(1);
  });

  it('a cancelled caller leaves no watch behind, and the reply to it returns false', () => {
    const { engine, steps } = createTestEngine();
    const asks: Ask[] = [];
    const callee = engine.spawn(function* callee() {
      for (;;) asks.push(yield* receive(isAsk));
    });
    const caller = engine.spawn(function* caller() {
      yield* call(callee, 'x', 5);
    });
    steps(1);
    expect(caller.waitingOn).toBe('call #1 callee, timeout at 5.02 s');
    caller.cancel();
    steps(1);
    expect(caller.stateName).toBe('cancelled');
    expect(asks.map((a) => a.reply(1))).toEqual([false]);
    expect(callee.extra?.actor?.watchers?.size).toBe(0);
  });

  it('calls from a race branch are answered in the branch; an unknown name is a LoomError naming the op', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    engine.spawn(director);
    engine.spawn(function* grunt() {
      const slot = yield* join(yield* spawn(function* branch() { return yield* call<string, number>('director', '?', 1); }));
      log.push(JSON.stringify(slot));
      try {
        yield* call('nobody', '?', 1);
      } catch (error) {
        log.push((error as Error).message);
      }
    });
    steps(3);
    expect(log).toEqual(['{"timedOut":false,"value":0}', 'call("nobody", 1) in #2 grunt: no live thread has that name']);
  });
});
