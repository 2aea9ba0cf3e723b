import { detMath, type Thread } from 'loom-threads';
import type { Point } from './geometry.ts';
import type { Kind } from './kind.ts';

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

/** A sighting a scout broadcasts to the grunts' squad: where the player was, and where it was heard from. */
export interface Sighting extends Point {
  scout: number;
  /** Where the scout radioed from, and how far its radio carries: a grunt farther away does not hear it. */
  from: Point;
  range: number;
}

/**
 * A place beside the player that the director gives a grunt who asks (see `call`), so the grunts of a wave close in
 * from all sides: `distance` units from the player at `angle`, the `index`-th slot handed out in this wave.
 */
export interface FlankSlot {
  index: number;
  angle: number;
  distance: number;
}

/** The group every grunt's ears join (see `joinGroup`): a scout's sighting is broadcast to it. */
export const GRUNT_SQUAD = 'squad:grunts';

/**
 * A thing in the arena: position, health and the state its script shows. Its behaviour is not here: it is the
 * script running on `thread`, and the entity lives exactly as long as that thread (see scripts/lifecycle.ts).
 *
 * @example
 * ```ts
 * const grunt = world.add(GRUNT, 200, 300);
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
  /** A player ship's seat: whose input steers it (0 but in co-op). */
  seat = 0;
  /** The last report a scout sent it: where the player was. */
  lead: Point | null = null;
  /** A grunt's flanking slot for its current hunt, as the director gave it; null to go straight at the player. */
  flank: FlankSlot | null = null;
  /** The ship a turret is locked on, until that ship's thread ends. */
  locked: Entity | null = null;

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
  /**
   * Its thread's hot-reload count when its script, restarted by a reload, ended without being cancelled
   * (scripts/lifecycle.ts): the engine holds such a thread until the next reload restarts it, and no cleanup of
   * the script is left to play the entity's death meanwhile. -1: never.
   */
  heldAtReload = -1;

  /** Its kind's name: `type.name`. */
  readonly kind: string;

  constructor(
    /** Unique in its world. */
    readonly id: number,
    /** Its kind: stats, art, behaviour. */
    readonly type: Kind,
    x: number,
    y: number,
    now: number,
  ) {
    this.kind = type.name;
    this.x = this.prevX = x;
    this.y = this.prevY = y;
    this.hp = this.maxHp = type.stats.hp;
    this.radius = type.stats.radius;
    this.bornAt = now;
  }

  /**
   * Whether nothing of its script is left to play its death: its thread has ended, or hot reload holds it since
   * its script ended (see `heldAtReload`) and no reload has restarted it yet.
   */
  get scriptless(): boolean {
    const thread = this.thread;
    return thread !== null && (!thread.alive || thread.reloads === this.heldAtReload);
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
    this.vx = detMath.cos(angle) * speed;
    this.vy = detMath.sin(angle) * speed;
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
