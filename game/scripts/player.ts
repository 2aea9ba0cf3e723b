import { all, detMath, script, sleep, wait } from 'loom-threads';
import playerArt from '../../assets/player.svg';
import type { Entity } from '../sim/entity.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Units per second. */
export const PLAYER_SPEED = 270;
const DASH_SPEED = 900;
export const DASH_SECONDS = 0.15;
const DASH_COOLDOWN = 0.7;
/** Seconds between shots while the trigger is held. */
export const FIRE_INTERVAL = 0.1;
export const SHOT_SPEED = 950;

/**
 * The player's ship: flying and shooting are two loops that run side by side (`all`), each a few lines.
 * When the player dies, the thread is cancelled and both loops end with it.
 *
 * @example
 * ```ts
 * const hero = yield* spawnEntity(world, PLAYER, 640, 400);
 * ```
 */
export function* player(world: World, self: Entity) {
  try {
    yield* all([fly(world, self), gun(world, self)]);
  } finally {
    yield* perish(world, self);
  }
}

/** The player's ship: drawn over every other unit. */
export const PLAYER: Kind = {
  name: 'player',
  behaviour: player,
  stats: { hp: 5, radius: 20, points: 0, perHit: 0, contact: 0, hostile: false, kamikaze: false, dies: 1.2, colour: 0x27e0d0 },
  death: { burst: 60, speed: 420, shake: 12 },
  art: { frames: { ship: playerArt }, layer: 'top', healthBar: false },
};

/** Every tick: steer from the keys, face the aim; a dash when asked and ready. */
const fly = script(function* fly(world: World, self: Entity) {
  let dashReadyAt = 0;
  for (;;) {
    const input = world.inputOf(self);
    if (input.dash && world.time >= dashReadyAt) {
      input.dash = false;
      yield* dash(world, self);
      dashReadyAt = world.time + DASH_COOLDOWN;
      continue;
    }
    input.dash = false;
    const dx = Number(input.right) - Number(input.left);
    const dy = Number(input.down) - Number(input.up);
    if (dx !== 0 || dy !== 0) self.drift(detMath.atan2(dy, dx), PLAYER_SPEED);
    else self.halt();
    self.angle = detMath.atan2(input.aimY - self.y, input.aimX - self.x);
    yield;
  }
});

/** A short burst of speed the way the keys point (or the aim), untouchable meanwhile. */
const dash = script(function* dash(world: World, self: Entity) {
  const input = world.inputOf(self);
  const dx = Number(input.right) - Number(input.left);
  const dy = Number(input.down) - Number(input.up);
  const angle = dx !== 0 || dy !== 0 ? detMath.atan2(dy, dx) : self.angle;
  self.invulnerable = true;
  try {
    self.drift(angle, DASH_SPEED);
    self.angle = angle;
    world.emit({ type: 'burst', x: self.x, y: self.y, color: 0x27e0d0, count: 10, speed: 160 });
    yield* sleep(DASH_SECONDS);
  } finally {
    self.invulnerable = false;
    self.halt();
  }
});

/** Waits for the trigger, fires toward the aim, waits for the gun to cool; again. */
const gun = script(function* gun(world: World, self: Entity) {
  for (;;) {
    const input = world.inputOf(self);
    yield* wait(function triggerHeld() { return input.firing; });
    const angle = detMath.atan2(input.aimY - self.y, input.aimX - self.x);
    const muzzle = self.radius + 6;
    const x = self.x + detMath.cos(angle) * muzzle;
    const y = self.y + detMath.sin(angle) * muzzle;
    world.fire(false, x, y, angle, SHOT_SPEED);
    world.emit({ type: 'burst', x, y, color: 0x27e0d0, count: 2, speed: 90 });
    yield* sleep(FIRE_INTERVAL);
  }
});

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { player, fly, dash, gun });
  hotKinds.update(import.meta.hot.data, PLAYER);
}
