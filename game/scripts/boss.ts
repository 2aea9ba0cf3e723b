import { detMath, type Operation, race, register, script, shield, sleep, timeout, wait } from 'loom-threads';
import bossEnragedArt from '../../assets/boss-enraged.svg';
import bossArt from '../../assets/boss.svg';
import type { Entity } from '../sim/entity.ts';
import { angleTo } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { CRITTER } from './critter.ts';
import { perish, spawnEntity } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** Seconds between two phases: the boss roars, shakes and cannot be hurt. */
export const TRANSITION_SECONDS = 1.6;
/** Health fractions at which phase 1 and phase 2 end. */
export const PHASE_ENDS = [2 / 3, 1 / 3] as const;
const SHOT_SPEED = 250;
const CHARGE_SPEED = 700;

/**
 * The crab mothership, in three phases, each a sub-script: volleys from the top, spirals from the centre (with
 * critters), then an enraged charge. A phase runs until the boss's health falls below its threshold: `race`
 * then cancels it, and the phase's `finally` plays the transition, which waits its full time before `race`
 * returns and the next phase starts. It registers as `boss`, so the HUD finds it by name (`world.entityNamed`).
 *
 * @example
 * ```ts
 * const boss = yield* spawnEntity(world, BOSS, 640, 160);
 * ```
 */
export function* boss(world: World, self: Entity) {
  yield* register('boss');
  try {
    yield* phase(volley(world, self), function wounded() { return self.hp <= self.maxHp * PHASE_ENDS[0]; });
    yield* phase(spiral(world, self), function badlyWounded() { return self.hp <= self.maxHp * PHASE_ENDS[1]; });
    yield* rage(world, self);
  } finally {
    yield* perish(world, self);
  }
}

/**
 * The boss: the director summons one every third wave (`summonBoss`), not as part of a wave's mix. Drawn under the
 * swarm, enraged in phase 3, with its health in the HUD rather than over it.
 */
export const BOSS: Kind = {
  name: 'boss',
  behaviour: boss,
  stats: { hp: 180, radius: 78, points: 5000, perHit: 10, contact: 2, hostile: true, kamikaze: false, dies: 1.8, colour: 0xff3050 },
  death: { burst: 60, speed: 420, shake: 22, blasts: 9 },
  art: {
    frames: { calm: bossArt, enraged: bossEnragedArt },
    frame: (self) => (self.phase >= 3 ? 'enraged' : 'calm'),
    layer: 'ground',
    healthBar: false,
  },
};

/** Runs a phase until `over` holds; the phase is cancelled then (see each phase's `finally`). */
const phase = script(function* phase(fight: Operation<void>, over: () => boolean) {
  yield* race({ fight, over: wait(over) });
});

/**
 * The visible change of phase, played from the `finally` of the phase that ends: the boss stops, clears the
 * air of bullets, shakes and roars, invulnerable. When the boss itself is being cancelled (it died, or the game
 * restarts), there is no next phase and no transition.
 */
const transition = script(function* transition(world: World, self: Entity) {
  if (self.thread?.cancelling) return;
  self.mode = 'transition';
  self.invulnerable = true;
  self.halt();
  for (const shot of world.enemyShots) shot.alive = false;
  world.emit({ type: 'shake', amount: 16 });
  world.emit({ type: 'ring', x: self.x, y: self.y, radius: 420, color: 0xff3050, to: [] });
  world.emit({ type: 'burst', x: self.x, y: self.y, color: 0xffc640, count: 40, speed: 360 });
  yield* sleep(TRANSITION_SECONDS);
  self.invulnerable = false;
});

/** Phase 1: glide between three posts along the top; at each, three telegraphed fans aimed at the player. */
const volley = script(function* volley(world: World, self: Entity) {
  self.phase = 1;
  self.watch(world.playerNear(self));
  try {
    for (;;) {
      const x = world.random.pick([world.arena.width * 0.25, world.arena.width * 0.5, world.arena.width * 0.75]);
      self.mode = 'idle';
      self.seek(x, 170, 170);
      yield* wait(function atPost() { return self.arrived; });
      for (let i = 0; i < 3; i++) {
        self.mode = 'volley';
        yield* sleep(0.55);
        fan(world, self, 7, 0.9);
        self.mode = 'idle';
        yield* sleep(0.45);
      }
    }
  } finally {
    yield* shield(transition(world, self));
  }
});

