import { addChild, detMath, join, script, sleep, spawn, supervisor, ThreadFailedError, useThread, type Thread } from 'loom-threads';
import hiveOpenArt from '../../assets/hive-open.svg';
import hiveArt from '../../assets/hive.svg';
import type { Entity } from '../sim/entity.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { BROOD, brood } from './brood.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Broodlings per opening. */
export const BROOD_SIZE = 5;
/** Seconds between two broodlings. */
export const LAY_INTERVAL = 0.35;
/** Seconds the iris stays open after the last broodling. */
export const OPEN_SECONDS = 1.5;
/** Seconds it rests, closed, after its brood was wiped out. */
export const REST_SECONDS = 1.5;
/** Seconds before a dead broodling is laid again, doubling with each respawn of that broodling, up to 4 s. */
export const RESPAWN_DELAY = 1;
const BACK_OFF = [1, 2, 4] as const;
/** Respawns the hive affords within RESPAWN_PERIOD seconds; one more and its brood is spent. */
export const BROOD_RESPAWNS = 4;
export const RESPAWN_PERIOD = 8;

/**
 * A nest. It opens (and only then can be hurt), lays its brood, and closes. The brood is kept alive by a
 * supervisor, a child thread of the hive: a broodling that dies is laid again under the same name after a
 * back-off (RESPAWN_DELAY, doubling), until more than BROOD_RESPAWNS die within RESPAWN_PERIOD seconds; then the
 * supervisor gives up, the rest of the brood bursts, and the hive rests and opens again with a new brood. Kill the
 * hive and its whole brood dies with it.
 *
 * @example
 * ```ts
 * yield* spawnEntity(world, HIVE, 900, 500);
 * ```
 */
export function* hive(world: World, self: Entity) {
  try {
    for (;;) {
      const brood = yield* spawn({ name: `brood of #${self.id}` }, supervisor, {
        intensity: BROOD_RESPAWNS, period: RESPAWN_PERIOD, delay: (respawns) => RESPAWN_DELAY * BACK_OFF[Math.min(respawns, BACK_OFF.length - 1)]!,
      });
      try {
        yield* nest(world, self, brood);
      } catch (error) {
        // The supervisor gave up (a ChildFailedError if it did while the hive was laying): the brood is spent.
        if (!(error instanceof ThreadFailedError && error.thread === brood.label)) throw error;
      }
      self.open = false;
      self.armoured = true;
      yield* sleep(REST_SECONDS);
    }
  } finally {
    yield* perish(world, self);
  }
}

/** Opens, lays the brood one by one (each a child of its supervisor), closes, and waits while the brood lives. */
const nest = script(function* nest(world: World, self: Entity, brood: Thread) {
  self.open = true;
  self.armoured = false;
  for (let i = 0; i < BROOD_SIZE; i++) {
    addChild(brood, { name: `hive:${self.id}/brood:${i}`, script: broodling, args: [world, self] });
    yield* sleep(LAY_INTERVAL);
  }
  yield* sleep(OPEN_SECONDS);
  self.open = false;
  self.armoured = true;
  yield* join(brood);
});

/** One broodling, laid at the rim of its hive: the supervisor's child, its thread the broodling's own. */
function* broodling(world: World, hive: Entity) {
  const angle = world.random.range(0, Math.PI * 2);
  const x = hive.x + detMath.cos(angle) * (hive.radius + 12);
  const y = hive.y + detMath.sin(angle) * (hive.radius + 12);
  const self = world.add(BROOD, x, y);
  world.bind(self, useThread());
  yield* brood(world, self);
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
  hotScripts.update(import.meta.hot.data, { hive, nest, broodling });
  hotKinds.update(import.meta.hot.data, HIVE);
}
