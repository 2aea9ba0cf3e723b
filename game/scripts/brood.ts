import { sleep } from 'loom-threads';
import critterArt from '../../assets/critter.svg';
import type { Entity } from '../sim/entity.ts';
import { angleTo } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

const SPEED = 165;

/**
 * A hive's broodling: darts at the player in short zigzags and bursts on contact. A child thread of its hive.
 *
 * @example
 * ```ts
 * children.push(yield* spawnEntity(world, BROOD, x, y));
 * ```
 */
export function* brood(world: World, self: Entity) {
  try {
    for (;;) {
      const player = world.playerNear(self);
      const heading = player?.alive ? angleTo(self, player) : world.random.range(0, Math.PI * 2);
      self.drift(heading + world.random.range(-0.7, 0.7), SPEED);
      yield* sleep(world.random.range(0.2, 0.45));
    }
  } finally {
    yield* perish(world, self);
  }
}

/** A broodling: only hives lay them. A critter's picture, pink and larger, drawn with the swarm. */
export const BROOD: Kind = {
  name: 'brood',
  behaviour: brood,
  stats: { hp: 2, radius: 10, points: 25, perHit: 0, contact: 1, hostile: true, kamikaze: true, dies: 0.25, colour: 0xff6ad5 },
  death: { burst: 22, speed: 260, shake: 0 },
  art: { frames: { body: critterArt }, layer: 'swarm', tint: 0xff7ad9, scale: 1.35 },
};

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { brood });
  hotKinds.update(import.meta.hot.data, BROOD);
}
