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
});
