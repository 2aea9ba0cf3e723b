import { createSignal, script, sleep, wait, type Engine } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

/** An engine with `count` threads in three kinds: sleepers, signal waiters and per-tick walkers (inside a sub-script). */
export function populated(count: number): Engine {
  const { engine } = createTestEngine();
  const door = createSignal('door.opened');
  const stroll = script(function* stroll() {
    while (true) yield;
  });
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) engine.spawn({ name: 'sleeper' }, function* sleeper() { yield* sleep(100); });
    else if (i % 3 === 1) engine.spawn({ name: 'doorman' }, function* doorman() { yield* wait(door); });
    else engine.spawn({ name: 'walker' }, function* walker() { yield* stroll(); });
  }
  engine.step();
  return engine;
}
