import { describe, expect, it } from 'vitest';
import { BOSS, PHASE_ENDS, TRANSITION_SECONDS, boss } from '../../game/scripts/boss.ts';
import type { Mode } from '../../game/sim/entity.ts';
import { createTestWorld, launch, standInPlayer, stepUntil, steps } from './support.ts';

function createBossFight() {
  const test = createTestWorld();
  standInPlayer(test.world, 560, 620);
  const b = launch(test.world, 'boss', 560, 150, boss);
  return { ...test, b };
}

describe('boss', () => {
  it('fights phase 1 until its health falls to the first threshold', () => {
    const { engine, b } = createBossFight();
    steps(engine, 600);
    expect(b.phase).toBe(1);
    expect(['idle', 'volley']).toContain(b.mode);
  });

  it('plays the transition for its full time before the next phase starts, invulnerable meanwhile', () => {
    const { engine, world, b, errors } = createBossFight();
    steps(engine, 100);
    b.hp = Math.floor(b.maxHp * PHASE_ENDS[0]);
    engine.step();
    expect(b.mode).toBe('transition');
    expect(world.damage(b, 1)).toBe(false);

    const phases: number[] = [];
    const modes = new Set<Mode>();
    for (let i = 0; i < TRANSITION_SECONDS * 60; i++) {
      engine.step();
      phases.push(b.phase);
      modes.add(b.mode);
    }
    // Every tick of the transition still belongs to phase 1; phase 2 starts on the tick it ends.
    expect(phases.slice(0, -1).every((p) => p === 1)).toBe(true);
    expect(phases.at(-1)).toBe(2);
    expect(world.damage(b, 1)).toBe(true);
    expect([...modes]).toEqual(['transition', 'idle']);
    expect(errors).toEqual([]);
  });

  it('enrages in phase 3 after the second transition', () => {
    const { engine, b } = createBossFight();
    steps(engine, 10);
    b.hp = Math.floor(b.maxHp * PHASE_ENDS[0]);
    stepUntil(engine, () => b.phase === 2);
    b.hp = Math.floor(b.maxHp * PHASE_ENDS[1]);
    const transition = stepUntil(engine, () => b.phase === 3);
    expect(transition).toBe(1 + TRANSITION_SECONDS * 60);
    stepUntil(engine, () => b.mode === 'aim');
    stepUntil(engine, () => b.mode === 'charge');
  });

  it('plays no transition when it is killed mid-phase: it dies in a chain of explosions', () => {
    const { engine, world, b, errors } = createBossFight();
    steps(engine, 100);
    const modes = new Set<Mode>();
    world.kill(b, true);
    const dying = stepUntil(engine, () => {
      modes.add(b.mode);
      return b.removed;
    });
    expect(modes.has('transition')).toBe(false);
    expect(dying).toBe(1 + BOSS.stats.dies * 60);
    expect(world.score).toBe(BOSS.stats.points);
    expect(errors).toEqual([]);
  });

  it('takes its summoned critters with it when phase 2 ends', () => {
    const { engine, world, b } = createBossFight();
    steps(engine, 10);
    b.hp = Math.floor(b.maxHp * PHASE_ENDS[0]);
    stepUntil(engine, () => b.phase === 2);
    stepUntil(engine, () => world.entities.some((e) => e.kind === 'critter'));
    const critters = world.entities.filter((e) => e.kind === 'critter');
    b.hp = Math.floor(b.maxHp * PHASE_ENDS[1]);
    stepUntil(engine, () => b.phase === 3);
    steps(engine, 30);
    expect(critters.every((c) => c.removed)).toBe(true);
  });

  it('registers as boss, so the HUD finds it by name until it leaves the world', () => {
    const { engine, world, b } = createBossFight();
    expect(world.entityNamed('boss')).toBeNull(); // its script has not run yet
    steps(engine, 1);
    expect(world.entityNamed('boss')).toBe(b);
    expect(engine.whereis('boss')).toBe(b.thread);
    world.kill(b, false);
    stepUntil(engine, () => b.removed);
    expect(world.entityNamed('boss')).toBeNull();
  });
});
