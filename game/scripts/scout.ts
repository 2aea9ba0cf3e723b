import { broadcast, detMath, sleep, timeout, wait } from 'loom-threads';
import scoutArt from '../../assets/scout.svg';
import { GRUNT_SQUAD, type Entity, type Sighting } from '../sim/entity.ts';
import { angleTo, clamp } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Seconds the scout hovers after each report. */
const HOVER_SECONDS = 0.9;
/** How far a report carries, in arena units. */
export const RADIO_RANGE = 520;
/** How far the scout keeps from the player. */
const ORBIT = 320;
const SPEED = 160;

/**
 * A fast dart that never fights: it circles the player at a distance, and at each stop it radios the
 * player's position to the grunts in range, then hovers a moment (the time to shoot it down). Each report is
 * broadcast to the grunts' squad group; a grunt's listener in range takes it with `receive` and comes hunting.
 *
 * @example
 * ```ts
 * yield* spawnEntity(world, SCOUT, 900, 120);
 * ```
 */
export function* scout(world: World, self: Entity) {
  try {
    self.watch(world.playerNear(self));
    for (;;) {
      const player = world.playerNear(self);
      if (player?.alive) {
        const around = angleTo(player, self) + 0.6;
        const { width, height } = world.arena;
        self.seek(clamp(player.x + detMath.cos(around) * ORBIT, 40, width - 40), clamp(player.y + detMath.sin(around) * ORBIT, 40, height - 40), SPEED);
        yield* timeout(2, wait(function atStop() { return self.arrived; }));
      }
      report(world, self);
      yield* sleep(HOVER_SECONDS);
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The scout: one in each wave, one more every fourth wave. */
export const SCOUT: Kind = {
  name: 'scout',
  behaviour: scout,
  stats: { hp: 2, radius: 14, points: 150, perHit: 0, contact: 1, hostile: true, kamikaze: false, dies: 0.35, colour: 0xb6f23a },
  death: { burst: 22, speed: 260, shake: 3 },
  art: { frames: { body: scoutArt }, layer: 'units' },
  wave: { count: (wave) => 1 + Math.floor(wave / 4), place: { margin: 50 }, label: 'SCOUT' },
};

/**
 * Broadcasts the player's position to the grunts' squad group (each grunt within radio range takes it as its
 * lead); shows the ping, with a line to each grunt in range.
 */
function report(world: World, self: Entity): void {
  const player = world.playerNear(self);
  if (!player?.alive || !self.alive) return;
  const sighting: Sighting = { x: player.x, y: player.y, scout: self.id, from: { x: self.x, y: self.y }, range: RADIO_RANGE };
  broadcast(GRUNT_SQUAD, sighting);
  const inRange = world.nearby(self, 'grunt', RADIO_RANGE).map(({ x, y }) => ({ x, y }));
  world.emit({ type: 'ring', x: self.x, y: self.y, radius: 150, color: 0xb6f23a, to: inRange });
}

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { scout });
  hotKinds.update(import.meta.hot.data, SCOUT);
}
