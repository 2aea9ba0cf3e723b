import { CancelledError, join, script, shield, sleep, spawn, type Shielded, type Thread } from '../../engine/index.ts';
import { KINDS, type Entity, type EntityKind } from '../sim/entity.ts';
import type { World } from '../sim/world.ts';

// Entity lifetime is thread lifetime. An entity is born with its thread (`spawnEntity`); it dies when the thread
// is cancelled (`world.kill`), and the `finally` of its script plays the death and removes it (`perish`).

/** A behaviour script: what one entity does for its whole life. */
export type Behaviour = (world: World, self: Entity) => Generator<unknown, void, unknown>;

/**
 * Creates an entity and starts its behaviour as a child thread of the calling script, so the entity dies with
 * its spawner: cancel a hive and its brood goes too; cancel a run and everything in it goes.
 *
 * @example
 * ```ts
 * const g = yield* spawnEntity(world, 'grunt', 300, 200, grunt);
 * ```
 */
export const spawnEntity = script(function* spawnEntity(world: World, kind: EntityKind, x: number, y: number, behaviour: Behaviour) {
  const entity = world.add(kind, x, y);
  world.bind(entity, yield* spawn(behaviour, world, entity));
  return entity;
});

/**
 * The death of an entity, called from the `finally` of its script: the entity leaves play, bursts, waits while
 * the view plays its death, then leaves the world. It is shielded: however the script ends (killed, or its
 * script returned and then its parent ended), the death plays in full and the entity leaves the world.
 * The boss goes out in a chain of explosions.
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
  self.alive = false;
  self.diedAt = Math.min(self.diedAt, world.time);
  self.halt();
  const big = self.kind === 'boss' || self.kind === 'player' || self.kind === 'hive';
  const count = self.kind === 'critter' ? 5 : big ? 60 : 22;
  world.emit({ type: 'burst', x: self.x, y: self.y, color: KINDS[self.kind].colour, count, speed: big ? 420 : 260 });
  if (self.kind !== 'critter' && self.kind !== 'brood') world.emit({ type: 'shake', amount: self.kind === 'boss' ? 22 : big ? 12 : 3 });
  if (self.kind === 'boss') yield* explosions(world, self);
  else yield* sleep(KINDS[self.kind].dies);
  world.remove(self);
});

const explosions = script(function* explosions(world: World, self: Entity) {
  const blasts = 9;
  for (let i = 0; i < blasts; i++) {
    const x = self.x + world.random.range(-70, 70);
    const y = self.y + world.random.range(-70, 70);
    world.emit({ type: 'burst', x, y, color: world.random.pick([0xff3050, 0xffc640, 0xffffff]), count: 26, speed: 320 });
    world.emit({ type: 'shake', amount: 10 });
    yield* sleep(KINDS.boss.dies / blasts);
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
