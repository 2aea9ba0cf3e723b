import { describe, expect, expectTypeOf, it } from 'vitest';
import { schedulerOf } from '../../engine/core/engine.ts';
import { all, race, receive, send, sleep, timeout } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

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
    expect(schedulerOf(engine).timers.size).toBe(0);
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
});
