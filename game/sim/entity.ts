import type { Thread } from '../../engine/index.ts';
import type { Sighting } from '../scripts/grunt.ts';
import type { Point } from './geometry.ts';

/** Every kind of thing that lives in the arena and runs a script. */
export type EntityKind = 'player' | 'grunt' | 'scout' | 'hive' | 'brood' | 'critter' | 'boss';

/** What a kind starts with; scripts change the rest. */
export interface KindStats {
  hp: number;
  /** Collision radius in arena units. */
  radius: number;
  /** Score for killing one. */
  points: number;
  /** Score for each hit on one (the big ones, so a long fight pays as it goes). */
  perHit: number;
  /** Damage dealt to the player on contact (0: harmless). */
  contact: number;
  /** Counts toward clearing a wave. */
  hostile: boolean;
  /** Dies on touching the player (kamikaze swarmers). */
  kamikaze: boolean;
  /** Seconds its death takes: the view plays it meanwhile. */
  dies: number;
  /** Its key colour (the colour of its death burst). */
  colour: number;
}

/** The stats of each kind. */
export const KINDS: Readonly<Record<EntityKind, KindStats>> = {
  player: { hp: 5, radius: 20, points: 0, perHit: 0, contact: 0, hostile: false, kamikaze: false, dies: 1.2, colour: 0x27e0d0 },
  grunt: { hp: 4, radius: 18, points: 100, perHit: 0, contact: 1, hostile: true, kamikaze: false, dies: 0.4, colour: 0xff8a2a },
  scout: { hp: 2, radius: 14, points: 150, perHit: 0, contact: 1, hostile: true, kamikaze: false, dies: 0.35, colour: 0xb6f23a },
  hive: { hp: 24, radius: 46, points: 500, perHit: 5, contact: 1, hostile: true, kamikaze: false, dies: 0.6, colour: 0xe040c8 },
  brood: { hp: 2, radius: 10, points: 25, perHit: 0, contact: 1, hostile: true, kamikaze: true, dies: 0.25, colour: 0xff6ad5 },
  critter: { hp: 1, radius: 8, points: 5, perHit: 0, contact: 1, hostile: true, kamikaze: true, dies: 0.2, colour: 0xa98bff },
  boss: { hp: 180, radius: 78, points: 5000, perHit: 10, contact: 2, hostile: true, kamikaze: false, dies: 1.8, colour: 0xff3050 },
};

/** How the physics step moves an entity; scripts pick one with `seek`, `follow`, `drift` or `halt`. */
export const Motion = {
  /** Stays put. */
  STILL: 0,
  /** Moves toward a point and stops on it. */
  SEEK: 1,
  /** Moves toward another entity, wherever it goes. */
  FOLLOW: 2,
  /** Moves at a fixed velocity. */
  DRIFT: 3,
} as const;
export type Motion = (typeof Motion)[keyof typeof Motion];

/**
 * What a script is doing, for the view (telegraphs, icons) and for tests: grunts patrol, chase, wind up,
 * lunge, recover and get confused; the boss aims, charges, is stunned or changes phase.
 */
export type Mode =
  | 'idle' | 'patrol' | 'chase' | 'windup' | 'lunge' | 'recover' | 'confused'
  | 'volley' | 'spiral' | 'aim' | 'charge' | 'stunned' | 'transition';

/**
 * A thing in the arena: position, health and the state its script shows. Its behaviour is not here: it is the
 * script running on `thread`, and the entity lives exactly as long as that thread (see scripts/lifecycle.ts).
 *
 * @example
 * ```ts
 * const grunt = world.add('grunt', 200, 300);
 * grunt.seek(400, 300, 70); // the physics step walks it there
 * ```
 */
export class Entity implements Point {
  // Number fields start as numbers: declared without a value they would start undefined, and V8 would then store
  // every fractional value written to them (each tick, for positions) as a new heap number.
  x = 0;
  y = 0;
  /** Position at the end of the previous tick: the view interpolates from it. */
  prevX = 0;
  prevY = 0;
  /** Facing in radians (0 = +x). */
  angle = 0;
  prevAngle = 0;
  hp = 0;
  maxHp = 0;
  readonly radius: number = 0;
  /** In play: it collides, can be hit and hurts. False from the moment it dies. */
  alive = true;
  /** Gone from the world: the view drops its sprite. */
  removed = false;
  /** The thread running its behaviour: killing the entity cancels it. */
  thread: Thread | null = null;
  /** The thread that takes scouts' reports for it (`send(entity.inbox, sighting)`), when it listens. */
  inbox: Thread<unknown, Sighting> | null = null;
  mode: Mode = 'idle';
  /** Simulated time it appeared, was last hurt, died. */
  bornAt = 0;
  hurtAt = -Infinity;
  diedAt = Infinity;
  /** Takes no damage (a boss between phases, a dashing player). */
  invulnerable = false;
  /** Bullets glance off (a closed hive). */
  armoured = false;
  /** Script state the view shows: a hive's open iris, the boss phase, an aim direction. */
  open = false;
  phase = 1;
  aim = 0;
  /** The last report a scout sent it: where the player was. */
  lead: Point | null = null;

  motion: Motion = Motion.STILL;
  speed = 0;
  goalX = 0;
  goalY = 0;
  target: Entity | null = null;
  /** Turned toward by the physics step, whatever the motion, when set (see `watch`). */
  watched: Entity | null = null;
  vx = 0;
  vy = 0;
  /** Knockback velocity, decaying. */
  pushX = 0;
  pushY = 0;
  /** @internal Index in the world's entity list. */
  slot = -1;

  constructor(
    /** Unique in its world. */
    readonly id: number,
    readonly kind: EntityKind,
    x: number,
    y: number,
    now: number,
  ) {
    this.x = this.prevX = x;
    this.y = this.prevY = y;
    this.hp = this.maxHp = KINDS[kind].hp;
    this.radius = KINDS[kind].radius;
    this.bornAt = now;
  }

  /** Walk toward (x, y) at `speed` units/s and stop there. */
  seek(x: number, y: number, speed: number): void {
    this.motion = Motion.SEEK;
    this.goalX = x;
    this.goalY = y;
    this.speed = speed;
  }

  /** Move toward `target` at `speed` units/s, wherever it goes. */
  follow(target: Entity, speed: number): void {
    this.motion = Motion.FOLLOW;
    this.target = target;
    this.speed = speed;
  }

  /** Move at `speed` units/s in direction `angle`. */
  drift(angle: number, speed: number): void {
    this.motion = Motion.DRIFT;
    this.vx = Math.cos(angle) * speed;
    this.vy = Math.sin(angle) * speed;
    this.angle = angle;
  }

  halt(): void {
    this.motion = Motion.STILL;
    this.target = null;
  }

  /** Keep turning toward `target` (null: face the way it moves). */
  watch(target: Entity | null): void {
    this.watched = target;
  }

  /** Whether a `seek` has reached its point. */
  get arrived(): boolean {
    return this.motion === Motion.SEEK ? this.x === this.goalX && this.y === this.goalY : true;
  }
}
