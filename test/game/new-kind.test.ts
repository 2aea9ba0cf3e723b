import { describe, expect, it } from 'vitest';
import mineArt from '../../assets/mine.svg';
import { sleep } from '../../engine/index.ts';
import { director } from '../../game/scripts/director.ts';
import { gameKinds } from '../../game/scripts/kinds.ts';
import { perish } from '../../game/scripts/lifecycle.ts';
import type { Entity } from '../../game/sim/entity.ts';
import type { Kind } from '../../game/sim/kind.ts';
import { KindRegistry } from '../../game/sim/kind-registry.ts';
import type { World } from '../../game/sim/world.ts';
import { createTestWorld, standInPlayer, stepUntil, steps } from './support.ts';

// The worked example of docs/add-an-entity.md, as written there: keep the two the same.

/** A floating mine: every second it drifts a little way toward the player; it bursts on contact. */
function* mine(world: World, self: Entity) {
  try {
    for (;;) {
      const player = world.player;
      if (player?.alive) self.seek(player.x, player.y, 40);
      yield* sleep(1);
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The mine: two in wave 1, one more each wave. */
const MINE: Kind = {
  name: 'mine',
  behaviour: mine,
  stats: { hp: 1, radius: 16, points: 50, perHit: 0, contact: 2, hostile: true, kamikaze: true, dies: 0.3, colour: 0x4aa8ff },
  death: { burst: 22, speed: 260, shake: 3 },
  art: { frames: { body: mineArt }, layer: 'units' },
  wave: { count: (wave) => wave + 1, place: { margin: 90 }, label: 'MINE' },
};

/** A world with the director running wave 1 and a player standing in the middle. */
function createWave(kinds: KindRegistry) {
  const test = createTestWorld({ swarm: 100, kinds });
  const player = standInPlayer(test.world, 560, 350);
  test.engine.spawn(director, test.world);
  test.engine.step();
  const banner = test.world.banner?.detail;
  stepUntil(test.engine, () => test.world.hostileCount > 0);
  return { ...test, player, banner };
}

describe('a kind added to the registry', () => {
  it('comes in the waves: named on the banner, as many as its wave role says, inside its margin, running its script', () => {
    const kinds = gameKinds();
    kinds.register(MINE);
    const { engine, world, player, banner, errors } = createWave(kinds);
    expect(banner).toBe('3 GRUNTS · 1 SCOUT · 20 CRITTERS · 2 MINES');

    const mines = world.entities.filter((e) => e.kind === 'mine');
    expect(mines.length).toBe(2);
    for (const m of mines) {
      expect(m.type).toBe(MINE);
      expect(m.hp).toBe(1);
      expect(m.thread?.name).toBe('mine');
      expect(m.x).toBeGreaterThanOrEqual(90);
      expect(m.x).toBeLessThanOrEqual(world.arena.width - 90);
      expect(m.y).toBeGreaterThanOrEqual(90);
      expect(m.y).toBeLessThanOrEqual(world.arena.height - 90);
    }
    expect(world.hostileCount).toBe(3 + 1 + 20 + 2); // grunts, a scout, critters, mines

    // Its script runs: it closes in on the player.
    const before = mines.map((m) => Math.hypot(m.x - player.x, m.y - player.y));
    steps(engine, 120);
    const after = mines.map((m) => Math.hypot(m.x - player.x, m.y - player.y));
    after.forEach((d, i) => expect(d).toBeLessThan(before[i]! - 30));
    expect(errors).toEqual([]);
  });

  it('counts toward clearing the wave, and dies as its death says', () => {
    const kinds = gameKinds();
    kinds.register(MINE);
    const { engine, world, errors } = createWave(kinds);
    for (const enemy of [...world.entities]) if (enemy.kind !== 'mine' && enemy.kind !== 'player') world.kill(enemy, false);
    stepUntil(engine, () => world.entities.every((e) => e.kind === 'mine' || e.kind === 'player'));
    expect(world.hostileCount).toBe(2);
    expect(world.banner).toBe(null);

    world.takeEvents();
    for (const m of world.entities.filter((e) => e.kind === 'mine')) world.kill(m, true);
    expect(world.score).toBe(2 * MINE.stats.points);
    engine.step(); // the deaths play in the scripts' `finally`
    const effects = world.takeEvents().flatMap((e): (string | number)[][] =>
      e.type === 'burst' ? [[e.type, e.color, e.count, e.speed]] : e.type === 'shake' ? [[e.type, e.amount]] : []);
    const death = [['burst', 0x4aa8ff, 22, 260], ['shake', 3]];
    expect(effects).toEqual([...death, ...death]);
    const dying = stepUntil(engine, () => world.hostileCount === 0);
    expect(dying).toBe(MINE.stats.dies * 60);
    expect(world.banner?.text).toBe('WAVE CLEAR');
    expect(errors).toEqual([]);
  });

  it('is left out of a world that did not register it', () => {
    const { world, banner } = createWave(gameKinds());
    expect(banner).toBe('3 GRUNTS · 1 SCOUT · 20 CRITTERS');
    expect(world.entities.some((e) => e.kind === 'mine')).toBe(false);
    expect(world.hostileCount).toBe(3 + 1 + 20);
  });
});

describe('KindRegistry', () => {
  it('keeps kinds in the order registered, finds them by name, and refuses a name twice', () => {
    const kinds = new KindRegistry([MINE]);
    expect(kinds.all).toEqual([MINE]);
    expect(kinds.has('mine')).toBe(true);
    expect(kinds.has('grunt')).toBe(false);
    expect(() => kinds.get('grunt')).toThrow("no kind named 'grunt' is registered");
    expect(() => kinds.register({ ...MINE })).toThrow("a kind named 'mine' is already registered");
    expect(gameKinds().all.map((k) => k.name)).toEqual(['player', 'grunt', 'scout', 'hive', 'turret', 'brood', 'critter', 'boss']);
  });
});
