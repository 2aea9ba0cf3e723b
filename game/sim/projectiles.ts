import { detMath } from 'loom-threads';
import type { Arena } from './world.ts';

/** A bullet: plain data moved by the physics step, not a thread (hundreds live at once, each for a second). */
export interface Bullet {
  x: number;
  y: number;
  prevX: number;
  prevY: number;
  vx: number;
  vy: number;
  angle: number;
  radius: number;
  damage: number;
  /** How many more swarmers (critters, brood) it passes through before it stops. */
  pierce: number;
  alive: boolean;
}

/** Makes a bullet at (x, y) flying at `speed` units/s in direction `angle`. */
export function createBullet(x: number, y: number, angle: number, speed: number, radius: number, pierce = 0): Bullet {
  return {
    x, y, prevX: x, prevY: y,
    vx: detMath.cos(angle) * speed,
    vy: detMath.sin(angle) * speed,
    angle, radius, damage: 1, pierce, alive: true,
  };
}

/** Moves every bullet one tick; those leaving the arena are spent. */
export function moveBullets(bullets: readonly Bullet[], dt: number, arena: Arena): void {
  for (const bullet of bullets) {
    bullet.prevX = bullet.x;
    bullet.prevY = bullet.y;
    bullet.x += bullet.vx * dt;
    bullet.y += bullet.vy * dt;
    if (bullet.x < -20 || bullet.y < -20 || bullet.x > arena.width + 20 || bullet.y > arena.height + 20) bullet.alive = false;
  }
}

/** Drops spent bullets, keeping the order of the rest. */
export function sweepBullets(bullets: Bullet[]): void {
  let kept = 0;
  for (const bullet of bullets) if (bullet.alive) bullets[kept++] = bullet;
  bullets.length = kept;
}
