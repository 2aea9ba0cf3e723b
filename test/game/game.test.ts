import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/index.ts';
import { game } from '../../game/scripts/game.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import { World } from '../../game/sim/world.ts';
import { steer } from '../../game/sim/autopilot.ts';
import { stepUntil, steps } from './support.ts';

/** A whole game with a simple pilot: circles, aims at the nearest enemy, holds the trigger. */
function playGame(seed: number, ticks: number) {
  const errors: unknown[] = [];
  const engine = new Engine({ seed, onError: (error) => errors.push(error) });
  const world = new World(engine, { kinds: gameKinds(), swarm: 200 });
  engine.spawn(game, world);
  world.input.firing = true;
  for (let i = 0; i < ticks; i++) {
    steer(world);
    engine.step();
    world.takeEvents();
  }
  return { engine, world, errors };
}

function snapshot(world: World) {
  return { score: world.score, wave: world.wave, entities: world.entities.map((e) => [e.kind, e.x, e.y, e.hp]) };
}

describe('game', () => {
  it('plays waves: the player scores, enemies die, the next wave comes', () => {
    const { world, errors } = playGame(7, 60 * 40);
    expect(world.wave).toBeGreaterThanOrEqual(2);
    expect(world.score).toBeGreaterThan(500);
    expect(errors).toEqual([]);
  });

  it('replays exactly for the same seed and inputs, and differs for another seed', () => {
    const a = playGame(7, 60 * 15);
    const b = playGame(7, 60 * 15);
    const c = playGame(8, 60 * 15);
    expect(snapshot(b.world)).toEqual(snapshot(a.world));
    expect(snapshot(c.world)).not.toEqual(snapshot(a.world));
  });

  it('restart cancels every thread of the run: the count returns to its idle value before the next run starts', () => {
    const { engine, world, errors } = playGame(7, 60 * 4);
    expect(world.idleThreads).toBe(1);
    expect(engine.threadCount).toBeGreaterThan(30);
    expect(world.runs).toBe(1);

    world.requestRestart();
    const counts: number[] = [];
    stepUntil(engine, () => {
      counts.push(engine.threadCount);
      return world.runs === 2;
    });
    // The tick before the new run, only the game thread was left, and the arena was empty.
    expect(counts.at(-2)).toBe(world.idleThreads);
    expect(counts.slice(0, -2).every((n) => n > world.idleThreads)).toBe(true);
    expect(world.score).toBe(0);
    steps(engine, 1);
    expect(world.entities.map((e) => e.kind)).toEqual(['player']);
    expect(engine.threadCount).toBeGreaterThan(world.idleThreads);
    expect(errors).toEqual([]);
  });

  it('shows game over when the player dies; the waves go on until the restart', () => {
    const { engine, world } = playGame(7, 60 * 3);
    world.kill(world.player!, false);
    stepUntil(engine, () => world.gameOver);
    expect(world.player!.removed).toBe(true);
    steps(engine, 600);
    expect(world.gameOver).toBe(true);
    world.requestRestart();
    stepUntil(engine, () => world.runs === 2);
    expect(world.gameOver).toBe(false);
  });
});
