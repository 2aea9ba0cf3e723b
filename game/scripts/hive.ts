import { sleep } from 'loom';
import type { Entity } from '../sim/entity.ts';
import type { World } from '../sim/world.ts';
import { brood } from './brood.ts';
import { perish, spawnEntity, untilDead } from './lifecycle.ts';

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
 * yield* spawnEntity(world, 'hive', 900, 500, hive);
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
        const x = self.x + Math.cos(angle) * (self.radius + 12);
        const y = self.y + Math.sin(angle) * (self.radius + 12);
        children.push(yield* spawnEntity(world, 'brood', x, y, brood));
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
