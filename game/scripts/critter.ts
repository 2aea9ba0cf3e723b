import { sleep } from 'loom';
import type { Entity } from '../sim/entity.ts';
import { angleTo } from '../sim/geometry.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';

/**
 * One mite of a swarm: there are hundreds to thousands at once, each its own thread. It stays cheap because it
 * sleeps: it waits to hatch, then turns toward the player (give or take) a couple of times a second and lets the
 * physics step carry it. A sleeping thread costs nothing per tick.
 *
 * @example
 * ```ts
 * for (let i = 0; i < 2000; i++) yield* spawnEntity(world, 'critter', x, y, critter);
 * ```
 */
export function* critter(world: World, self: Entity) {
  try {
    yield* sleep(world.random.range(0, 2.5));
    const speed = world.random.range(65, 115);
    for (;;) {
      const player = world.player;
      const heading = player?.alive ? angleTo(self, player) : self.angle + Math.PI / 2;
      self.drift(heading + world.random.range(-0.6, 0.6), speed);
      yield* sleep(world.random.range(0.25, 0.7));
    }
  } finally {
    yield* perish(world, self);
  }
}