/** Phase 2: from the centre, three-armed spirals, then a ring of critters (children of this phase: they die with it). */
const spiral = script(function* spiral(world: World, self: Entity) {
  self.phase = 2;
  self.watch(null);
  try {
    for (;;) {
      self.mode = 'idle';
      self.seek(world.arena.width / 2, world.arena.height / 2, 200);
      yield* wait(function atCentre() { return self.arrived; });
      self.mode = 'spiral';
      for (let turn = 0; turn < 40; turn++) {
        self.angle += 0.21;
        for (let arm = 0; arm < 3; arm++) shoot(world, self, self.angle + (arm * Math.PI * 2) / 3);
        yield* sleep(0.08);
      }
      self.mode = 'idle';
      for (let i = 0; i < 16; i++) {
        const angle = (i / 16) * Math.PI * 2;
        yield* spawnEntity(world, CRITTER, self.x + detMath.cos(angle) * 110, self.y + detMath.sin(angle) * 110);
      }
      yield* sleep(1.8);
    }
  } finally {
    yield* shield(transition(world, self));
  }
});

/** Phase 3, enraged: aim (tracking, then locked), charge to a wall, shockwave, stunned. */
const rage = script(function* rage(world: World, self: Entity) {
  self.phase = 3;
  self.watch(null);
  try {
    for (;;) {
      self.mode = 'aim';
      self.halt();
      for (let tick = 0; tick < 40; tick++) {
        const player = world.playerNear(self);
        if (player) self.aim = self.angle = angleTo(self, player);
        yield;
      }
      yield* sleep(0.3);
      self.mode = 'charge';
      self.drift(self.aim, CHARGE_SPEED);
      yield* timeout(1.4, wait(function hitWall() { return touchesWall(world, self); }));
      self.halt();
      ring(world, self, 20);
      self.mode = 'stunned';
      yield* sleep(0.9);
      fan(world, self, 5, 0.6);
    }
  } finally {
    self.halt();
  }
});

function shoot(world: World, self: Entity, angle: number): void {
  const r = self.radius * 0.7;
  world.fire(true, self.x + detMath.cos(angle) * r, self.y + detMath.sin(angle) * r, angle, SHOT_SPEED);
}

/** `count` bullets spread over `spread` radians, centred on the player. */
function fan(world: World, self: Entity, count: number, spread: number): void {
  const player = world.playerNear(self);
  if (!player) return;
  const aim = angleTo(self, player);
  self.angle = aim;
  for (let i = 0; i < count; i++) shoot(world, self, aim - spread / 2 + (spread * i) / (count - 1));
}

function ring(world: World, self: Entity, count: number): void {
  for (let i = 0; i < count; i++) shoot(world, self, (i / count) * Math.PI * 2);
  world.emit({ type: 'shake', amount: 14 });
  world.emit({ type: 'ring', x: self.x, y: self.y, radius: 260, color: 0xffc640, to: [] });
}

function touchesWall(world: World, self: Entity): boolean {
  const margin = self.radius + 1;
  return self.x <= margin || self.y <= margin || self.x >= world.arena.width - margin || self.y >= world.arena.height - margin;
}

/** Spawns the boss of the given tier (1 for wave 3, 2 for wave 6, ...): tougher each time. */
export const summonBoss = script(function* summonBoss(world: World, tier: number) {
  const entity = yield* spawnEntity(world, BOSS, world.arena.width / 2, 150);
  entity.hp = entity.maxHp = 180 + 90 * (tier - 1);
  return entity;
});

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { boss, phase, transition, volley, spiral, rage, summonBoss });
  hotKinds.update(import.meta.hot.data, BOSS);
}
