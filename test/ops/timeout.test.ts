import { describe, expect, it } from 'vitest';
import { createSignal, timeout, wait, type TimeoutResult } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

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

  // Exact, no slack: a timeout firing one tick early (or late) fails here.
  it('times out on exactly the tick its seconds reach, and an operation that ends the tick before is in time', () => {
    const { engine, steps } = createTestEngine({ tickRate: 10 });
    const log: string[] = [];
    engine.spawn(function* guard() {
      const began = engine.tick;
      const quick = yield* timeout(0.5, wait(4));
      log.push(`${quick.timedOut ? 'timed out' : 'in time'} after ${engine.tick - began} ticks`);
      const from = engine.tick;
      const slow = yield* timeout(0.5, wait(6));
      log.push(`${slow.timedOut ? 'timed out' : 'in time'} after ${engine.tick - from} ticks`);
    });
    steps(4);
    expect(log).toEqual([]);
    steps(1);
    expect(log).toEqual(['in time after 4 ticks']);
    steps(4);
    expect(log).toEqual(['in time after 4 ticks']);
    steps(1);
    expect(log).toEqual(['in time after 4 ticks', 'timed out after 5 ticks']);
  });
});
