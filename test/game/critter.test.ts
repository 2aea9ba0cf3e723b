import { describe, expect, it } from 'vitest';
import { critter } from '../../game/scripts/critter.ts';
import { createTestWorld, launch, standInPlayer, steps } from './support.ts';

describe('critter', () => {
  it('sleeps most of the time: a thousand of them resume a few times a second each, not every tick', () => {
    const { engine, world, errors } = createTestWorld();
    standInPlayer(world, 560, 350);
    engine.accounting.enabled = true; // counts each thread's resumes
    engine.accounting.now = () => 0; // a clock standing still: no slow-resume warnings from a GC pause or a busy machine
    const swarm = Array.from({ length: 1000 }, (_, i) => launch(world, 'critter', 20 + (i % 50) * 20, 20 + Math.floor(i / 50) * 5, critter));
    steps(engine, 600);
    const resumes = swarm.reduce((sum, c) => sum + engine.accounting.resumesOf(c.thread!), 0);
    const perSecond = resumes / swarm.length / 10;
    expect(perSecond).toBeGreaterThan(1);
    expect(perSecond).toBeLessThan(3);
    expect(errors).toEqual([]);
  });

  it('heads for the player', () => {
    const { engine, world } = createTestWorld();
    const player = standInPlayer(world, 1000, 600);
    const swarm = Array.from({ length: 50 }, (_, i) => launch(world, 'critter', 60 + i * 4, 60, critter));
    const meanDistance = (): number => swarm.reduce((sum, c) => sum + Math.hypot(player.x - c.x, player.y - c.y), 0) / swarm.length;
    const before = meanDistance();
    steps(engine, 300);
    expect(meanDistance()).toBeLessThan(before - 200);
  });

  it('bursts when it touches the player, hurting him once: then he is untouchable for a moment', () => {
    const { engine, world } = createTestWorld();
    const player = standInPlayer(world, 560, 350, false);
    const swarm = Array.from({ length: 20 }, () => launch(world, 'critter', 560, 350, critter));
    steps(engine, 40);
    expect(swarm.every((c) => !c.alive)).toBe(true);
    expect(player.hp).toBe(player.maxHp - 1);
    expect(world.score).toBe(0);
  });
});
