import { call, detMath, joinGroup, race, receive, script, sleep, spawn, timeout, wait, whereis } from 'loom-threads';
import gruntArt from '../../assets/grunt.svg';
import { GRUNT_SQUAD, type Entity, type FlankSlot, type Sighting } from '../sim/entity.ts';
import { angleTo, clamp, type Point, within } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
import { DIRECTOR, type FlankAsk } from './director.ts';
import { perish } from './lifecycle.ts';
import { hotKinds, hotScripts } from './hot-modules.ts';

/** How far a grunt sees the player, in arena units. */
export const SIGHT = 260;
/** Seconds a grunt chases before it gives up. */
export const CHASE_SECONDS = 6;
/** Seconds it shows it is about to lunge: the player's cue to dodge. */
export const WINDUP_SECONDS = 0.45;
export const LUNGE_RANGE = 170;
const PATROL_SPEED = 70;
const CHASE_SPEED = 150;
const LUNGE_SPEED = 560;
const LUNGE_SECONDS = 0.28;
const RECOVER_SECONDS = 0.5;
const CONFUSED_SECONDS = 1.2;
/** Seconds a grunt waits for the director's answer (chasing meanwhile) before it goes straight at the player. */
export const FLANK_PATIENCE = 0.25;
/** How near its flanking slot a grunt must be to wind up from there. */
export const AT_SLOT = 24;
/** How far inside the walls a flanking slot is kept. */
const SLOT_MARGIN = 40;

/**
 * A beetle drone. It patrols its beat until the player comes near (or a scout reports him), then hunts him;
 * after CHASE_SECONDS it gives up, looks confused for a moment and goes back to patrolling.
 *
 * - `race` runs the patrol against a `wait` for the player: the first to finish wins and the patrol is cancelled.
 * - `timeout` bounds the hunt.
 * - A hunt starts with a `call` to the director for a flanking slot, so a wave's grunts close in from all sides; no
 *   answer within FLANK_PATIENCE (the director is busy, or gone) and the grunt goes straight at the player.
 * - A child thread listens for scouts' reports (`receive`): see scout.ts.
 *
 * @example
 * ```ts
 * yield* spawnEntity(world, GRUNT, 300, 200);
 * ```
 */
export function* grunt(world: World, self: Entity) {
  try {
    yield* spawn(listen, self);
    const beat = patrolRoute(world, self);
    for (;;) {
      yield* race({
        patrol: patrol(self, beat),
        spotted: wait(function playerNear() { return world.playerWithin(self, SIGHT); }),
        tipped: wait(function scoutReported() { return self.lead !== null; }),
      });
      self.lead = null;
      const hunted = yield* timeout(CHASE_SECONDS, hunt(world, self));
      if (hunted.timedOut) yield* confused(self);
    }
  } finally {
    yield* perish(world, self);
  }
}

/** The grunt: 2 + n of them in wave n. */
export const GRUNT: Kind = {
  name: 'grunt',
  behaviour: grunt,
  stats: { hp: 4, radius: 18, points: 100, perHit: 0, contact: 1, hostile: true, kamikaze: false, dies: 0.4, colour: 0xff8a2a },
  death: { burst: 22, speed: 260, shake: 3 },
  art: { frames: { body: gruntArt }, layer: 'units' },
  wave: { count: (wave) => 2 + wave, place: { margin: 70 }, label: 'GRUNT' },
};

/**
 * The grunt's ears: a child thread in the grunts' squad group (`GRUNT_SQUAD`) that keeps the latest sighting in
 * radio range as the grunt's lead. Reports come at any time, also mid-hunt; a listener of its own keeps only the
 * freshest, where a `receive` in the race would take a stale one queued during the last hunt.
 */
function* listen(self: Entity) {
  yield* joinGroup(GRUNT_SQUAD);
  for (;;) {
    const sighting = yield* receive<Sighting>();
    if (within(self, sighting.from, sighting.range)) self.lead = sighting;
  }
}

