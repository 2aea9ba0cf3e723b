import { KindRegistry } from '../sim/kind-registry.ts';
import { BOSS } from './boss.ts';
import { BROOD } from './brood.ts';
import { CRITTER } from './critter.ts';
import { GRUNT } from './grunt.ts';
import { HIVE } from './hive.ts';
import { PLAYER } from './player.ts';
import { SCOUT } from './scout.ts';
import { TURRET } from './turret.ts';

/**
 * Every kind of entity in the game, in the order the wave banner lists them. This is the one place a kind is
 * registered: add yours here (docs/add-an-entity.md walks through it).
 *
 * @example
 * ```ts
 * const world = new World(engine, { kinds: gameKinds() });
 * ```
 */
export function gameKinds(): KindRegistry {
  return new KindRegistry([PLAYER, GRUNT, SCOUT, HIVE, TURRET, BROOD, CRITTER, BOSS]);
}
