import { describe, expect, it } from 'vitest';
import { receive, register, sendAfter, sleep, useThread } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('sendAfter', () => {
  it('delivers on the first tick whose time reaches the delay, from a script and from the host', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      sendAfter(0.3, useThread(), 'from the script');
      for (;;) {
        const m = yield* receive<string>();
        log.push(`${engine.tick} ${m}`);
      }
    });
    steps(1); // tick 1: the script asks for tick 4
    sendAfter(0.5, actor, 'from the host'); // after tick 1: due in tick 6
    steps(5);
    expect(log).toEqual(['4 from the script', '6 from the host']);
  });

  it('looks a name up when it is due; a name nothing has then, or an ended thread, gets nothing', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* scheduler() {
      sendAfter(0.2, 'late', 'first');
      sendAfter(0.5, 'late', 'second');
      yield* sleep(0.3);
    });
    steps(1);
    const late = engine.spawn(function* late() {
      yield* register('late');
      for (;;) {
        const m = yield* receive<string>();
        log.push(`${engine.tick} ${m}`);
        if (m === 'first') return;
      }
    });
    steps(10);
    // 'first' was due in tick 3, when 'late' had the name; 'second' in tick 6, when it had ended and nothing had it.
    expect(log).toEqual(['3 first']);
    expect(late.stateName).toBe('done');
    expect(engine.threadCount).toBe(0);
  });

  it('is a detached thread the inspector shows; cancelling it takes the message back; bad seconds are a LoomError', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    const actor = engine.spawn(function* actor() {
      for (;;) log.push(yield* receive<string>());
    });
    const timer = sendAfter(1, actor, 'never');
    expect(timer.label).toBe('#2 sendAfter → #1 actor');
    expect(timer.detached).toBe(true);
    steps(2);
    timer.cancel();
    steps(20);
    expect(log).toEqual([]);
    expect(() => sendAfter(-1, actor, 'x')).toThrow('sendAfter(-1, #1 actor): seconds must be a finite number ≥ 0');
    expect(() => sendAfter(1, 'name', 'x')).toThrow('sendAfter(1, "name") outside a script: a name is looked up in a script\'s engine; pass a thread');
  });
});
