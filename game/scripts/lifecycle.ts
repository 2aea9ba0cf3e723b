import { CancelledError, join, script, shield, sleep, spawn, useThread, type Shielded, type Thread } from 'loom-threads';
import type { Entity } from '../sim/entity.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { hotScripts } from './hot-modules.ts';

// Entity lifetime is thread lifetime. An entity is born with its thread (`spawnEntity`); it dies when the thread
// is cancelled (`world.kill`), and the `finally` of its script plays the death and removes it (`perish`). Under hot
// reload (docs/hot-reload.md) its script may end and start again on new code: the entity waits for it, and lives on.

/**
 * Creates an entity of `kind` and starts the kind's behaviour as a child thread of the calling script, so the
 * entity dies with its spawner: cancel a hive and its brood goes too; cancel a run and everything in it goes.
 *
 * @example
 * ```ts
 * const g = yield* spawnEntity(world, GRUNT, 300, 200);
 * ```
 */
export const spawnEntity = script(function* spawnEntity(world: World, kind: Kind, x: number, y: number) {
  const entity = world.add(kind, x, y);
  world.bind(entity, yield* spawn(kind.behaviour, world, entity));
  return entity;
});

/**
 * The death of an entity, called from the `finally` of its script: the entity leaves play, bursts, waits while
 * the view plays its death, then leaves the world. It is shielded: however the script ends (killed, or its
 * script returned and then its parent ended), the death plays in full and the entity leaves the world.
 * How it looks is the kind's `death`: the boss goes out in a chain of explosions.
 *
 * Under hot reload no death plays when the script is not over for good: while a reload unwinds the thread (it
 * restarts on new code), nor when a script a reload restarted ends without being cancelled. That script failed,
 * and the engine holds its thread until a fix restarts it on this entity (or, rarely, it returned): the entity
 * stands still meanwhile, and `world.kill` removes it if it is killed before then.
 *
 * @example
 * ```ts
 * function* grunt(world: World, self: Entity) {
 *   try { ... } finally { yield* perish(world, self); }
 * }
 * ```
 */
export function perish(world: World, self: Entity): Shielded<void> {
  return shield(dying(world, self));
}

const dying = script(function* perish(world: World, self: Entity) {
  const thread = useThread();
  if (thread.reloading) return;
  if (thread.reloads > 0 && !thread.cancelling) {
    self.halt();
    self.heldAtReload = thread.reloads;
    return;
  }
  self.alive = false;
  self.diedAt = Math.min(self.diedAt, world.time);
  self.halt();
  const { stats, death } = self.type;
  world.emit({ type: 'burst', x: self.x, y: self.y, color: stats.colour, count: death.burst, speed: death.speed });
  if (death.shake > 0) world.emit({ type: 'shake', amount: death.shake });
  if (death.blasts) yield* explosions(world, self, death.blasts);
  else yield* sleep(stats.dies);
  world.remove(self);
});

const explosions = script(function* explosions(world: World, self: Entity, blasts: number) {
  for (let i = 0; i < blasts; i++) {
    const x = self.x + world.random.range(-70, 70);
    const y = self.y + world.random.range(-70, 70);
    world.emit({ type: 'burst', x, y, color: world.random.pick([0xff3050, 0xffc640, 0xffffff]), count: 26, speed: 320 });
    world.emit({ type: 'shake', amount: 10 });
    yield* sleep(self.type.stats.dies / blasts);
  }
});

/**
 * Waits until a thread has ended, with its whole tree (a thread ends only once its children have). Ending
 * *cancelled* makes `join` throw a CancelledError: here that is an expected ending, so it returns. Any other
 * error (a bug in a script) still throws.
 *
 * @example
 * ```ts
 * run.cancel();
 * yield* untilEnded(run);
 * ```
 */
export const untilEnded = script(function* untilEnded(thread: Thread) {
  try {
    yield* join(thread);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
  }
});

/**
 * Waits until an entity's thread has ended, and so the entity is gone (killed entities end cancelled).
 *
 * @example
 * ```ts
 * for (const child of brood) yield* untilDead(child);
 * ```
 */
export const untilDead = script(function* untilDead(entity: Entity) {
  if (entity.thread) yield* untilEnded(entity.thread);
});

// An edit of this file restarts the threads running its scripts on the new code (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { spawnEntity, dying, explosions, untilEnded, untilDead });
}
