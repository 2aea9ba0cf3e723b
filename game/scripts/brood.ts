import { sleep } from 'loom';
import type { Entity } from '../sim/entity.ts';
import { angleTo } from '../sim/geometry.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';

const SPEED = 165;

/**
 * A hive's broodling: darts at the player in short zigzags and bursts on contact. A child thread of its hive.
 *
 * @example
 * ```ts
 * children.push(yield* spawnEntity(world, 'brood', x, y, brood));
 * ```
 */
export function* brood(world: World, self: Entity) {
  try {
    for (;;) {
      const player = world.player;
      const heading = player?.alive ? angleTo(self, player) : world.random.range(0, Math.PI * 2);
      self.drift(heading + world.random.range(-0.7, 0.7), SPEED);
      yield* sleep(world.random.range(0.2, 0.45));
    }
  } finally {
    yield* perish(world, self);
  }
}
