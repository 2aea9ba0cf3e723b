import { describe, expect, it, vi } from 'vitest';
import { Engine, createSignal, sleep, wait } from '../../engine/index.ts';

describe('README: a first script', () => {
  it('runs as written and prints what it says', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const doorOpened = createSignal<string>('door.opened');
    const engine = new Engine();
    engine.spawn(function* guard(post: string) {
      console.log(`guarding ${post}`);
      const who = yield* wait(doorOpened);
      yield* sleep(0.5);
      console.log(`${who} came in; the guard reacted at ${engine.time.toFixed(2)} s`);
    }, 'the gate');
    engine.step();
    doorOpened.emit('the player');
    for (let i = 0; i < 60; i++) engine.step();
    expect(log.mock.calls.map((c) => c[0])).toEqual(['guarding the gate', 'the player came in; the guard reacted at 0.53 s']);
    log.mockRestore();
  });
});
