import { describe, expect, it } from 'vitest';
import { BOSS } from '../../game/scripts/boss.ts';
import { BANNER_SECONDS, CALM_SECONDS, director } from '../../game/scripts/director.ts';
import { waveMix } from '../../game/sim/waves.ts';
import { createTestWorld, standInPlayer, stepUntil, steps } from './support.ts';

function createDirectedWorld(firstWave = 1) {
  const test = createTestWorld({ physics: false, swarm: 100, firstWave });
  standInPlayer(test.world, 560, 350);
  const thread = test.engine.spawn(director, test.world);
  return { ...test, thread };
}

describe('director', () => {
  it('announces a wave with a banner, sleeps, then spawns it', () => {
    const { engine, world } = createDirectedWorld();
    engine.step();
    expect(world.banner?.text).toBe('WAVE 1');
    expect(world.hostileCount).toBe(0);
    const announced = stepUntil(engine, () => world.banner === null);
    expect(announced).toBe(BANNER_SECONDS * 60);
    const mix = waveMix(world.kinds.all, 1, 100);
    expect(world.hostileCount).toBe(mix.reduce((sum, { count }) => sum + count, 0));
  });

  it('waits for the waveCleared signal, however long it takes, and moves on the tick it comes', () => {
    const { engine, world, thread } = createDirectedWorld();
    stepUntil(engine, () => world.hostileCount > 0);
    steps(engine, 3000);
    expect(world.wave).toBe(1);
    expect(world.banner).toBe(null);
    expect(thread.waitingOn).toBe('race(cleared, flanks)'); // the signal, answering the grunts' calls meanwhile

    world.waveCleared.emit(1); // the signal alone, with every enemy still there
    engine.step();
    expect(world.banner?.text).toBe('WAVE CLEAR');
    steps(engine, CALM_SECONDS * 60);
    expect(world.wave).toBe(2);
    expect(world.banner?.text).toBe('WAVE 2');
  });

  it('hears the signal when the last enemy of the wave is gone', () => {
    const { engine, world, errors } = createDirectedWorld();
    stepUntil(engine, () => world.hostileCount > 0);
    for (const enemy of [...world.entities]) if (enemy.kind !== 'player') world.kill(enemy, true);
    stepUntil(engine, () => world.hostileCount === 0);
    expect(world.banner?.text).toBe('WAVE CLEAR');
    expect(errors).toEqual([]);
  });

  it('joins the boss on a boss wave and moves on only once the boss is dead', () => {
    const { engine, world, thread } = createDirectedWorld(3);
    stepUntil(engine, () => world.entities.some((e) => e.kind === 'boss'));
    const boss = world.entities.find((e) => e.kind === 'boss')!;
    steps(engine, 600);
    expect(thread.waitingOn).toBe(`join ${boss.thread!.label}`);
    expect(thread.frames).toEqual(['director', 'untilDead', 'untilEnded']);

    world.kill(boss, true);
    const dying = stepUntil(engine, () => world.banner !== null);
    expect(dying).toBe(1 + BOSS.stats.dies * 60);
    expect(boss.removed).toBe(true);
    expect(world.banner?.text).toBe('BOSS DOWN');
  });
});
