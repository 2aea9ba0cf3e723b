import { describe, expect, it } from 'vitest';
import { CHASE_SECONDS, LUNGE_RANGE, SIGHT, WINDUP_SECONDS, grunt } from '../../game/scripts/grunt.ts';
import type { Mode } from '../../game/sim/entity.ts';
import { createTestWorld, launch, standInPlayer, stepUntil, steps, teleport } from './support.ts';

describe('grunt', () => {
  it('patrols while the player is out of sight and chases from the first tick he is in range', () => {
    const { engine, world, errors } = createTestWorld();
    const player = standInPlayer(world, 1000, 600);
    const g = launch(world, 'grunt', 200, 200, grunt);
    steps(engine, 120);
    expect(g.mode).toBe('patrol');

    const modes: Mode[] = [];
    teleport(player, g.x + SIGHT - 1, g.y); // in range from the next tick on (predicates are checked first thing)
    for (let i = 0; i < 3; i++) {
      engine.step();
      modes.push(g.mode);
    }
    expect(modes).toEqual(['chase', 'chase', 'chase']);
    expect(errors).toEqual([]);
  });

  it('does not chase a player just out of sight', () => {
    const { engine, world } = createTestWorld();
    standInPlayer(world, 200 + SIGHT + 300, 200);
    const g = launch(world, 'grunt', 200, 200, grunt);
    const modes = new Set<Mode>();
    for (let i = 0; i < 300; i++) {
      engine.step();
      modes.add(g.mode);
    }
    expect([...modes]).toEqual(['patrol']);
  });

  it('winds up for WINDUP_SECONDS before it lunges', () => {
    const { engine, world } = createTestWorld();
    standInPlayer(world, 200 + LUNGE_RANGE - 10, 200);
    const g = launch(world, 'grunt', 200, 200, grunt);
    const windupStart = stepUntil(engine, () => g.mode === 'windup');
    const windupTicks = stepUntil(engine, () => g.mode === 'lunge');
    expect(windupStart).toBeGreaterThan(0);
    expect(windupTicks).toBe(WINDUP_SECONDS * 60);
  });

  it('gives up the chase after CHASE_SECONDS, looks confused, then patrols again', () => {
    const { engine, world } = createTestWorld();
    const player = standInPlayer(world, 300, 100);
    const g = launch(world, 'grunt', 100, 100, grunt);
    stepUntil(engine, () => g.mode === 'chase');
    teleport(player, 1080, 660); // far: the grunt follows but never closes in within the time
    const chased = stepUntil(engine, () => g.mode !== 'chase');
    expect(g.mode).toBe('confused');
    expect(chased).toBe(CHASE_SECONDS * 60);
    const confused = stepUntil(engine, () => g.mode !== 'confused');
    expect(g.mode).toBe('patrol');
    expect(confused).toBe(1.2 * 60);
  });

  it('dies by cancellation: its finally plays the death, then removes it, with every thread it had', () => {
    const { engine, world, errors } = createTestWorld();
    standInPlayer(world, 1000, 600);
    const g = launch(world, 'grunt', 200, 200, grunt);
    steps(engine, 30);
    const threads = world.threadsOf(g);
    expect(threads.map((t) => t.name)).toEqual(['grunt', 'listen', 'race:patrol', 'race:spotted', 'race:tipped']);

    world.kill(g, true);
    expect(g.alive).toBe(false);
    expect(world.score).toBe(100);
    const dying = stepUntil(engine, () => g.removed);
    expect(dying).toBe(1 + 0.4 * 60); // the cancel is taken up on the next tick; then the death takes 0.4 s
    steps(engine, 1);
    expect(threads.filter((t) => t.alive)).toEqual([]);
    expect(world.entities).not.toContain(g);
    expect(errors).toEqual([]);
  });
});
