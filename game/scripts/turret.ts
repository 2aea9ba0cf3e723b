import { demonitor, detMath, Down, monitor, type Monitor, race, receive, script, sleep, useThread, wait } from 'loom-threads';
import turretArt from '../../assets/turret.svg';
import type { Entity } from '../sim/entity.ts';
import { angleDelta, angleTo, distanceSquared } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Radians a second the turret's head turns: a ship that keeps moving around it stays ahead of its aim. */
export const TURN_RATE = 1.6;
/** How close to the target's bearing, in radians, the aim must be to fire. */
export const AIM_TOLERANCE = 0.08;
/** Seconds between two shots; the head holds still meanwhile. */
export const RELOAD_SECONDS = 0.8;
export const SHOT_SPEED = 340;

/**
 * A gun emplacement. It locks on the nearest ship and `monitor`s that ship's thread, then tracks it and fires
 * while it waits for the `Down` saying the ship's thread ended; only then does it lock on another. It never asks
 * whether its target is alive: a shot-down ship burns for a moment and the turret keeps firing into the wreck
 * until the wreck is gone, which is when its thread ends.
 *
 * @example
 * ```ts
 * yield* spawnEntity(world, TURRET, 900, 500);
 * ```
 */
export function* turret(world: World, self: Entity) {
  try {
    for (;;) {
      const target = yield* acquire(world, self);
      const watch = yield* monitor(target.thread!);
      self.locked = target;
      try {
        yield* race({ down: receive(downOf(watch)), fight: engage(world, self, target) });
      } finally {
        // Cut short (killed, or restarted by a hot reload): no Down of this watch is left to linger in the mailbox.
        demonitor(watch);
        self.locked = null;
      }
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The turret: one from wave 2, one more every third wave. It stands where it is placed. */
export const TURRET: Kind = {
  name: 'turret',
  behaviour: turret,
  stats: { hp: 10, radius: 24, points: 300, perHit: 0, contact: 1, hostile: true, kamikaze: false, dies: 0.5, colour: 0xffe600 },
  death: { burst: 36, speed: 320, shake: 6 },
  art: { frames: { body: turretArt }, layer: 'units' },
  wave: { count: (wave) => (wave < 2 ? 0 : Math.ceil(wave / 3)), place: { margin: 110 }, label: 'TURRET' },
};

/** Waits for a ship in play (the one nearest the turret, the first in the list on a tie) and returns it. */
const acquire = script(function* acquire(world: World, self: Entity) {
  yield* wait(function aShipInPlay() { return world.players.some((ship) => ship.alive && ship.thread !== null); });
  let nearest: Entity | null = null;
  for (const ship of world.players) {
    if (!ship.alive || ship.thread === null) continue;
    if (nearest === null || distanceSquared(self, ship) < distanceSquared(self, nearest)) nearest = ship;
  }
  return nearest!;
});

/** Turns toward the target, fires when on it, reloads; again, until the race with its Down cancels it. */
const engage = script(function* engage(world: World, self: Entity, target: Entity) {
  self.mode = 'aim';
  try {
    for (;;) {
      yield* turnToward(self, target);
      shoot(world, self);
      yield* sleep(RELOAD_SECONDS);
    }
  } finally {
    self.mode = 'idle';
  }
});

/** Turns the head TURN_RATE a second until it points at the target (within AIM_TOLERANCE), one step a tick. */
const turnToward = script(function* turnToward(self: Entity, target: Entity) {
  const step = TURN_RATE * useThread().engine.dt;
  for (;;) {
    const off = angleDelta(self.angle, angleTo(self, target));
    if (Math.abs(off) <= AIM_TOLERANCE) return;
    self.angle += Math.max(-step, Math.min(step, off));
    yield;
  }
});

/** One shot along the barrels, with a muzzle flash. */
function shoot(world: World, self: Entity): void {
  const muzzle = self.radius + 6;
  const x = self.x + detMath.cos(self.angle) * muzzle;
  const y = self.y + detMath.sin(self.angle) * muzzle;
  world.fire(true, x, y, self.angle, SHOT_SPEED);
  world.emit({ type: 'burst', x, y, color: 0xffe600, count: 4, speed: 120 });
}

/** Matches the Down of this monitor alone: other messages stay queued. */
function downOf(watch: Monitor): (message: unknown) => message is Down {
  return (message): message is Down => message instanceof Down && message.monitor === watch;
}

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { turret, acquire, engage, turnToward });
  hotKinds.update(import.meta.hot.data, TURRET);
}
