import { join, spawn, wait } from '../../engine/index.ts';
import { physics } from '../sim/physics.ts';
import { liveThreadsUnder } from '../sim/threads.ts';
import type { World } from '../sim/world.ts';
import { director } from './director.ts';
import { spawnEntity, untilDead } from './lifecycle.ts';
import { player } from './player.ts';

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
    // List the run's threads before cancelling: a thread that ends leaves its parent's list of children,
    // so once the cancel is under way, stragglers still playing their death could no longer be found from `run`.
    const doomed = liveThreadsUnder(run);
    run.cancel();
    yield* wait(function runEnded() { return doomed.every((thread) => !thread.alive); });
  }
}

/**
 * One game: the player, the physics and the waves, all children of this thread. When the player dies the waves
 * go on behind the game-over screen until the restart cancels the run.
 */
function* session(world: World) {
  const { width, height } = world.arena;
  const hero = yield* spawnEntity(world, 'player', width / 2, height / 2, player);
  yield* spawn(physics, world);
  const waves = yield* spawn(director, world);
  yield* untilDead(hero);
  world.gameOver = true;
  yield* join(waves);
}
