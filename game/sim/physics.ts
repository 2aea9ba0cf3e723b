import { detMath } from 'loom-threads';
import { Motion, type Entity } from './entity.ts';
import { clamp, within } from './geometry.ts';
import { moveBullets, sweepBullets, type Bullet } from './projectiles.ts';
import { SPAWN_GRACE, type World } from './world.ts';

/**
 * The physics thread: once per tick it moves everything and resolves hits. Scripts only set where things go
 * (`seek`, `follow`, `drift`); all movement happens here, so every position changes once per tick and the view
 * can interpolate between the last two.
 *
 * @example
 * ```ts
 * yield* spawn(physics, world);
 * ```
 */
export function* physics(world: World) {
  try {
    for (;;) {
      stepPhysics(world);
      yield;
    }
  } finally {
    // The bullets are data of this thread's making: they end with it.
    world.shots.length = 0;
    world.enemyShots.length = 0;
  }
}

/** One tick of movement and collisions. */
export function stepPhysics(world: World): void {
  const dt = world.engine.dt;
  world.grid.clear();
  for (const entity of world.entities) {
    moveEntity(entity, dt, world);
    if (entity.alive && entity.kind !== 'player') world.grid.insert(entity);
  }
  moveBullets(world.shots, dt, world.arena);
  moveBullets(world.enemyShots, dt, world.arena);
  for (const shot of world.shots) if (shot.alive) hitEnemies(world, shot);
  hitPlayer(world);
  sweepBullets(world.shots);
  sweepBullets(world.enemyShots);
}

function moveEntity(entity: Entity, dt: number, world: World): void {
  entity.prevX = entity.x;
  entity.prevY = entity.y;
  entity.prevAngle = entity.angle;
  switch (entity.motion) {
    case Motion.SEEK:
      stepToward(entity, entity.goalX, entity.goalY, entity.speed * dt, true);
      break;
    case Motion.FOLLOW:
      if (entity.target && !entity.target.removed) stepToward(entity, entity.target.x, entity.target.y, entity.speed * dt, false);
      break;
    case Motion.DRIFT:
      entity.x += entity.vx * dt;
      entity.y += entity.vy * dt;
      break;
  }
  if (entity.watched && !entity.watched.removed) turnToward(entity, entity.watched, dt);
  if (entity.pushX !== 0 || entity.pushY !== 0) {
    entity.x += entity.pushX * dt;
    entity.y += entity.pushY * dt;
    entity.pushX = Math.abs(entity.pushX) < 5 ? 0 : entity.pushX * 0.85;
    entity.pushY = Math.abs(entity.pushY) < 5 ? 0 : entity.pushY * 0.85;
  }
  const r = entity.radius;
  entity.x = clamp(entity.x, r, world.arena.width - r);
  entity.y = clamp(entity.y, r, world.arena.height - r);
}

function stepToward(entity: Entity, x: number, y: number, step: number, stop: boolean): void {
  const dx = x - entity.x;
  const dy = y - entity.y;
  const d = detMath.hypot(dx, dy);
  if (d <= step) {
    if (stop || d > 0) {
      entity.x = x;
      entity.y = y;
    }
    return;
  }
  entity.x += (dx / d) * step;
  entity.y += (dy / d) * step;
  if (!entity.watched) entity.angle = detMath.atan2(dy, dx);
}

const TURN_RATE = 5;

function turnToward(entity: Entity, target: Entity, dt: number): void {
  let delta = detMath.atan2(target.y - entity.y, target.x - entity.x) - entity.angle;
  delta = detMath.atan2(detMath.sin(delta), detMath.cos(delta));
  entity.angle += clamp(delta, -TURN_RATE * dt, TURN_RATE * dt);
}

/** A player bullet against the enemies in its cell: swarmers it pierces, anything else stops it. */
function hitEnemies(world: World, shot: Bullet): void {
  for (const enemy of world.grid.at(shot.x, shot.y)) {
    if (!enemy.alive || !within(shot, enemy, enemy.radius + shot.radius)) continue;
    if (world.time - enemy.bornAt < SPAWN_GRACE) continue;
    if (!world.damage(enemy, shot.damage)) {
      world.emit({ type: 'ricochet', x: shot.x, y: shot.y });
      shot.alive = false;
      return;
    }
    world.emit({ type: 'burst', x: shot.x, y: shot.y, color: 0xffffff, count: 3, speed: 120 });
    enemy.pushX += shot.vx * 0.12;
    enemy.pushY += shot.vy * 0.12;
    if (!enemy.type.stats.kamikaze || shot.pierce-- <= 0) {
      shot.alive = false;
      return;
    }
  }
}

/** Enemy bodies and enemy bullets against the player. Swarmers that touch the player burst. */
function hitPlayer(world: World): void {
  for (const player of world.players) if (player.alive) hitShip(world, player);
}

function hitShip(world: World, player: Entity): void {
  world.grid.near(player.x, player.y, player.radius, (enemy) => {
    if (!enemy.alive || world.time - enemy.bornAt < SPAWN_GRACE) return;
    if (!within(player, enemy, player.radius + enemy.radius)) return;
    const stats = enemy.type.stats;
    if (stats.contact > 0) world.hurtPlayer(enemy, stats.contact, player);
    if (stats.kamikaze) world.kill(enemy, false);
  });
  for (const shot of world.enemyShots) {
    if (shot.alive && within(shot, player, player.radius + shot.radius - 4)) {
      shot.alive = false;
      world.hurtPlayer(shot, shot.damage, player);
    }
  }
}
