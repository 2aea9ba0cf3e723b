import { join, spawn, wait } from 'loom-threads';
import { physics } from '../sim/physics.ts';
import type { World } from '../sim/world.ts';
import { crew } from './crew.ts';
import { director } from './director.ts';
import { spawnEntity, untilDead, untilEnded } from './lifecycle.ts';
import { PLAYER } from './player.ts';
import { hotScripts } from './hot-modules.ts';

/**
 * The whole program: one run after another. A restart cancels the run; every thread under it is cancelled in
 * turn and plays its `finally` (the whole arena explodes), and only once the last of them has ended does the next
 * run start. By then the thread count is back where it was before the first run (`world.idleThreads`).
 *
 * @example
 * ```ts
 * engine.spawn(game, world);
 * ```
 */
export function* game(world: World) {
  world.idleThreads = world.engine.threadCount;
  for (;;) {
    world.beginRun();
    const run = yield* spawn(session, world);
    yield* wait(world.restartRequested);
    run.cancel();
    yield* untilEnded(run); // the run ends only once every thread under it has played its death
    yield; // one tick with the arena empty, so the HUD shows the thread count back at its idle value
  }
}

/**
 * One game: the player, the physics and the waves, all children of this thread. When the player dies the waves
 * go on behind the game-over screen until the restart cancels the run. In co-op the crew keeps a ship per seat,
 * and the game is over when every seat has lost its ship.
 */
function* session(world: World) {
  if (world.coop) {
    yield* spawn(physics, world);
    const waves = yield* spawn(director, world);
    yield* crew(world);
    world.gameOver = true;
    yield* join(waves);
    return;
  }
  const { width, height } = world.arena;
  const hero = yield* spawnEntity(world, PLAYER, width / 2, height / 2);
  yield* spawn(physics, world);
  const waves = yield* spawn(director, world);
  yield* untilDead(hero);
  world.gameOver = true;
  yield* join(waves);
}

// An edit of this file restarts the threads running its scripts on the new code (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { game, session });
}
