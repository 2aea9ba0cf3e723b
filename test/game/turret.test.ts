import { describe, expect, it } from 'vitest';
import { player, PLAYER } from '../../game/scripts/player.ts';
import { AIM_TOLERANCE, RELOAD_SECONDS, SHOT_SPEED, TURN_RATE, turret } from '../../game/scripts/turret.ts';
import type { Entity } from '../../game/sim/entity.ts';
import type { World } from '../../game/sim/world.ts';
import { createTestWorld, launch, stepUntil, steps } from './support.ts';

/** A player ship running its own script, its input idle: it stays where it is put. */
function ship(world: World, x: number, y: number): Entity {
  const s = launch(world, 'player', x, y, player);
  s.invulnerable = true;
  return s;
}

describe('turret', () => {
  it('locks on the nearest ship, and on the next exactly on the tick the Down of the first arrives, not when it dies', () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const near = ship(world, 700, 350);
    const far = ship(world, 560, 600);
    const gun = launch(world, 'turret', 560, 350, turret);
    engine.step();
    expect(gun.locked).toBe(near);

    world.kill(near, true);
    const burning = PLAYER.stats.dies * 60; // the wreck burns, then leaves the world, and its thread ends
    steps(engine, burning);
    expect(near.alive).toBe(false); // dead since the kill: a turret polling `alive` would have moved on
    expect(near.thread!.alive).toBe(true);
    expect(gun.locked).toBe(near);
    engine.step(); // its thread ends; the Down arrives and is taken in the same tick
    expect(near.thread!.stateName).toBe('cancelled');
    expect(gun.locked).toBe(far);
    expect(errors).toEqual([]);
  });

  it('turns TURN_RATE a second toward its target, fires once on it, then every RELOAD_SECONDS while it stays there', () => {
    const { engine, world } = createTestWorld({ physics: false });
    ship(world, 560, 550); // straight below: a quarter turn from where the turret faces
    const gun = launch(world, 'turret', 560, 350, turret);
    const turns = Math.ceil((Math.PI / 2 - AIM_TOLERANCE) / (TURN_RATE / 60));
    const first = stepUntil(engine, () => world.enemyShots.length > 0);
    expect(first).toBe(turns + 1); // a turn each tick, then the tick it finds itself on target fires
    expect(world.enemyShots).toHaveLength(1);
    const shot = world.enemyShots[0]!;
    expect(Math.abs(Math.atan2(shot.vy, shot.vx) - Math.PI / 2)).toBeLessThanOrEqual(AIM_TOLERANCE);
    expect(Math.hypot(shot.vx, shot.vy)).toBeCloseTo(SHOT_SPEED, 6);
    expect(gun.mode).toBe('aim');
    const second = stepUntil(engine, () => world.enemyShots.length > 1);
    expect(second).toBe(RELOAD_SECONDS * 60);
  });

  it('holds its fire while no ship is in play, and locks on the first that comes', () => {
    const { engine, world } = createTestWorld({ physics: false });
    const gun = launch(world, 'turret', 560, 350, turret);
    steps(engine, 300);
    expect(gun.locked).toBe(null);
    expect(gun.mode).toBe('idle');
    expect(world.enemyShots).toHaveLength(0);
    const late = ship(world, 300, 350);
    engine.step();
    expect(gun.locked).toBe(late);
  });

  it('lets go of its target, and of its monitor, when it dies itself', () => {
    const { engine, world, errors } = createTestWorld({ physics: false });
    const target = ship(world, 700, 350);
    const gun = launch(world, 'turret', 560, 350, turret);
    engine.step();
    expect(target.thread!.monitoredBy).toEqual([gun.thread]);
    world.kill(gun, true);
    engine.step();
    expect(target.thread!.monitoredBy).toEqual([]); // taken off as its death begins, while the wreck still burns
    stepUntil(engine, () => gun.removed);
    expect(gun.locked).toBe(null);
    expect(gun.thread!.alive).toBe(false);
    expect(target.thread!.alive).toBe(true);
    expect(errors).toEqual([]);
  });
});
