import type { StateHasher } from 'loom-threads';
import type { Bullet } from './projectiles.ts';
import type { World } from './world.ts';

/**
 * Feeds the world's state into a state hash: score, wave and run, the input, every entity (in list order, which
 * a deterministic run repeats) and every bullet, numbers by their exact bits.
 *
 * @example
 * ```ts
 * stateHash(engine, (h) => hashWorld(world, h));
 * ```
 */
export function hashWorld(world: World, h: StateHasher): void {
  h.number(world.score).int(world.wave).int(world.runs).bool(world.gameOver).int(world.hostileCount);
  const input = world.input;
  h.bool(input.up).bool(input.down).bool(input.left).bool(input.right).bool(input.firing).bool(input.dash);
  h.number(input.aimX).number(input.aimY);
  if (world.coop) hashSeats(world, h);
  h.int(world.entities.length);
  for (const e of world.entities) {
    h.int(e.id).string(e.kind).number(e.x).number(e.y).number(e.angle).number(e.hp).bool(e.alive).string(e.mode);
    h.int(e.motion).number(e.speed).number(e.vx).number(e.vy).number(e.pushX).number(e.pushY);
    h.bool(e.invulnerable).bool(e.armoured).bool(e.open).int(e.phase);
  }
  hashBullets(h, world.shots);
  hashBullets(h, world.enemyShots);
}

function hashSeats(world: World, h: StateHasher): void {
  world.seats.forEach((seat, i) => {
    h.bool(world.seated[i] === true).bool(seat.up).bool(seat.down).bool(seat.left).bool(seat.right).bool(seat.firing).bool(seat.dash);
    h.number(seat.aimX).number(seat.aimY);
  });
  for (const ship of world.players) h.int(ship.id).int(ship.seat);
}

function hashBullets(h: StateHasher, bullets: readonly Bullet[]): void {
  h.int(bullets.length);
  for (const b of bullets) h.number(b.x).number(b.y).number(b.vx).number(b.vy).int(b.pierce).bool(b.alive);
}
