import { describe, expect, it } from 'vitest';
import { DASH_SECONDS, FIRE_INTERVAL, PLAYER_SPEED, player } from '../../game/scripts/player.ts';
import { createTestWorld, launch, stepUntil, steps } from './support.ts';

describe('player', () => {
  it('moves with the keys at PLAYER_SPEED and stops when they are let go', () => {
    const { engine, world } = createTestWorld();
    const me = launch(world, 'player', 560, 350, player);
    engine.step();
    world.input.right = true;
    steps(engine, 60);
    world.input.right = false;
    steps(engine, 5);
    const x = me.x;
    steps(engine, 30);
    expect(me.x).toBe(x);
    expect(me.x - 560).toBeCloseTo(PLAYER_SPEED, -1);
    expect(me.y).toBe(350);
  });

  it('fires while the trigger is held, FIRE_INTERVAL apart, toward the aim', () => {
    const { engine, world, errors } = createTestWorld();
    launch(world, 'player', 200, 350, player);
    world.input.aimX = 1000;
    world.input.aimY = 350;
    engine.step();
    const shotTicks: number[] = [];
    world.input.firing = true;
    for (let tick = 1; tick <= 30; tick++) {
      const before = world.shots.length;
      engine.step();
      if (world.shots.length > before) shotTicks.push(tick);
    }
    world.input.firing = false;
    const interval = FIRE_INTERVAL * 60;
    expect(shotTicks).toEqual([1, 1 + interval, 1 + 2 * interval, 1 + 3 * interval, 1 + 4 * interval]);
    expect(world.shots.every((s) => s.vy === 0 && s.vx > 0)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('dashes when asked: fast, untouchable, for DASH_SECONDS', () => {
    const { engine, world } = createTestWorld();
    const me = launch(world, 'player', 200, 350, player);
    engine.step();
    world.input.dash = true;
    world.input.right = true;
    engine.step();
    expect(me.invulnerable).toBe(true);
    const dashing = stepUntil(engine, () => !me.invulnerable);
    expect(dashing).toBe(DASH_SECONDS * 60);
    expect(me.x).toBeGreaterThan(200 + 100);
  });
});
