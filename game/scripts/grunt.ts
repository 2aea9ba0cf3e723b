import { joinGroup, race, receive, script, sleep, spawn, timeout, wait } from 'loom-threads';
import gruntArt from '../../assets/grunt.svg';
import { GRUNT_SQUAD, type Entity, type Sighting } from '../sim/entity.ts';
import { angleTo, clamp, type Point, within } from '../sim/geometry.ts';
import type { Kind } from '../sim/kind.ts';
import type { World } from '../sim/world.ts';
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

/**
 * A beetle drone. It patrols its beat until the player comes near (or a scout reports him), then hunts him;
 * after CHASE_SECONDS it gives up, looks confused for a moment and goes back to patrolling.
 *
 * - `race` runs the patrol against a `wait` for the player: the first to finish wins and the patrol is cancelled.
 * - `timeout` bounds the hunt.
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

/** Closes in on the player; near enough, winds up (the telegraph), lunges, recovers; again. */
const hunt = script(function* hunt(world: World, self: Entity) {
  const player = world.playerNear(self);
  if (!player) return;
  try {
    for (;;) {
      self.mode = 'chase';
      self.follow(player, CHASE_SPEED);
      yield* wait(function inLungeRange() { return world.playerWithin(self, LUNGE_RANGE); });
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
    self.halt();
  }
});

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
  hotScripts.update(import.meta.hot.data, { grunt, listen, patrol, hunt, confused });
  hotKinds.update(import.meta.hot.data, GRUNT);
}