/** Walks the beat, pausing at each post, forever (until the race cancels it). */
const patrol = script(function* patrol(self: Entity, beat: readonly Point[]) {
  self.mode = 'patrol';
  for (;;) {
    for (const post of beat) {
      self.seek(post.x, post.y, PATROL_SPEED);
      yield* wait(function atPost() { return self.arrived; });
      yield* sleep(0.6);
    }
  }
});

/**
 * Asks the director for a flanking slot, then closes in on it (or on the player, without one); near enough, winds
 * up (the telegraph), lunges, recovers; again, from the same slot.
 */
const hunt = script(function* hunt(world: World, self: Entity) {
  const player = world.playerNear(self);
  if (!player) return;
  try {
    self.mode = 'chase';
    self.follow(player, CHASE_SPEED); // it carries on while the director thinks
    self.flank = yield* askForFlank(self);
    for (;;) {
      self.mode = 'chase';
      if (self.flank) yield* toSlot(world, self, player, self.flank);
      else {
        self.follow(player, CHASE_SPEED);
        yield* wait(function inLungeRange() { return world.playerWithin(self, LUNGE_RANGE); });
      }
      self.halt();
      self.mode = 'windup';
      self.angle = angleTo(self, player);
      yield* sleep(WINDUP_SECONDS);
      self.mode = 'lunge';
      self.drift(angleTo(self, player), LUNGE_SPEED);
      yield* sleep(LUNGE_SECONDS);
      self.halt();
      self.mode = 'recover';
      yield* sleep(RECOVER_SECONDS);
    }
  } finally {
    self.flank = null;
    self.halt();
  }
});

/** The director's answer to a call for a flanking slot; null if there is no director or it did not answer in time. */
const askForFlank = script(function* askForFlank(self: Entity) {
  if ((yield* whereis(DIRECTOR)) === null) return null;
  const answer = yield* call<FlankAsk, FlankSlot>(DIRECTOR, { grunt: self.id }, FLANK_PATIENCE);
  return answer.timedOut ? null : answer.value;
});

/** Heads for its slot beside the player, the slot moving with him, a step each tick, until it is there. */
const toSlot = script(function* toSlot(world: World, self: Entity, player: Entity, slot: FlankSlot) {
  for (;;) {
    const at = slotPoint(world, player, slot);
    if (within(self, at, AT_SLOT)) return;
    self.seek(at.x, at.y, CHASE_SPEED);
    yield;
  }
});

/**
 * Where a flanking slot is now: `distance` from the player at `angle`, kept inside the arena (a slot past the wall
 * is taken at the wall).
 *
 * @example
 * ```ts
 * const at = slotPoint(world, player, { index: 0, angle: 0, distance: 130 });
 * ```
 */
export function slotPoint(world: World, player: Point, slot: FlankSlot): Point {
  const { width, height } = world.arena;
  return {
    x: clamp(player.x + detMath.cos(slot.angle) * slot.distance, SLOT_MARGIN, width - SLOT_MARGIN),
    y: clamp(player.y + detMath.sin(slot.angle) * slot.distance, SLOT_MARGIN, height - SLOT_MARGIN),
  };
}

const confused = script(function* confused(self: Entity) {
  self.mode = 'confused';
  yield* sleep(CONFUSED_SECONDS);
});

/** Three posts around where the grunt appeared, inside the arena. */
function patrolRoute(world: World, self: Entity): Point[] {
  const { width, height } = world.arena;
  const post = (dx: number, dy: number): Point => ({
    x: clamp(self.x + dx, 60, width - 60),
    y: clamp(self.y + dy, 60, height - 60),
  });
  const r = world.random;
  return [post(0, 0), post(r.range(-220, 220), r.range(-160, 160)), post(r.range(-220, 220), r.range(-160, 160))];
}

// An edit of this file restarts the threads running its scripts on the new code, and applies its kind's new data
// (docs/hot-reload.md).
if (import.meta.hot) {
  import.meta.hot.accept();
  hotScripts.update(import.meta.hot.data, { grunt, listen, patrol, hunt, askForFlank, toSlot, confused });
  hotKinds.update(import.meta.hot.data, GRUNT);
}
