import { describe, expect, it } from 'vitest';
import { createSignal, sleep, wait } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

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
