import { describe, expect, expectTypeOf, it } from 'vitest';
import { receive, sleep, timeout } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

interface Order { kind: 'order'; n: number }
interface Answer { kind: 'answer'; text: string }
type Message = Order | Answer;
const isAnswer = (m: Message): m is Answer => m.kind === 'answer';

describe('receive(match)', () => {
  it('takes the first message that matches, leaving the others queued in their order', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      const answer = yield* receive(isAnswer);
      expectTypeOf(answer).toEqualTypeOf<Answer>();
      log.push(`${engine.tick} ${answer.text}`);
      for (;;) {
        const m = yield* receive<Message>();
        log.push(`${engine.tick} ${m.kind === 'order' ? m.n : m.text}`);
      }
    });
    actor.send({ kind: 'order', n: 1 });
    actor.send({ kind: 'answer', text: 'a' });
    actor.send({ kind: 'order', n: 2 });
    actor.send({ kind: 'answer', text: 'b' });
    steps(1);
    expect(log).toEqual(['1 a', '1 1', '1 2', '1 b']);
    expect(actor.waitingOn).toBe('receive (0 queued)');
  });

  it('waits for a match while other messages queue, and wakes on the tick the match is sent', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      const answer = yield* receive(isAnswer);
      log.push(`${engine.tick} ${answer.text}`);
      log.push(`${engine.tick} then ${(yield* receive<Message>(0)) ? 'an order was queued' : 'nothing'}`);
    });
    steps(1);
    actor.send({ kind: 'order', n: 1 });
    steps(1);
    expect(actor.waitingOn).toBe('receive (1 queued)');
    expect(actor.stateName).toBe('waiting');
    actor.send({ kind: 'answer', text: 'yes' });
    steps(1);
    expect(log).toEqual(['3 yes', '3 then an order was queued']);
  });

  it('gives up after its timeout with undefined, on the tick the time is reached, the queue untouched', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      const answer = yield* receive(isAnswer, 0.5);
      expectTypeOf(answer).toEqualTypeOf<Answer | undefined>();
      log.push(`${engine.tick} ${answer?.text}`);
      log.push(`${engine.tick} ${(yield* receive<Message>(0)) === undefined ? 'empty' : 'order kept'}`);
    });
    steps(1);
    actor.send({ kind: 'order', n: 1 });
    steps(4);
    expect(log).toEqual([]);
    steps(1);
    expect(log).toEqual(['6 undefined', '6 order kept']);
  });

  it('receive(match, 0) polls: the first match or undefined, without waiting', () => {
    const { engine, steps } = createTestEngine();
    const log: unknown[] = [];
    const actor = engine.spawn(function* actor() {
      log.push((yield* receive(isAnswer, 0))?.text, (yield* receive(isAnswer, 0))?.text, engine.tick);
    });
    actor.send({ kind: 'order', n: 1 });
    actor.send({ kind: 'answer', text: 'x' });
    steps(1);
    expect(log).toEqual(['x', undefined, 1]);
  });

  it('works in a race branch on the racer\'s mailbox', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      const r = yield* timeout(1, receive(isAnswer));
      log.push(`${engine.tick} ${r.timedOut ? 'timed out' : r.value.text}`);
    });
    steps(1);
    actor.send({ kind: 'order', n: 1 });
    actor.send({ kind: 'answer', text: 'in time' });
    steps(2);
    expect(log).toEqual(['2 in time']);
  });

  it('a match that throws fails the receive with a LoomError naming the thread; the sender is not hurt', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    function fussy(m: Message): boolean {
      if (m.kind === 'order' && m.n === 13) throw new Error('unlucky');
      return m.kind === 'answer';
    }
    const actor = engine.spawn(function* actor() {
      for (let i = 0; i < 2; i++) {
        try {
          log.push(`${engine.tick} got ${(yield* receive(fussy)).kind}`);
        } catch (error) {
          log.push(`${engine.tick} ${(error as Error).message} (cause ${((error as Error).cause as Error).message})`);
        }
        yield* receive(0); // the message stays queued: take it
      }
    });
    actor.send({ kind: 'order', n: 13 }); // queued before the receive: thrown as it scans
    steps(1);
    engine.spawn(function* sender() {
      actor.send({ kind: 'order', n: 13 }); // sent to the waiting receive: fails it, not the sender
      yield* sleep(0);
    });
    steps(2);
    expect(log).toEqual([
      '1 receive(fussy) in #1 actor: the match threw: unlucky (cause unlucky)',
      '2 receive(fussy) in #1 actor: the match threw: unlucky (cause unlucky)',
    ]);
  });

  it('bad seconds are a LoomError naming the receive, and leave no match behind for the next receive', () => {
    const { engine, steps } = createTestEngine();
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      try {
        yield* receive(isAnswer, -1);
      } catch (error) {
        log.push((error as Error).message);
      }
      const m = yield* receive<Message>();
      log.push(`${engine.tick} ${m.kind}`);
    });
    steps(1);
    actor.send({ kind: 'order', n: 1 });
    steps(1);
    expect(log).toEqual(['receive(isAnswer, -1) in #1 actor: seconds must be a finite number ≥ 0', '2 order']);
  });
});
