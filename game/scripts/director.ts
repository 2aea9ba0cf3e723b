import { detMath, race, receive, register, Request, script, sleep, wait } from 'loom-threads';
import type { FlankSlot } from '../sim/entity.ts';
import { within, type Point } from '../sim/geometry.ts';
import { bossTier, isBossWave, waveMix, type WaveGroup } from '../sim/waves.ts';
import type { World } from '../sim/world.ts';
import { summonBoss } from './boss.ts';
import { spawnEntity, untilDead } from './lifecycle.ts';
import { hotScripts } from './hot-modules.ts';

/** Seconds a wave's banner shows before the wave comes. */
export const BANNER_SECONDS = 2;
/** Seconds of calm after a wave is cleared. */
export const CALM_SECONDS = 1.5;
/** The kinds placed at the `edges` (critters) come in this many clusters. */
const SWARM_CLUSTERS = 3;
/** The name the director registers under: grunts `call` it for a flanking slot. */
export const DIRECTOR = 'director';
/** Flanking slots around the player, handed out in this order (in sixths of a turn): each next grunt comes from across. */
export const FLANK_ORDER = [0, 3, 1, 4, 2, 5] as const;
/** How far from the player a flanking slot is: inside a grunt's lunge range. */
export const FLANK_DISTANCE = 130;

/** What a grunt asks the director: a slot for its hunt. */
export interface FlankAsk {
  grunt: number;
}

/**
 * The waves, one after another: announce the wave (a banner and a `sleep`), spawn it (each kind of `world.kinds`
 * with a wave role, as many as its role says), and `wait` for the `waveCleared` signal, or, on a boss wave, `join`
 * the boss until it dies. Each cleared wave gives a heart back. The enemies are this thread's children: cancel the
 * director and every enemy goes. It registers as `director`, and while a wave is on it answers the grunts' calls
 * for flanking slots; meanwhile (a banner, a boss) their calls time out and they go straight at the player.
 *
 * @example
 * ```ts
 * yield* spawn(director, world);
 * ```
 */
export function* director(world: World) {
  yield* register(DIRECTOR);
  for (let wave = world.firstWave; ; wave++) {
    world.wave = wave;
    if (isBossWave(wave)) {
      yield* announce(world, `WAVE ${wave}`, 'BOSS INCOMING', BANNER_SECONDS);
      const boss = yield* summonBoss(world, bossTier(wave));
      yield* untilDead(boss);
      heal(world, 5);
      yield* announce(world, 'BOSS DOWN', 'FULL HEALTH', CALM_SECONDS);
    } else {
      const mix = waveMix(world.kinds.all, wave, world.swarm);
      yield* announce(world, `WAVE ${wave}`, describe(mix), BANNER_SECONDS);
      yield* spawnWave(world, mix);
      yield* race({ cleared: wait(world.waveCleared), flanks: flankDesk() });
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

const spawnWave = script(function* spawnWave(world: World, mix: readonly WaveGroup[]) {
  // Largest first: the order of the random draws is part of what a seed replays.
  const bySize = [...mix].sort((a, b) => b.kind.stats.radius - a.kind.stats.radius);
  for (const { kind, role, count } of bySize) {
    if (role.place === 'edges') continue;
    for (let i = 0; i < count; i++) {
      const at = placeAwayFromPlayer(world, role.place.margin);
      yield* spawnEntity(world, kind, at.x, at.y);
    }
  }
  const nests = Array.from({ length: SWARM_CLUSTERS }, () => edgePoint(world));
  for (const { kind, role, count } of mix) {
    if (role.place !== 'edges') continue;
    for (let i = 0; i < count; i++) {
      const nest = nests[i % SWARM_CLUSTERS]!;
      const angle = world.random.range(0, Math.PI * 2);
      const spread = world.random.range(0, 70);
      yield* spawnEntity(world, kind, nest.x + detMath.cos(angle) * spread, nest.y + detMath.sin(angle) * spread);
    }
  }
});

/**
 * Answers the grunts' calls for a flanking slot, in the order they come, with the next slot of FLANK_ORDER; a call
 * whose grunt has stopped waiting (it timed out, or died) takes no slot. Runs until the wave is cleared.
 */
const flankDesk = script(function* flankDesk() {
  for (let given = 0; ;) {
    const ask = yield* receive(isFlankAsk);
    const slot: FlankSlot = { index: given, angle: (FLANK_ORDER[given % FLANK_ORDER.length]! * Math.PI) / 3, distance: FLANK_DISTANCE };
    if (ask.reply(slot)) given++;
  }
});

function isFlankAsk(message: unknown): message is Request<FlankAsk, FlankSlot> {
  return message instanceof Request && typeof (message.body as Partial<FlankAsk> | null)?.grunt === 'number';
}

function heal(world: World, hearts: number): void {
  for (const player of world.players) if (player.alive) player.hp = Math.min(player.maxHp, player.hp + hearts);
}

/** The banner's line: '3 GRUNTS · 1 SCOUT · 100 CRITTERS'. */
function describe(mix: readonly WaveGroup[]): string {
  return mix.filter(({ count }) => count > 0).map(({ role, count }) => `${count} ${role.label}${count > 1 ? 'S' : ''}`).join(' · ');
}

/** A random point `margin` inside the arena, preferably well away from the player. */
function placeAwayFromPlayer(world: World, margin: number): Point {
  const { width, height } = world.arena;
  let at: Point = { x: width / 2, y: height / 2 };
  // One player: even dead, its last position is kept clear. Co-op: every ship in the arena.
  const players = world.coop ? world.players : world.player ? [world.player] : [];
  for (let attempt = 0; attempt < 20; attempt++) {
    at = { x: world.random.range(margin, width - margin), y: world.random.range(margin, height - margin) };
    if (!players.some((player) => within(at, player, 320))) break;
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

// An edit of this file restarts the threads running its scripts on the new code (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { director, announce, spawnWave, flankDesk });
}
