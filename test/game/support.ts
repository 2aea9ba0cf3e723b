import { Engine } from '../../engine/index.ts';
import type { Entity } from '../../game/sim/entity.ts';
import type { Behaviour } from '../../game/sim/kind.ts';
import { physics } from '../../game/sim/physics.ts';
import { World, type WorldOptions } from '../../game/sim/world.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';

/** A small world for one behaviour: an engine (errors collected), a fresh run, optionally the physics thread. */
export function createTestWorld(options: Partial<WorldOptions> & { seed?: number; physics?: boolean } = {}) {
  const errors: unknown[] = [];
  const engine = new Engine({ seed: options.seed ?? 1, onError: (error) => errors.push(error) });
  const world = new World(engine, { ...options, kinds: options.kinds ?? gameKinds() });
  world.beginRun();
  if (options.physics ?? true) engine.spawn(physics, world);
  return { engine, world, errors };
}

/** Adds an entity of the kind named `kind` and starts `behaviour` on it as a root thread, as `spawnEntity` does from a script. */
export function launch(world: World, kind: string, x: number, y: number, behaviour: Behaviour): Entity {
  const entity = world.add(world.kinds.get(kind), x, y);
  world.bind(entity, world.engine.spawn(behaviour, world, entity));
  return entity;
}

/** A player that only stands there (no script), out of harm's way unless a test says otherwise. */
export function standInPlayer(world: World, x: number, y: number, invulnerable = true): Entity {
  const player = world.add(world.kinds.get('player'), x, y);
  player.invulnerable = invulnerable;
  return player;
}

/** Puts an entity somewhere at once, as if it had always been there. */
export function teleport(entity: Entity, x: number, y: number): void {
  entity.x = entity.prevX = x;
  entity.y = entity.prevY = y;
}

/** Runs `n` ticks. */
export function steps(engine: Engine, n: number): void {
  for (let i = 0; i < n; i++) engine.step();
}

/** Steps until `done()` holds (checked between ticks); returns the ticks taken. Fails after `max`. */
export function stepUntil(engine: Engine, done: () => boolean, max = 10_000): number {
  for (let taken = 0; taken <= max; taken++) {
    if (done()) return taken;
    engine.step();
  }
  throw new Error(`condition not met within ${max} ticks`);
}
