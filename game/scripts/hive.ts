import { detMath, sleep } from 'loom-threads';
import hiveOpenArt from '../../assets/hive-open.svg';
import hiveArt from '../../assets/hive.svg';
import type { Entity } from '../sim/entity.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { BROOD } from './brood.ts';
import { perish, spawnEntity, untilDead } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Broodlings per opening. */
export const BROOD_SIZE = 5;
/** Seconds between two broodlings. */
export const LAY_INTERVAL = 0.35;
/** Seconds the iris stays open after the last broodling. */
export const OPEN_SECONDS = 1.5;
/** Seconds it rests, closed, after its last broodling died. */
export const REST_SECONDS = 1.5;

/**
 * A nest. It opens (and only then can be hurt), lays its brood, closes, and waits for every broodling to die
 * (`untilDead`, a `join` on each child's thread); then it rests and opens again. The brood are its child threads:
 * kill the hive and its whole brood dies with it.
 *
 * @example
 * ```ts
 * yield* spawnEntity(world, HIVE, 900, 500);
 * ```
 */
export function* hive(world: World, self: Entity) {
  try {
    for (;;) {
      self.open = true;
      self.armoured = false;
      const children: Entity[] = [];
      for (let i = 0; i < BROOD_SIZE; i++) {
        const angle = world.random.range(0, Math.PI * 2);
        const x = self.x + detMath.cos(angle) * (self.radius + 12);
        const y = self.y + detMath.sin(angle) * (self.radius + 12);
        children.push(yield* spawnEntity(world, BROOD, x, y));
        yield* sleep(LAY_INTERVAL);
      }
      yield* sleep(OPEN_SECONDS);
      self.open = false;
      self.armoured = true;
      for (const child of children) yield* untilDead(child);
      yield* sleep(REST_SECONDS);
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The hive: from wave 2, one more every third wave. Drawn under the swarm, turning slowly, its iris open or shut. */
export const HIVE: Kind = {
  name: 'hive',
  behaviour: hive,
  stats: { hp: 24, radius: 46, points: 500, perHit: 5, contact: 1, hostile: true, kamikaze: false, dies: 0.6, colour: 0xe040c8 },
  death: { burst: 60, speed: 420, shake: 12 },
  art: { frames: { closed: hiveArt, open: hiveOpenArt }, frame: (self) => (self.open ? 'open' : 'closed'), layer: 'ground', spin: 0.25 },
  wave: { count: (wave) => (wave < 2 ? 0 : Math.floor((wave + 1) / 3)), place: { margin: 120 }, label: 'HIVE' },
};

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { hive });
  hotKinds.update(import.meta.hot.data, HIVE);
}
