import { script, sleep, wait } from 'loom';
import type { EntityKind } from '../sim/entity.ts';
import { within, type Point } from '../sim/geometry.ts';
import { bossTier, isBossWave, waveMix, type WaveMix } from '../sim/waves.ts';
import type { World } from '../sim/world.ts';
import { summonBoss } from './boss.ts';
import { critter } from './critter.ts';
import { grunt } from './grunt.ts';
import { hive } from './hive.ts';
import { spawnEntity, untilDead, type Behaviour } from './lifecycle.ts';
import { scout } from './scout.ts';

/** Seconds a wave's banner shows before the wave comes. */
export const BANNER_SECONDS = 2;
/** Seconds of calm after a wave is cleared. */
export const CALM_SECONDS = 1.5;
/** Critters come in this many clusters from the edges. */
const SWARM_CLUSTERS = 3;

/**
 * The waves, one after another: announce the wave (a banner and a `sleep`), spawn it, and `wait` for the
 * `waveCleared` signal, or, on a boss wave, `join` the boss until it dies. Each cleared wave gives a heart back.
 * The enemies are this thread's children: cancel the director and every enemy goes.
 *
 * @example
 * ```ts
 * yield* spawn(director, world);
 * ```
 */
export function* director(world: World) {
  for (let wave = world.firstWave; ; wave++) {
    world.wave = wave;
    if (isBossWave(wave)) {
      yield* announce(world, `WAVE ${wave}`, 'BOSS INCOMING', BANNER_SECONDS);
      const boss = yield* summonBoss(world, bossTier(wave));
      yield* untilDead(boss);
      heal(world, 5);
      yield* announce(world, 'BOSS DOWN', 'FULL HEALTH', CALM_SECONDS);
    } else {
      const mix = waveMix(wave, world.swarm);
      yield* announce(world, `WAVE ${wave}`, describe(mix), BANNER_SECONDS);
      yield* spawnWave(world, mix);
      yield* wait(world.waveCleared);
      heal(world, 1);
      yield* announce(world, 'WAVE CLEAR', '+1 HEART', CALM_SECONDS);
    }
  }
}

/** Shows a banner for `seconds`; it goes away however the wait ends. */
const announce = script(function* announce(world: World, text: string, detail: string, seconds: number) {
  world.banner = { text, detail, since: world.time };
  try {
    yield* sleep(seconds);
  } finally {
    world.banner = null;
  }
});

const spawnWave = script(function* spawnWave(world: World, mix: WaveMix) {
  const groups: [EntityKind, number, Behaviour, number][] = [
    ['hive', mix.hives, hive, 120],
    ['grunt', mix.grunts, grunt, 70],
    ['scout', mix.scouts, scout, 50],
  ];
  for (const [kind, count, behaviour, margin] of groups) {
    for (let i = 0; i < count; i++) {
      const at = placeAwayFromPlayer(world, margin);
      yield* spawnEntity(world, kind, at.x, at.y, behaviour);
    }
  }
  const nests = Array.from({ length: SWARM_CLUSTERS }, () => edgePoint(world));
  for (let i = 0; i < mix.critters; i++) {
    const nest = nests[i % SWARM_CLUSTERS]!;
    const angle = world.random.range(0, Math.PI * 2);
    const spread = world.random.range(0, 70);
    yield* spawnEntity(world, 'critter', nest.x + Math.cos(angle) * spread, nest.y + Math.sin(angle) * spread, critter);
  }
});

function heal(world: World, hearts: number): void {
  const player = world.player;
  if (player?.alive) player.hp = Math.min(player.maxHp, player.hp + hearts);
}

function describe(mix: WaveMix): string {
  const parts = [`${mix.grunts} GRUNTS`, `${mix.scouts} SCOUT${mix.scouts > 1 ? 'S' : ''}`];
  if (mix.hives > 0) parts.push(`${mix.hives} HIVE${mix.hives > 1 ? 'S' : ''}`);
  if (mix.critters > 0) parts.push(`${mix.critters} CRITTERS`);
  return parts.join(' · ');
}

/** A random point `margin` inside the arena, preferably well away from the player. */
function placeAwayFromPlayer(world: World, margin: number): Point {
  const { width, height } = world.arena;
  let at: Point = { x: width / 2, y: height / 2 };
  for (let attempt = 0; attempt < 20; attempt++) {
    at = { x: world.random.range(margin, width - margin), y: world.random.range(margin, height - margin) };
    if (!world.player || !within(at, world.player, 320)) break;
  }
  return at;
}

/** A random point just inside one of the arena's edges. */
function edgePoint(world: World): Point {
  const { width, height } = world.arena;
  const along = world.random.next();
  switch (world.random.int(0, 4)) {
    case 0: return { x: along * width, y: 30 };
    case 1: return { x: along * width, y: height - 30 };
    case 2: return { x: 30, y: along * height };
    default: return { x: width - 30, y: along * height };
  }
}
