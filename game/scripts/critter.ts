import { sleep } from 'loom-threads';
import critterArt from '../../assets/critter.svg';
import type { Entity } from '../sim/entity.ts';
import { angleTo } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/**
 * One mite of a swarm: there are hundreds to thousands at once, each its own thread. It stays cheap because it
 * sleeps: it waits to hatch, then turns toward the player (give or take) a couple of times a second and lets the
 * physics step carry it. A sleeping thread costs nothing per tick.
 *
 * @example
 * ```ts
 * for (let i = 0; i < 2000; i++) yield* spawnEntity(world, CRITTER, x, y);
 * ```
 */
export function* critter(world: World, self: Entity) {
  try {
    yield* sleep(world.random.range(0, 2.5));
    const speed = world.random.range(65, 115);
    for (;;) {
      const player = world.playerNear(self);
      const heading = player?.alive ? angleTo(self, player) : self.angle + Math.PI / 2;
      self.drift(heading + world.random.range(-0.6, 0.6), speed);
      yield* sleep(world.random.range(0.25, 0.7));
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The critter: a fifth more of the full swarm each wave, all of it from wave 5, in clusters at the edges. */
export const CRITTER: Kind = {
  name: 'critter',
  behaviour: critter,
  stats: { hp: 1, radius: 8, points: 5, perHit: 0, contact: 1, hostile: true, kamikaze: true, dies: 0.2, colour: 0xa98bff },
  death: { burst: 5, speed: 260, shake: 0 },
  art: { frames: { body: critterArt }, layer: 'swarm' },
  wave: { count: (wave, swarm) => Math.round(swarm * Math.min(1, 0.2 * wave)), place: 'edges', label: 'CRITTER' },
};

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { critter });
  hotKinds.update(import.meta.hot.data, CRITTER);
}
