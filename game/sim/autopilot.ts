import { detMath } from 'loom-threads';
import type { World } from './world.ts';

/**
 * Scripted input for headless sessions (tests and benches): circles the arena's centre, aims at the nearest
 * enemy, holds the trigger, and dashes every four seconds. It reads only the world, so it repeats exactly.
 *
 * @example
 * ```ts
 * for (let i = 0; i < 600; i++) { autopilot(world); recorder.step(); }
 * ```
 */
export function autopilot(world: World): void {
  world.input.firing = true;
  steer(world);
  if (world.player?.alive && world.engine.tick % 240 === 0) world.input.dash = true;
}

/** Aims at the nearest live entity and circles the arena's centre; does nothing once the player is dead. */
export function steer(world: World): void {
  const input = world.input;
  const me = world.player;
  if (!me?.alive) return;
  let nearest = Infinity;
  for (const e of world.entities) {
    const d = detMath.hypot(e.x - me.x, e.y - me.y);
    if (e !== me && e.alive && d < nearest) {
      nearest = d;
      input.aimX = e.x;
      input.aimY = e.y;
    }
  }
  const heading = world.time * 0.8;
  input.right = detMath.cos(heading) > 0.3;
  input.left = detMath.cos(heading) < -0.3;
  input.down = detMath.sin(heading) > 0.3;
  input.up = detMath.sin(heading) < -0.3;
}
